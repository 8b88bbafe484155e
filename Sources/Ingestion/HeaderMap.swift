import DuijieCore
import Sheets

/// How a column came to mean its field (or nothing), as `--explain` and the preview show it.
public enum ColumnHow: String, Sendable, Codable {
    /// The header names the field (vocabulary, or the panel and the event's criteria).
    case synonym
    /// The header is unknown or generic; the column's values decided.
    case values
    /// The organizer said so (a saved mapping or `--map`).
    case mapped
    /// Not read.
    case ignored
}

/// What was decided about one column.
public struct ColumnDecision: Sendable, Equatable {
    /// How.
    public var how: ColumnHow
    /// The field read from it (for a repeated field, with the column's label: `judgeScore:张志强`).
    public var field: String?
    /// Why, when it is not plain: the name that matched, the values that decided, the column that won instead.
    public var note: String?
    /// The header named the field exactly (not merely containing one of its names, not a generic name).
    public var exact: Bool
}

/// Which column holds which field, found in a sheet's header row(s).
public struct HeaderMap<Field: SchemaField>: Sendable {
    /// The 1-based row the data starts under (the last header row).
    public var row: Int
    /// All header rows, top first (two for a group header over sub-headers).
    public var rows: [Int]
    /// Column (0-based) of each field read once per row.
    public var columns: [Field: Int]
    /// Columns of fields a row may carry several times (judges as columns, criteria), with each column's label.
    public var repeated: [Field: [(column: Int, label: String)]]
    /// The header text of every column as shown (`联系人·联系电话` under a group header), for messages.
    public var headers: [String]
    /// A unit written in a column's header, e.g. `预计投入(万元)`.
    public var units: [Int: MoneyUnit]
    /// A maximum written in a column's header (`技术先进性（30分）`), in tenths.
    public var maxTenths: [Int: Int]
    /// What was decided about each column that has a header or values.
    public var decisions: [Int: ColumnDecision]
    /// Columns holding a running number (序号).
    public var serialColumns: Set<Int>
    /// The `来源行` column of a download to fix: which rejected row each row corrects.
    public var sourceColumn: Int?

    /// The header text for `field`, as written on the sheet.
    public func header(of field: Field) -> String? { columns[field].map { headers[$0] } }

    /// A column's header, or its letters when it has none.
    public func columnName(_ index: Int) -> String {
        index < headers.count && !headers[index].isEmpty ? headers[index] : columnLetters(index)
    }

    /// How many fields the header names (each repeated field once).
    public var fieldCount: Int { columns.count + repeated.count }

    /// Whether `column` holds a field.
    func isMapped(_ column: Int) -> Bool { decisions[column]?.field != nil }
}

/// Finds what each header cell means: the most specific name wins, and a column that loses a field to a more
/// specific one is reported, never silently used.
public enum HeaderResolver {
    /// Scores of a header naming a field: exact beats the text with its brackets, which beats a sub-header alone,
    /// which beats a generic exact name, which beats a contained name (longer contained names first).
    enum Strength {
        static let mapped = 9000
        static let dynamic = 6000
        static let exact = 5000
        static let alternative = 4000
        static let genericExact = 2000
        static let contained = 100
    }

    struct Candidate {
        var column: Int
        var field: String
        var score: Int
        var exact: Bool
        var name: String
        var label: String?
        var generic = false
        var mapped = false
    }

