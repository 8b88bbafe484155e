import DuijieCore
import Sheets

/// How one sheet was read, for `--explain` and the import preview: the table found, the header rows, each column's
/// field and how it was decided, what the sheet's surroundings gave, and the rows skipped with why.
public struct SheetExplanation: Sendable, Codable {
    /// One column.
    public struct Column: Sendable, Codable, Equatable {
        /// 0-based column index.
        public var index: Int
        /// Column letters (`A`).
        public var letter: String
        /// The header as shown (`联系人·联系电话` under a group header).
        public var header: String
        /// The field read from it, or nil.
        public var field: String?
        /// `synonym`, `values`, `mapped` or `ignored`.
        public var how: ColumnHow
        /// Why, when it is not plain.
        public var note: String?
        /// The first few values under it.
        public var samples: [String]
    }

    /// A field given by the sheet's surroundings.
    public struct ContextValue: Sendable, Codable, Equatable {
        /// The field (`county`, `judge`, `unit`).
        public var field: String
        /// Its value.
        public var value: String
        /// Where it was read (`sheet name`, `file name`, `row 2`).
        public var from: String
    }

    /// A row skipped.
    public struct Skipped: Sendable, Codable, Equatable {
        /// The 1-based row (or CSV line).
        public var row: Int
        /// Why.
        public var why: SkipReason
    }

    /// The sheet's name; nil for CSV.
    public var sheet: String?
    /// `table`, `form` (one label/value form per record), or `none` (nothing read).
    public var layout: String
    /// Header rows, top first.
    public var headerRows: [Int]
    /// The top-left cell of the table (`B4`), when one was found.
    public var tableStart: String?
    /// The columns that have a header or values.
    public var columns: [Column]
    /// Fields given by the sheet's surroundings.
    public var context: [ContextValue]
    /// Rows skipped, in order (at most `SheetExplanation.maxSkippedListed`; `skippedTotal` counts them all).
    public var skipped: [Skipped]
    /// Rows skipped in all.
    public var skippedTotal: Int
    /// The header signature (normalised header texts in order) a saved mapping is remembered under.
    public var signature: String?
    /// Whether a saved mapping was applied to this sheet.
    public var savedMapping = false

    /// The most skipped rows listed one by one.
    public static let maxSkippedListed = 500

    enum CodingKeys: String, CodingKey {
        case sheet, layout, columns, context, skipped
        case headerRows = "header_rows"
        case tableStart = "table_start"
        case skippedTotal = "skipped_total"
        case signature
        case savedMapping = "saved_mapping"
    }

    /// Always encodes `sheet`, as null for CSV.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sheet, forKey: .sheet)
        try c.encode(layout, forKey: .layout)
        try c.encode(headerRows, forKey: .headerRows)
        try c.encode(tableStart, forKey: .tableStart)
        try c.encode(columns, forKey: .columns)
        try c.encode(context, forKey: .context)
        try c.encode(skipped, forKey: .skipped)
        try c.encode(skippedTotal, forKey: .skippedTotal)
        try c.encodeIfPresent(signature, forKey: .signature)
        if savedMapping { try c.encode(savedMapping, forKey: .savedMapping) }
    }

    init(sheet: String?) {
        self.sheet = sheet
        layout = "none"
        headerRows = []
        columns = []
        context = []
        skipped = []
        skippedTotal = 0
    }

    mutating func skip(_ row: Int, _ why: SkipReason) {
        skippedTotal += 1
        if skipped.count < SheetExplanation.maxSkippedListed { skipped.append(Skipped(row: row, why: why)) }
    }

    /// Describes `map`'s columns with samples from `rows`.
    mutating func describe<Field>(_ map: HeaderMap<Field>, samples rows: [SheetRow]) {
        headerRows = map.rows
        var indices = Set(map.decisions.keys)
        for row in rows { for (index, cell) in row.cells.enumerated() where !cell.isBlank { indices.insert(index) } }
        columns = indices.sorted().map { index in
            let decision =
                map.decisions[index]
                ?? ColumnDecision(how: .ignored, field: nil, note: "a column without a header", exact: false)
            let samples = rows.lazy.map { TextNormalizer.collapsedWhitespace($0[index].text) }.filter { !$0.isEmpty }.prefix(3)
            return Column(
                index: index, letter: columnLetters(index), header: index < map.headers.count ? map.headers[index] : "",
                field: decision.field, how: decision.how, note: decision.note, samples: Array(samples))
        }
        if let first = map.decisions.keys.min(), let top = map.rows.first { tableStart = "\(columnLetters(first))\(top)" }
    }
}
