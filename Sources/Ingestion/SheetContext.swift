import DuijieCore
import Sheets

/// What a sheet's surroundings say about its rows: a money unit stated above the table, a county or region in the
/// sheet's or the file's name, and field values from `标签：值` lines above the table or from the sheet's name
/// (`评委：张志强`; a tab named after a university).
public struct SheetContext: Sendable {
    /// One value and where it was read.
    public struct Value: Sendable, Equatable, Codable {
        /// The value.
        public var value: String
        /// Where: `sheet name`, `file name`, `row 2`.
        public var from: String
    }

    /// The file name.
    public var file: String
    /// The sheet name; nil for CSV.
    public var sheet: String?
    /// A unit stated above the header (`单位：万元`).
    public var unit: MoneyUnit?
    /// A county or region named by the sheet or the file.
    public var region: String?
    /// Where the region was read.
    public var regionFrom: String?
    /// Field key → value, for the schema's context fields.
    public var values: [String: Value] = [:]

    /// The context a sheet's and file's names give.
    public init(file: String, sheet: String?) {
        self.file = file
        self.sheet = sheet
        if let region = RegionHint.from(sheetName: sheet) {
            self.region = region
            regionFrom = "sheet name"
        } else if let region = RegionHint.from(fileName: file) ?? Gazetteer.shared.county(inFileName: file) {
            self.region = region
            regionFrom = "file name"
        }
    }

    /// Adds what the rows above the table say: a unit, and `标签：值` cells whose label names one of `fields`
    /// exactly in `vocabulary`.
    mutating func read<Field: SchemaField>(aboveTable rows: [SheetRow], vocabulary: Vocabulary, fields: Set<Field>) {
        unit = RegionHint.unitStated(in: rows) ?? unit
        guard !fields.isEmpty else { return }
        for row in rows {
            let texts = row.cells.map { TextNormalizer.collapsedWhitespace($0.text) }
            for (index, text) in texts.enumerated() where !text.isEmpty {
                let folded = TextNormalizer.halfWidth(text)
                var label: String
                var value: String
                if let colon = folded.firstIndex(of: ":") {
                    label = String(folded[..<colon])
                    value = TextNormalizer.collapsedWhitespace(String(folded[folded.index(after: colon)...]))
                    // `评审时间：2020年10月28日        评审地点：…`: only the first value.
                    if let gap = value.range(of: "  ") { value = String(value[..<gap.lowerBound]) }
                } else {
                    label = folded
                    value = texts.dropFirst(index + 1).first { !$0.isEmpty } ?? ""
                }
                let header = HeaderText(label)
                guard !value.isEmpty,
                    let hit = ([header.key] + header.alternatives).lazy.compactMap({ vocabulary.exactField($0) }).first,
                    !hit.generic,
                    let field = Field(rawValue: hit.field), fields.contains(field), values[field.rawValue] == nil
                else { continue }
                values[field.rawValue] = Value(value: value, from: "row \(row.number)")
            }
        }
    }
}

/// Regions and units implied by sheet names, file names and the rows above a header.
public enum RegionHint {
    /// A county-like sheet name (`枣强县`, `桃城区`, `深州市`, `衡水高新区`), or nil.
    public static func from(sheetName: String?) -> String? {
        guard let raw = sheetName else { return nil }
        let name = TextNormalizer.collapsedWhitespace(TextNormalizer.halfWidth(raw))
        guard (2...10).contains(name.count), let last = name.last, "县区市旗".contains(last),
            !RowWords.shared.genericSheet.contains(where: { name.lowercased().contains($0) })
        else { return nil }
        return name
    }

    /// A county at the start of a file name (`枣强县技术需求.xlsx` → `枣强县`), or nil.
    public static func from(fileName: String) -> String? {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let characters = Array(base)
        for (index, character) in characters.enumerated().prefix(7) where index >= 1 && "县区旗".contains(character) {
            let candidate = String(characters[0...index])
            if candidate.unicodeScalars.allSatisfy({ $0.value >= 0x4E00 && $0.value <= 0x9FFF }) { return candidate }
        }
        return nil
    }

    /// A sheet name that names an institution (one tab per university: `河北工业大学`), or nil.
    public static func institution(sheetName: String?) -> String? {
        guard let raw = sheetName else { return nil }
        let name = TextNormalizer.collapsedWhitespace(raw)
        let key = TextNormalizer.key(name)
        guard (2...40).contains(name.count), RowWords.shared.institutionSuffixes.contains(where: { key.hasSuffix($0) }) else {
            return nil
        }
        return name
    }

    /// A unit stated in the rows above a header, such as `单位：万元`.
    static func unitStated(in rows: [SheetRow]) -> MoneyUnit? {
        for row in rows {
            for cell in row.cells {
                let text = TextNormalizer.halfWidth(cell.text).filter { !$0.isWhitespace }
                guard let range = text.range(of: "单位:") ?? text.range(of: "金额单位") ?? text.range(of: "单位(") else { continue }
                let rest = text[range.upperBound...].drop { $0 == ":" || $0 == "(" }
                if rest.hasPrefix("亿元") || rest.hasPrefix("亿") { return .yi }
                if rest.hasPrefix("万元") || rest.hasPrefix("万") { return .wan }
                if rest.hasPrefix("元") || rest.hasPrefix("人民币元") { return .yuan }
            }
        }
        return nil
    }
}
