/// One sheet of a workbook, as listed before reading it.
public struct SheetInfo: Hashable, Sendable {
    /// The sheet's name; nil for a CSV file, which has no sheets.
    public var name: String?
    /// The position among the workbook's sheets, from 0.
    public var index: Int
    /// Whether the workbook hides the sheet.
    public var isHidden: Bool

    /// Creates a sheet description.
    public init(name: String?, index: Int, isHidden: Bool) {
        self.name = name
        self.index = index
        self.isHidden = isHidden
    }
}

/// One row as read: the 1-based row number (or a CSV record's first line) and its cells from column A.
public struct SheetRow: Sendable {
    /// The 1-based spreadsheet row, or the line on which the CSV record starts.
    public var number: Int
    /// The cells, index 0 being column A; trailing empty cells may be absent.
    public var cells: [CellValue]

    /// Creates a row.
    public init(number: Int, cells: [CellValue]) {
        self.number = number
        self.cells = cells
    }

    /// The cell at `column` (0-based), or `.empty` past the end.
    public subscript(column: Int) -> CellValue { column < cells.count ? cells[column] : .empty }

    /// Whether every cell is blank.
    public var isBlank: Bool { cells.allSatisfy(\.isBlank) }
}

/// A readable spreadsheet file: its sheets, each streamed row by row.
public protocol Workbook: AnyObject {
    /// The file name used in messages.
    var fileName: String { get }
    /// The sheets in workbook order, hidden ones included (flagged).
    var sheets: [SheetInfo] { get }
    /// Streams the rows of `sheet` in order to `body`; memory stays bounded by one row plus shared strings.
    func readRows(of sheet: SheetInfo, _ body: (SheetRow) throws -> Void) throws
    /// What reading lost and said nothing of, in sentences naming the place (an unclosed quote read as a plain
    /// character, a damaged record that ended a sheet early); grows as sheets are read.
    var readWarnings: [String] { get }
}

extension Workbook {
    /// Readers that lose nothing say nothing.
    public var readWarnings: [String] { [] }
}

/// Limits that protect the reader from hostile files.
public struct ReadLimits: Sendable {
    /// The most bytes any one XML part may expand to.
    public var maxPartBytes: Int64
    /// The most bytes all parts together may expand to.
    public var maxTotalBytes: Int64
    /// The most cells an XLSX reader holds back while its shared strings are still loading (about 32 bytes each).
    public var maxPendingCells: Int

    /// Creates explicit limits.
    public init(maxPartBytes: Int64, maxTotalBytes: Int64, maxPendingCells: Int = 1_000_000) {
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxPendingCells = maxPendingCells
    }

    /// The default for a file of `fileSize` bytes: a part may expand to 200× the file, at least 32 MiB,
    /// at most 4 GiB; all parts together to twice that.
    public static func forFile(size fileSize: Int64) -> ReadLimits {
        let part = min(Int64(4) << 30, max(Int64(32) << 20, fileSize * 200))
        return ReadLimits(maxPartBytes: part, maxTotalBytes: part * 2)
    }
}

/// Column letters for messages: 0 → `A`, 27 → `AB`.
public func columnLetters(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
        let r = (n - 1) % 26
        letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
        n = (n - 1) / 26
    }
    return String(letters.reversed())
}
