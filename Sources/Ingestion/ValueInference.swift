import DuijieCore
import Sheets

/// Lets a column's values decide its field where its header cannot: an unknown header whose values are all
/// 14-digit registration numbers, phone numbers or county names; a generic header (`编号`, `状态`) or a contained
/// name whose values say another field (`合同类型` holding 合同 / 意向协议 is the agreement type, not the category).
enum ValueInference {
    /// The share of a column's filled cells that must look like one kind before the values decide.
    static let agreement = 0.8

    /// The kind most of `cells` look like (at least `agreement` of the filled ones), or nil. Each cell is classified
    /// once; long text (a description) is no recognisable kind and is ruled out by its length.
    static func dominantKind(_ cells: [CellValue]) -> ValueKind? {
        var filled = 0
        var hits: [ValueKind: Int] = [:]
        for cell in cells where !cell.isBlank {
            if case .text(let text) = cell, text.utf8.count <= 12,
                RowWords.shared.isNone(TextNormalizer.collapsedWhitespace(text))
            {
                continue
            }
            filled += 1
            for kind in kinds(of: cell) { hits[kind, default: 0] += 1 }
        }
        guard filled > 0 else { return nil }
        return ValueKind.recognisable.first { Double(hits[$0] ?? 0) >= agreement * Double(filled) }
    }

    /// The recognisable kinds one cell looks like.
    static func kinds(of cell: CellValue) -> [ValueKind] {
        switch cell {
        case .date: return [.date]
        case .number(let text):
            return ValueKind.recognisable.filter { ($0 == .registration || $0 == .phone) && $0.matches(.text(text)) }
        case .text(let text):
            guard text.utf8.count <= 48 else { return [] }
            return ValueKind.recognisable.filter { $0.matches(cell) }
        default: return []
        }
    }

    /// Revises `map` by the values of `rows` (the first data rows): maps unknown columns whose values say a field the
    /// header does not have, and moves generic or contained matches whose values say another field.
    static func revise<Schema: RecordSchema>(_ map: inout HeaderMap<Schema.Field>, rows: [SheetRow], schema: Schema) -> [String] {
        guard !rows.isEmpty else { return [] }
        var notes: [String] = []
        let width = rows.reduce(map.headers.count) { max($0, $1.cells.count) }
        var kinds: [Int: ValueKind] = [:]
        for column in 0..<width where !map.serialColumns.contains(column) {
            if let kind = dominantKind(rows.map { $0[column] }) { kinds[column] = kind }
        }
        func untaken(_ kind: ValueKind) -> Schema.Field? {
            let fields = Schema.Field.allCases.filter {
                $0.valueKind == kind && map.columns[$0] == nil && map.repeated[$0] == nil
            }
            return fields.count == 1 ? fields.first : nil
        }
        // 1. Generic or contained matches whose values say another field that is still free.
        for (field, column) in map.columns.sorted(by: { $0.value < $1.value }) {
            guard let decision = map.decisions[column], decision.how == .synonym, let kind = kinds[column],
                kind != field.valueKind
            else { continue }
            let recognisable = ValueKind.recognisable.contains(field.valueKind)
            guard !decision.exact || recognisable, let other = untaken(kind) else { continue }
            // The values contradict the header only when none of them looks like the header's own field.
            if recognisable, rows.contains(where: { field.valueKind.matches($0[column]) }) { continue }
            map.columns[field] = nil
            map.columns[other] = column
            let header = map.columnName(column)
            map.decisions[column] = ColumnDecision(
                how: .values, field: other.rawValue,
                note: "the header '\(header)' suggests \(field.rawValue), but its values are \(kind.rawValue) values",
                exact: false)
            notes.append(
                "column '\(header)' was read as \(other.rawValue) from its values (its header suggests \(field.rawValue))")
        }
        // 2. Columns not read whose values say a field the sheet lacks.
        for column in kinds.keys.sorted() where !map.isMapped(column) && map.decisions[column]?.how != .mapped {
            guard let kind = kinds[column], let field = untaken(kind) else { continue }
            let header = map.columnName(column)
            map.columns[field] = column
            map.decisions[column] = ColumnDecision(
                how: .values, field: field.rawValue,
                note: "the header '\(header)' names no field; its values are \(kind.rawValue) values", exact: false)
            notes.append("column '\(header)' was read as \(field.rawValue) from its values")
        }
        return notes
    }
}
