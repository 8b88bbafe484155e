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
    /// Why the row was refused, in one sentence.
    public var reason: String
    /// The whole row, header → text, so the row can be fixed and imported again.
    public var cells: [String: String]

    /// Creates a rejection.
    public init(
        file: String, sheet: String?, row: Int, column: String, value: String, reason: String, cells: [String: String] = [:]
    ) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.reason = reason
        self.cells = cells
    }

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
