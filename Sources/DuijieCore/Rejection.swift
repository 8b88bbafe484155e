/// A row that could not be imported: where, which column, what value, and why.
public struct Rejection: Hashable, Sendable, Codable {
    /// The file name.
    public var file: String
    /// The sheet name; nil for CSV.
    public var sheet: String?
    /// The 1-based row (or CSV line).
    public var row: Int
    /// The column's header as written on the sheet (or its letter when it has none).
    public var column: String
    /// The offending value as written.
    public var value: String
    /// Why the row was refused, in one sentence (English).
    public var reason: String
    /// The same sentence in Chinese, when the reason comes from the message catalogue.
    public var reasonZH: String?
    /// The whole row, header → text, so the row can be fixed and imported again.
    public var cells: [String: String]
    /// The names of `cells` in the sheet's column order (the download to fix keeps it).
    public var order: [String] = []
    /// The rejected row this row was meant to fix (the `来源行` of a download to fix), when it came from one.
    public var fixes: String?

    /// Creates a rejection.
    public init(
        file: String, sheet: String?, row: Int, column: String, value: String, reason: String, cells: [String: String] = [:],
        order: [String] = [], fixes: String? = nil, reasonZH: String? = nil
    ) {
        self.reasonZH = reasonZH
        self.order = order
        self.fixes = fixes
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.reason = reason
        self.cells = cells
    }

    /// How a download to fix names this row in its `来源行` column: `file | sheet | row` (sheet empty for CSV).
    public var reference: String { RowReference.make(file: file, sheet: sheet, row: row) }

    /// `Sheet '需求汇总', row 36, column '拟投入资金': cannot read '约五十万' as an amount`.
    public var message: String {
        "\(SourceRef(file: file, sheet: sheet, row: row)), column '\(column)': \(reason)"
    }
}

/// A rejected row as kept for fixing: the import it came from and what kind of sheet it was on.
public struct StoredRejection: Sendable, Hashable {
    /// The row id in the store.
    public var id: Int64
    /// The import the row was refused by.
    public var importID: Int64
    /// The sheet kind: demands, solvers or deals.
    public var kind: String
    /// Where the row was and why it was refused.
    public var rejection: Rejection

    /// Makes the value (the store reads it back).
    public init(id: Int64, importID: Int64, kind: String, rejection: Rejection) {
        self.id = id
        self.importID = importID
        self.kind = kind
        self.rejection = rejection
    }
}

/// The columns Duijie writes in front of a download to fix — the problem and the row it came from — and how the
/// `来源行` reference is written and read back. The reader never maps these two columns to a field; a row uploaded
/// with a `来源行` resolves the rejected row it names (fixed, or rejected again with its current problem).
public enum RowReference {
    /// The problem column's header.
    public static let problemHeader = "问题"
    /// The source column's header.
    public static let sourceHeader = "来源行"

    /// `file | sheet | row`.
    public static func make(file: String, sheet: String?, row: Int) -> String { "\(file) | \(sheet ?? "") | \(row)" }

    /// Reads a reference back; nil when the text is not one.
    public static func parse(_ text: String) -> (file: String, sheet: String?, row: Int)? {
        // Split on the bars alone (a file name cannot hold one on Windows), so folded spaces do not matter.
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map {
            TextNormalizer.collapsedWhitespace(String($0))
        }
        guard parts.count == 3, !parts[0].isEmpty, let row = Int(parts[2]), row > 0 else { return nil }
        return (parts[0], parts[1].isEmpty ? nil : parts[1], row)
    }
}