    /// Resolves header texts (one per column, from column A) into a header map. A `mapping` (the organizer's
    /// correction) decides the columns it names before anything else: `ignore` leaves a column unread, a field name
    /// gives it that field over any header that names it too.
    public static func resolve<Schema: RecordSchema>(
        _ texts: [HeaderText], schema: Schema, rows: [Int], mapping: ColumnMapping? = nil
    ) -> HeaderMap<Schema.Field> {
        let vocabulary = schema.vocabulary
        let serial = Vocabulary.common.names(of: "@serial").map { TextNormalizer.key($0) }
        var map = HeaderMap<Schema.Field>(
            row: rows.last ?? 0, rows: rows, columns: [:], repeated: [:], headers: texts.map(\.display), units: [:],
            maxTenths: [:], decisions: [:], serialColumns: [])
        var candidates: [Candidate] = []
        for (column, text) in texts.enumerated() where !text.isEmpty {
            if let unit = text.unit { map.units[column] = unit }
            if let max = text.maxTenths { map.maxTenths[column] = max }
            if text.display == RowReference.problemHeader || text.display == RowReference.sourceHeader {
                // Duijie's own columns in a download to fix: never a field.
                if text.display == RowReference.sourceHeader { map.sourceColumn = column }
                map.decisions[column] = ColumnDecision(
                    how: .ignored, field: nil, note: "Duijie's own column in a download to fix", exact: true)
                continue
            }
            if let mapped = mapping?.field(for: text) {
                if mapped == ColumnMapping.ignore {
                    map.decisions[column] = ColumnDecision(
                        how: .mapped, field: nil, note: "not read: the organizer's mapping says ignore", exact: true)
                } else if Schema.Field(rawValue: mapped) != nil {
                    candidates.append(
                        Candidate(
                            column: column, field: mapped, score: Strength.mapped, exact: true, name: text.display,
                            mapped: true))
                }
                continue
            }
            if serial.contains(text.key) || text.alternatives.first.map({ serial.contains($0) }) == true {
                map.serialColumns.insert(column)
                map.decisions[column] = ColumnDecision(how: .ignored, field: nil, note: "a running number (序号)", exact: true)
                continue
            }
            if let dynamic = schema.dynamicColumn(text) {
                candidates.append(
                    Candidate(
                        column: column, field: dynamic.field.rawValue, score: Strength.dynamic, exact: true, name: text.display,
                        label: dynamic.label))
                continue
            }
            candidates += matches(text, column: column, vocabulary: vocabulary)
                .filter { Schema.Field(rawValue: $0.field) != nil }
        }
        candidates.sort { ($0.score, -$0.column) > ($1.score, -$1.column) }
        var taken: [String: Int] = [:]
        var lost: [Int: Candidate] = [:]
        for candidate in candidates {
            guard map.decisions[candidate.column] == nil, let field = Schema.Field(rawValue: candidate.field) else { continue }
            if let label = candidate.label {
                map.repeated[field, default: []].append((candidate.column, label))
                map.decisions[candidate.column] = ColumnDecision(
                    how: .synonym, field: "\(field.rawValue):\(label)", note: nil, exact: true)
                continue
            }
            if let winner = taken[candidate.field] {
                if lost[candidate.column] == nil { lost[candidate.column] = candidate }
                _ = winner
                continue
            }
            taken[candidate.field] = candidate.column
            map.columns[field] = candidate.column
            if candidate.mapped {
                map.decisions[candidate.column] = ColumnDecision(
                    how: .mapped, field: field.rawValue, note: "the organizer's mapping", exact: true)
                continue
            }
            map.decisions[candidate.column] = ColumnDecision(
                how: .synonym, field: field.rawValue,
                note: candidate.exact
                    ? nil
                    : candidate.generic
                        ? "'\(candidate.name)' is a generic name: the values are checked"
                        : "the header contains '\(candidate.name)'",
                exact: candidate.exact)
        }
        for (column, loser) in lost where map.decisions[column] == nil {
            let winner = taken[loser.field].map { map.columnName($0) } ?? "?"
            map.decisions[column] = ColumnDecision(
                how: .ignored, field: nil,
                note: "also reads as \(loser.field), but column '\(winner)' names it more exactly; this column was not read",
                exact: false)
        }
        for (column, text) in texts.enumerated() where !text.isEmpty && map.decisions[column] == nil {
            map.decisions[column] = ColumnDecision(how: .ignored, field: nil, note: "not a field of this sheet", exact: false)
        }
        for (field, columns) in map.repeated { map.repeated[field] = columns.sorted { $0.column < $1.column } }
        return map
    }

