import DuijieCore
import Sheets

/// A label met on a form: its field, its text, the value beside it and its row.
struct FormLabel<Field: SchemaField> {
    var field: Field
    var text: HeaderText
    var value: CellValue
    var row: Int
}

/// Reads label/value forms: a 征集表 as enterprises fill it in, label cells beside value cells
/// (`企业名称 | 某公司`, `所在县区 | 安平县 | 所属领域 | 丝网`), one form per sheet or several stacked. Each form becomes
/// one record; a label met again starts the next form.
enum FormReader {
    struct Form {
        /// The values, one cell per field column of `header`.
        var row: SheetRow
        /// Where the form starts.
        var source: SourceRef
        /// The sheet row of each field column's label, for messages.
        var rowOf: [Int: Int]
    }

    struct Forms<Field: SchemaField> {
        var header: HeaderMap<Field>
        var records: [Form]
        var columns: [SheetExplanation.Column]
    }

    /// The forms in `rows`, or nil when the rows are not laid out as label/value forms this kind accepts.
    static func read<Schema: RecordSchema>(_ rows: [SheetRow], schema: Schema, context: SheetContext) -> Forms<Schema.Field>? {
        typealias Field = Schema.Field
        typealias Label = FormLabel<Field>
        func label(_ cell: CellValue) -> (Field, HeaderText)? {
            guard case .text(let raw) = cell else { return nil }
            let text = HeaderText(raw)
            guard text.key.unicodeScalars.count <= 20 else { return nil }
            for key in [text.key] + text.alternatives where !key.isEmpty {
                if let hit = schema.vocabulary.exactField(key), !hit.generic, let field = Field(rawValue: hit.field) {
                    return (field, text)
                }
            }
            return nil
        }
        var labels: [Label] = []
        for row in rows {
            var index = 0
            while index < row.cells.count {
                guard let (field, text) = label(row[index]) else {
                    index += 1
                    continue
                }
                var next = index + 1
                while next < row.cells.count, row[next].isBlank { next += 1 }
                if next < row.cells.count, label(row[next]) == nil {
                    labels.append(Label(field: field, text: text, value: row[next], row: row.number))
                    index = next + 1
                } else {
                    labels.append(Label(field: field, text: text, value: CellValue.empty, row: row.number))
                    index = next
                }
            }
        }
        guard labels.count >= 3 else { return nil }
        // Split into forms: a field met a second time starts a new one.
        var groups: [[Label]] = [[]]
        for item in labels {
            if groups[groups.count - 1].contains(where: { $0.field == item.field }) { groups.append([]) }
            groups[groups.count - 1].append(item)
        }
        var order: [Field] = []
        var headers: [HeaderText] = []
        for item in labels where !order.contains(item.field) {
            order.append(item.field)
            headers.append(item.text)
        }
        var header = HeaderMap<Field>(
            row: labels[0].row, rows: [], columns: [:], repeated: [:], headers: headers.map(\.display), units: [:],
            maxTenths: [:], decisions: [:], serialColumns: [])
        for (column, field) in order.enumerated() {
            header.columns[field] = column
            header.decisions[column] = ColumnDecision(
                how: .synonym, field: field.rawValue, note: "a label beside its value", exact: true)
            if let unit = headers[column].unit { header.units[column] = unit }
            if let max = headers[column].maxTenths { header.maxTenths[column] = max }
        }
        var forms: [Form] = []
        for group in groups where !group.isEmpty {
            var probe = header
            probe.columns = header.columns.filter { field, _ in group.contains { $0.field == field } }
            guard probe.columns.count >= 2, schema.accepts(probe, context: context) else { continue }
            var cells = [CellValue](repeating: .empty, count: order.count)
            var rowOf: [Int: Int] = [:]
            for item in group {
                let column = order.firstIndex(of: item.field)!
                cells[column] = item.value
                rowOf[column] = item.row
            }
            forms.append(
                Form(
                    row: SheetRow(number: group[0].row, cells: cells),
                    source: SourceRef(file: context.file, sheet: context.sheet, row: group[0].row), rowOf: rowOf))
        }
        guard !forms.isEmpty else { return nil }
        let columns = order.enumerated().map { column, field in
            SheetExplanation.Column(
                index: column, letter: "", header: headers[column].display, field: field.rawValue, how: .synonym,
                note: "a label beside its value",
                samples: Array(
                    forms.map { TextNormalizer.collapsedWhitespace($0.row[column].text) }.filter { !$0.isEmpty }.prefix(3)))
        }
        return Forms(header: header, records: forms, columns: columns)
    }
}
