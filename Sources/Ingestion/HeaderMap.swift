import DuijieCore
import Sheets

/// Which column holds which field, found in a sheet's header row.
public struct HeaderMap<Field: Hashable & Sendable>: Sendable {
    /// The 1-based row the header was found on.
    public var row: Int
    /// Column (0-based) of each recognised field.
    public var columns: [Field: Int]
    /// The header text of every column as written, for messages.
    public var headers: [String]
    /// A unit written in a column's header, e.g. `预计投入(万元)`.
    public var units: [Int: MoneyUnit]

    /// The header text for `field`, as written on the sheet.
    public func header(of field: Field) -> String? { columns[field].map { headers[$0] } }
}

/// Finds and reads header rows.
public enum HeaderMatcher {
    /// Splits a header into its comparison key and any money unit in it: `*预计投入（万元）` → (`预计投入`, 万元).
    public static func normalize(_ header: String) -> (key: String, unit: MoneyUnit?) {
        var text = TextNormalizer.halfWidth(header)
        var unit: MoneyUnit?
        for (pattern, found) in [("亿元", MoneyUnit.yi), ("万元", .wan), ("(元)", .yuan), ("单位:元", .yuan), ("(万)", .wan)]
        where text.contains(pattern) {
            unit = found
            break
        }
        // Drop bracketed remarks: units, 盖章, 必填 …
        var stripped = ""
        var depth = 0
        for character in text {
            if character == "(" || character == "【" || character == "[" {
                depth += 1
            } else if character == ")" || character == "】" || character == "]" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                stripped.append(character)
            }
        }
        text = stripped
        if unit == .wan || unit == .yi { text = text.replacingOccurrences(of: unit!.label, with: "") }
        return (TextNormalizer.key(text), unit)
    }

    /// The field a header names, by the synonym table.
    public static func field<Field>(for header: String, in table: [(Field, [String])]) -> Field? {
        let key = normalize(header).key
        // `所属县（市、区）` means 所属县市区: try the text with its brackets kept as well as without.
        let whole = TextNormalizer.key(TextNormalizer.halfWidth(header).filter { $0 != "*" })
        guard !key.isEmpty || !whole.isEmpty else { return nil }
        for candidate in [key, whole] where !candidate.isEmpty {
            for (field, names) in table where names.contains(candidate) { return field }
        }
        var best: (Field, Int)?
        for (field, names) in table {
            for name in names where name.count >= 2 && key.contains(name) && name.count > (best?.1 ?? 0) {
                best = (field, name.count)
            }
        }
        return best?.0
    }

    /// Reads `row` as a header: the fields it names, or nil when it names fewer than two or lacks `required`.
    public static func match<Field>(
        _ row: SheetRow, table: [(Field, [String])], required: Field
    ) -> HeaderMap<Field>? {
        var columns: [Field: Int] = [:]
        var units: [Int: MoneyUnit] = [:]
        let headers = row.cells.map { TextNormalizer.collapsedWhitespace($0.text) }
        for (column, header) in headers.enumerated() where !header.isEmpty {
            guard let field = field(for: header, in: table), columns[field] == nil else { continue }
            columns[field] = column
            if let unit = normalize(header).unit { units[column] = unit }
        }
        guard columns.count >= 2, columns[required] != nil else { return nil }
        return HeaderMap(row: row.number, columns: columns, headers: headers, units: units)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard let first = target.first else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index] == first, self[index...].hasPrefix(target) {
                return index..<self.index(index, offsetBy: target.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