    /// Every field a header could name, with its strength.
    static func matches(_ text: HeaderText, column: Int, vocabulary: Vocabulary) -> [Candidate] {
        var found: [Candidate] = []
        let length = text.key.unicodeScalars.count
        if let hit = vocabulary.exactField(text.key) {
            found.append(
                Candidate(
                    column: column, field: hit.field, score: (hit.generic ? Strength.genericExact : Strength.exact) + length,
                    exact: !hit.generic, name: text.key, generic: hit.generic))
        }
        for alternative in text.alternatives where !alternative.isEmpty {
            if let hit = vocabulary.exactField(alternative) {
                found.append(
                    Candidate(
                        column: column, field: hit.field,
                        score: (hit.generic ? Strength.genericExact - 100 : Strength.alternative)
                            + alternative.unicodeScalars.count,
                        exact: !hit.generic, name: alternative, generic: hit.generic))
            }
        }
        for key in [text.key] + text.alternatives where !key.isEmpty {
            if let hit = vocabulary.containedField(key) {
                let bonus = TextNormalizer.hasBytePrefix(key, hit.name) || key.hasSuffix(hit.name) ? 5 : 0
                found.append(
                    Candidate(
                        column: column, field: hit.field,
                        score: Strength.contained + hit.name.unicodeScalars.count * 10 + bonus - (key == text.key ? 0 : 50),
                        exact: false, name: hit.name))
            }
        }
        return found
    }

    /// Reads `below` as sub-headers under `top` (a group header merged across its sub-headers, 联系人 over 姓名 and
    /// 联系电话), returning the combined header texts, or nil when `below` is not a sub-header row.
    ///
    /// Every filled cell of `below` must repeat the cell above it (a header merged down both rows) or sit under a
    /// group: a top cell followed by blanks (the rest of its merged range). A data row fails: its cells sit under
    /// headers of their own.
    public static func subHeaders(top: SheetRow, below: SheetRow) -> [HeaderText]? {
        let width = max(top.cells.count, below.cells.count)
        func text(_ row: SheetRow, _ column: Int) -> String { TextNormalizer.collapsedWhitespace(row[column].text) }
        // A header row has several cells and no `标签：值` cells (a title or a `评委：张志强` line is not a group header).
        let upperCells = top.cells.filter { !$0.isBlank }
        guard upperCells.count >= 2,
            upperCells.allSatisfy({ cell in
                guard case .text(let value) = cell else { return false }
                return !value.contains(":") && !value.contains("：") && value.utf8.count <= 90
            })
        else { return nil }
        var combined: [HeaderText] = []
        var groups = 0
        var group: String?
        for column in 0..<width {
            let upper = text(top, column)
            let lower = text(below, column)
            if case .number = below[column] { return nil }
            if case .date = below[column] { return nil }
            if lower.utf8.count > 60 { return nil }
            if !upper.isEmpty {
                let nextUpper = column + 1 < width ? text(top, column + 1) : ""
                let nextLower = column + 1 < width ? text(below, column + 1) : ""
                let startsGroup = nextUpper.isEmpty && !nextLower.isEmpty
                if lower.isEmpty || lower == upper {
                    combined.append(HeaderText(upper))
                    group = startsGroup ? upper : nil
                } else if startsGroup {
                    combined.append(HeaderText(group: upper, sub: lower))
                    group = upper
                    groups += 1
                } else {
                    return nil  // a value under a header of its own: a data row
                }
            } else if !lower.isEmpty {
                guard let group else { return nil }
                combined.append(HeaderText(group: group, sub: lower))
                groups += 1
            } else {
                combined.append(HeaderText(""))
                group = nil
            }
        }
        return groups > 0 ? combined : nil
    }

    /// Whether a candidate header row is really a row of a label/value form (`企业名称 | 某公司 | 所属领域 | 丝网`):
    /// every named cell is followed by a cell that names nothing.
    static func isLabelValueRow<Field>(_ row: SheetRow, map: HeaderMap<Field>) -> Bool {
        let filled = row.cells.indices.filter { !row[$0].isBlank }
        var pairs = 0
        var named = 0
        for (position, column) in filled.enumerated() where map.isMapped(column) {
            named += 1
            guard position + 1 < filled.count else { continue }
            let next = filled[position + 1]
            if !map.isMapped(next) && !map.serialColumns.contains(next) { pairs += 1 }
        }
        return named >= 2 && pairs == named
    }
}
