/// The grid every spreadsheet lives in: Excel's own bounds, 1,048,576 rows by 16,384 columns (A to XFD).
public enum SheetGrid {
    /// The most rows.
    public static let maxRows = 1_048_576
    /// The most columns.
    public static let maxColumns = 16_384
}

/// A value a reader met that no spreadsheet program writes (a row number past the grid, a 20-letter column, a number
/// with an exponent of 10^18), with the place the reader knows; the workbook adds the file and the sheet
/// (`SheetsError.outOfRange`).
struct OutOfRange: Error {
    /// The 1-based row, when known.
    var row: Int?
    /// The 0-based column, when known.
    var column: Int?
    /// The value as written.
    var value: String
    /// What it is: `a row number beyond the grid's 1,048,576 rows`.
    var what: String

    static func row(_ value: String) -> OutOfRange {
        OutOfRange(row: nil, column: nil, value: value, what: "a row number beyond the grid's 1,048,576 rows")
    }

    static func column(_ value: String, row: Int?) -> OutOfRange {
        OutOfRange(row: row, column: nil, value: value, what: "a column beyond the grid's 16,384 columns (XFD)")
    }

    static func number(_ value: String, row: Int?, column: Int?) -> OutOfRange {
        OutOfRange(row: row, column: column, value: value, what: "a number out of any spreadsheet's range")
    }
}
