import DuijieCore

/// Fills vertically merged cells down, as a person reading the sheet sees them.
///
/// Chinese government sheets often merge a county (or an enterprise) down all of its rows; the file stores the value
/// only in the top cell. Each merged range taller than one row gives its top-left value to the blank cells of its
/// first column in the rows below. Ranges one row tall (titles across columns) are left alone, and other columns of
/// a range are not filled, so header names are never repeated.
public struct MergedCells: Sendable {
    /// A merged range: 1-based rows, 0-based columns, inclusive.
    public struct Range: Sendable, Equatable {
        /// The first row.
        public var top: Int
        /// The last row.
        public var bottom: Int
        /// The first column.
        public var left: Int
        /// The last column.
        public var right: Int

        /// Reads an A1 range such as `A3:A7`; nil when it is not one.
        public init?(reference: some StringProtocol) {
            let parts = reference.split(separator: ":")
            guard parts.count == 2, let a = MergedCells.cell(parts[0]), let b = MergedCells.cell(parts[1]) else { return nil }
            top = min(a.row, b.row)
            bottom = max(a.row, b.row)
            left = min(a.column, b.column)
            right = max(a.column, b.column)
        }

        /// A range from its corners.
        public init(top: Int, bottom: Int, left: Int, right: Int) {
            self.top = top
            self.bottom = bottom
            self.left = left
            self.right = right
        }
    }

    private var ranges: [Range]
    private var next = 0
    private var active: [(range: Range, value: CellValue?)] = []

    /// The filler for these ranges (only those taller than one row are kept).
    public init(_ ranges: [Range]) {
        self.ranges = ranges.filter { $0.bottom > $0.top }.sorted { ($0.top, $0.left) < ($1.top, $1.left) }
    }

    /// Whether there is nothing to fill.
    public var isEmpty: Bool { ranges.isEmpty && active.isEmpty }

    /// Adds a range met at its top row, with its value (for readers that learn merges as they go: SpreadsheetML).
    public mutating func add(_ range: Range, value: CellValue) {
        guard range.bottom > range.top else { return }
        active.append((range, value))
    }

    /// Fills `row` (rows arrive in order).
    public mutating func fill(_ row: inout SheetRow) {
        let number = row.number
        active.removeAll { $0.range.bottom < number }
        while next < ranges.count, ranges[next].top <= number {
            let range = ranges[next]
            next += 1
            guard range.bottom >= number else { continue }
            active.append((range, range.top == number ? row[range.left] : nil))
        }
        for item in active where item.range.top < number {
            guard let value = item.value, !value.isBlank, row[item.range.left].isBlank else { continue }
            if row.cells.count <= item.range.left {
                row.cells.append(contentsOf: repeatElement(CellValue.empty, count: item.range.left + 1 - row.cells.count))
            }
            row.cells[item.range.left] = value
        }
    }

    /// The `<mergeCell ref="…">` ranges of a worksheet part, found by a byte search (any namespace prefix); a range
    /// beyond the grid (or not a range at all) is damage, not something to skip.
    public static func ranges(inWorksheet bytes: some Collection<UInt8>) throws -> [Range] {
        let data = Array(bytes)
        let tag = Array("mergeCell ".utf8)
        let ref = Array("ref=\"".utf8)
        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            index + pattern.count <= data.count && data[index..<index + pattern.count].elementsEqual(pattern)
        }
        var found: [Range] = []
        var i = 1
        while i < data.count {
            guard data[i] == UInt8(ascii: "m"), data[i - 1] == UInt8(ascii: "<") || data[i - 1] == UInt8(ascii: ":"),
                matches(tag, at: i)
            else {
                i += 1
                continue
            }
            var j = i + tag.count
            while j < data.count, data[j] != UInt8(ascii: ">") {
                if matches(ref, at: j), j == 0 || data[j - 1] == UInt8(ascii: " ") {
                    let start = j + ref.count
                    var end = start
                    while end < data.count, data[end] != UInt8(ascii: "\"") { end += 1 }
                    let reference = String(decoding: data[start..<end], as: UTF8.self)
                    guard let range = Range(reference: reference) else {
                        throw OutOfRange(row: nil, column: nil, value: reference, what: "a merged range beyond the grid")
                    }
                    found.append(range)
                    j = end
                }
                j += 1
            }
            i = j
        }
        return found
    }

    /// `B12` → (row 12, column 1); `$B$12` allowed.
    static func cell(_ text: some StringProtocol) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        for byte in text.utf8 where byte != UInt8(ascii: "$") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where row == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where row == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                if row > SheetGrid.maxRows { return nil }
            default:
                return nil
            }
        }
        guard letters > 0, letters <= 3, row > 0, column <= SheetGrid.maxColumns else { return nil }
        return (row, column - 1)
    }
}
