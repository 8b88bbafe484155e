import DuijieCore
import XMLStream

/// Streams one worksheet part into `SheetRow`s, one row at a time.
///
/// Cells without an `r` attribute take the next column, rows without one the next row, as Excel does.
final class SheetHandler: XMLStreamHandler {
    private var sharedStrings: [String]?
    private let loader: SharedStringsLoader?
    /// The shared strings once the loader delivered them, for the workbook to keep.
    private(set) var loadedStrings: [String]?
    private var pending: [(row: SheetRow, shared: [UInt64])] = []
    private var pendingCells = 0
    private var rowShared: [UInt64] = []
    private let maxPendingCells: Int
    private let styles: [NumberStyle]
    private let uses1904: Bool
    private let emit: (SheetRow) throws -> Void
    private(set) var failure: Error?

    private var rowNumber = 0
    private var cells: [CellValue] = []
    private var column = -1
    private var cellType: CellType = .number
    private var cellStyle = 0
    private var value = TextCollector()
    private var inInline = false
    private var inPhonetic = false
    private var inlineText: [UInt8] = []
    private var hasValue = false

    private enum CellType { case number, shared, inline, string, bool, error, date }

    init(
        sharedStrings: [String]?, loader: SharedStringsLoader?, maxPendingCells: Int, styles: [NumberStyle],
        uses1904: Bool, emit: @escaping (SheetRow) throws -> Void
    ) {
        self.sharedStrings = sharedStrings
        self.maxPendingCells = maxPendingCells
        self.loader = loader
        self.styles = styles
        self.uses1904 = uses1904
        self.emit = emit
    }

    override func startElement(_ name: XMLName, attributes: XMLAttributes) {
        guard failure == nil else { return }
        switch name.firstByte {
        case UInt8(ascii: "c") where name.equals("c"):
            let reference = attributes.withValue("r") { SheetHandler.columnIndex($0) } ?? nil
            if reference == -1 {
                failure = OutOfRange.column(attributes.value("r") ?? "", row: rowNumber)
                return
            }
            column = reference ?? (column + 1)
            cellType = attributes.withValue("t") { SheetHandler.cellType($0) } ?? .number
            cellStyle = (attributes.withValue("s") { SheetHandler.integer($0) } ?? nil) ?? 0
            hasValue = false
        case UInt8(ascii: "v") where name.equals("v"):
            value.begin()
        case UInt8(ascii: "r") where name.equals("row"):
            // nil: no `r`; .some(nil): an `r` that is no row number within the grid.
            let written = attributes.withValue("r") { bytes -> Int? in
                guard let value = SheetHandler.integer(bytes), value >= 1, value <= SheetGrid.maxRows else { return nil }
                return value
            }
            if let written, written == nil {
                failure = OutOfRange.row(attributes.value("r") ?? "")
                return
            }
            let next = written.flatMap { $0 } ?? (rowNumber + 1)
            guard next <= SheetGrid.maxRows else {
                failure = OutOfRange.row(String(next))
                return
            }
            rowNumber = next
            cells.removeAll(keepingCapacity: true)
            rowShared.removeAll(keepingCapacity: true)
            column = -1
        case UInt8(ascii: "i") where name.equals("is"):
            inInline = true
            inlineText.removeAll(keepingCapacity: true)
        case UInt8(ascii: "t") where name.equals("t"):
            if inInline && !inPhonetic { value.begin() }
        case UInt8(ascii: "r") where name.equals("rPh"):
            inPhonetic = true
        default:
            break
        }
    }

    override func endElement(_ name: XMLName) {
        guard failure == nil else { return }
        switch name.firstByte {
        case UInt8(ascii: "v") where name.equals("v"):
            hasValue = true
            value.active = false
        case UInt8(ascii: "t") where name.equals("t"):
            if inInline && value.active {
                inlineText.append(contentsOf: value.bytes)
                value.active = false
            }
        case UInt8(ascii: "r") where name.equals("rPh"):
            inPhonetic = false
        case UInt8(ascii: "i") where name.equals("is"):
            inInline = false
            hasValue = true
            value.bytes = inlineText
        case UInt8(ascii: "c") where name.equals("c"):
            storeCell()
        case UInt8(ascii: "r") where name.equals("row"):
            endRow()
        default:
            break
        }
    }

    override func characters(_ text: UnsafeBufferPointer<UInt8>) { value.append(text) }

    private func endRow() {
        if sharedStrings == nil, rowNumber % 64 == 0, let ready = loader?.poll() {
            // Hold this row back too: its shared cells were stored as references, resolved by `adopt`.
            pending.append((SheetRow(number: rowNumber, cells: cells), rowShared))
            adopt(ready)
            return
        }
        if sharedStrings == nil {
            pending.append((SheetRow(number: rowNumber, cells: cells), rowShared))
            pendingCells += cells.count
            if pendingCells > maxPendingCells, let loader { adopt(loader.wait()) }
            return
        }
        do {
            try emit(SheetRow(number: rowNumber, cells: cells))
        } catch {
            failure = error
        }
    }

    /// Called after the last row: waits for the shared strings if needed and hands over held-back rows.
    func finish() {
        if sharedStrings == nil, let loader { adopt(loader.wait()) }
    }

    private func adopt(_ result: Result<[String], Error>) {
        switch result {
        case .failure(let error):
            failure = failure ?? error
            sharedStrings = []
        case .success(let strings):
            sharedStrings = strings
            loadedStrings = strings
        }
        let held = pending
        pending = []
        pendingCells = 0
        guard failure == nil else { return }
        let strings = sharedStrings ?? []
        for (row, shared) in held {
            var row = row
            for packed in shared {
                let column = Int(packed >> 32)
                let index = Int(packed & 0xFFFF_FFFF)
                row.cells[column] = index < strings.count ? .text(strings[index]) : .error("#REF!")
            }
            do {
                try emit(row)
            } catch {
                failure = error
                return
            }
        }
    }

    private func storeCell() {
        guard hasValue, column >= 0, column < 16_384 else { return }
        let cell: CellValue
        switch cellType {
        case .shared:
            let index = value.bytes.withUnsafeBufferPointer { SheetHandler.integer($0) } ?? -1
            if let sharedStrings {
                cell = index >= 0 && index < sharedStrings.count ? .text(sharedStrings[index]) : .error("#REF!")
            } else if index >= 0 && index <= Int(UInt32.max) {
                rowShared.append(UInt64(column) << 32 | UInt64(index))
                cell = .empty
            } else {
                cell = .error("#REF!")
            }
        case .inline, .string:
            cell = .text(OOXMLText.string(value.bytes))
        case .bool:
            cell = .bool(value.bytes.first == UInt8(ascii: "1"))
        case .error:
            cell = .error(String(decoding: value.bytes, as: UTF8.self))
        case .date:
            let text = String(decoding: value.bytes, as: UTF8.self)
            if let date = try? DateParser.parse(text) { cell = .date(date) } else { cell = .text(text) }
        case .number:
            if value.bytes.isEmpty { return }
            let text = String(decoding: value.bytes, as: UTF8.self)
            guard
                let number = NumberStyle.cell(
                    text, style: cellStyle >= 0 && cellStyle < styles.count ? styles[cellStyle] : .plain, uses1904: uses1904)
            else {
                failure = OutOfRange.number(text, row: rowNumber, column: column)
                return
            }
            cell = number
        }
        if cells.count <= column {
            cells.append(contentsOf: repeatElement(.empty, count: column + 1 - cells.count))
        }
        cells[column] = cell
    }

    private static func cellType(_ bytes: UnsafeBufferPointer<UInt8>) -> CellType {
        guard let first = bytes.first else { return .number }
        switch first {
        case UInt8(ascii: "s"): return bytes.count == 1 ? .shared : .string  // "s" or "str"
        case UInt8(ascii: "i"): return .inline  // inlineStr
        case UInt8(ascii: "b"): return .bool
        case UInt8(ascii: "e"): return .error
        case UInt8(ascii: "d"): return .date
        default: return .number
        }
    }

    /// The 0-based column of a reference such as `AB12`; nil when it has no letters, -1 when it lies beyond the grid
    /// (more than three letters, or past XFD).
    static func columnIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var letters = 0
        for byte in bytes {
            let upper = byte & 0xDF
            guard upper >= 65 && upper <= 90 else { break }
            letters += 1
            if letters > 3 { return -1 }
            index = index * 26 + Int(upper - 64)
        }
        if letters == 0 { return nil }
        return index <= SheetGrid.maxColumns ? index - 1 : -1
    }

    /// A non-negative decimal integer of at most nine digits, or nil.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0
        var digits = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { break }
            digits += 1
            if digits > 9 { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return digits > 0 ? value : nil
    }
}
