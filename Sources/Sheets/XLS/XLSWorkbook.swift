import DuijieCore
import Foundation

/// A legacy Excel 97–2003 workbook (`.xls`, BIFF8 in an OLE2 container), as county offices still send.
///
/// Hand-written because no kept Swift package reads BIFF. Reads shared and inline strings (split across CONTINUE
/// records), numbers (NUMBER, RK, MULRK, formula results) as exact decimal text, booleans and errors, dates by their
/// cell format (the same rules as XLSX, both date systems), hidden sheets and merged cells (filled down like XLSX).
/// Encrypted workbooks and the older BIFF5/BIFF7 (Excel 95) are refused with a plain message.
public final class XLSWorkbook: Workbook {
    /// The file name used in messages.
    public let fileName: String
    /// The sheets in workbook order.
    public let sheets: [SheetInfo]
    /// Whether the workbook counts dates from 1904.
    public let uses1904: Bool

    private let stream: [UInt8]
    private let sheetOffsets: [Int]
    private let strings: [String]
    private let styles: [NumberStyle]
    /// Sheets cut short by a damaged record.
    public private(set) var readWarnings: [String] = []

    /// The largest `.xls` accepted (the format itself stops at 65,536 rows × 256 columns).
    static let maxFileBytes = 256 << 20

    /// Opens the workbook at `url`.
    public convenience init(url: URL, fileName: String? = nil) throws {
        let name = fileName ?? url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw SheetsError.unreadableFile(file: name, reason: error.localizedDescription)
        }
        try self.init(data: data, fileName: name)
    }

    /// Reads the workbook held in `data`.
    public init(data: Data, fileName name: String) throws {
        self.fileName = name
        guard data.count <= XLSWorkbook.maxFileBytes else {
            throw SheetsError.notASpreadsheet(
                file: name, reason: "an .xls file larger than \(XLSWorkbook.maxFileBytes >> 20) MiB")
        }
        let container: CompoundFile
        do {
            container = try CompoundFile([UInt8](data))
            guard let workbook = try container.stream("Workbook") else {
                if try container.stream("Book") != nil { throw SheetsError.legacyExcel(file: name) }
                throw SheetsError.notASpreadsheet(
                    file: name,
                    reason: "an OLE2 file without an Excel workbook (streams: \(container.streamNames.joined(separator: ", ")))")
            }
            stream = workbook
        } catch let damaged as CompoundFile.Damaged {
            throw SheetsError.corruptArchive(file: name, reason: "the .xls container is damaged: \(damaged.reason)")
        }

        // The workbook globals: up to the first EOF.
        var sheets: [SheetInfo] = []
        var offsets: [Int] = []
        var formats: [Int: String] = [:]
        var xfFormats: [Int] = []
        var uses1904 = false
        var strings: [String] = []
        var records = RecordCursor(stream)
        guard let first = records.next(), first.type == 0x0809, first.length >= 2 else {
            throw SheetsError.notASpreadsheet(file: name, reason: "the workbook stream does not start with a BIFF header")
        }
        guard first.u16(0) == 0x0600 else { throw SheetsError.legacyExcel(file: name) }
        while let record = records.next() {
            switch record.type {
            case 0x000A: break  // EOF of the globals
            case 0x002F:
                throw SheetsError.notASpreadsheet(
                    file: name, reason: "the workbook is password-protected; save it without a password")
            case 0x0022: uses1904 = record.length >= 2 && record.u16(0) == 1
            case 0x041E where record.length >= 5:
                var reader = StringReader(segments: [Array(record.body.dropFirst(2))])
                formats[record.u16(0)] = reader.unicodeString(lengthBytes: 2)
            case 0x00E0 where record.length >= 4:
                xfFormats.append(record.u16(2))
            case 0x0085 where record.length >= 8:
                let offset = Int(record.u32(0))
                let state = record[4] & 0x03
                let kind = record[5]
                var reader = StringReader(segments: [Array(record.body.dropFirst(6))])
                let sheetName = reader.unicodeString(lengthBytes: 1)
                if kind == 0 {  // worksheets only (not charts or macro sheets)
                    sheets.append(SheetInfo(name: sheetName, index: sheets.count, isHidden: state != 0))
                    offsets.append(offset)
                }
            case 0x00FC where record.length >= 8:
                var segments = [Array(record.body.dropFirst(8))]
                while let next = records.peek(), next.type == 0x003C {
                    segments.append(next.body)
                    _ = records.next()
                }
                let count = Int(record.u32(4))
                var reader = StringReader(segments: segments)
                strings.reserveCapacity(min(count, 1 << 20))
                for _ in 0..<count {
                    guard !reader.atEnd else { break }
                    strings.append(reader.unicodeString(lengthBytes: 2))
                }
            default: break
            }
            if record.type == 0x000A { break }
        }
        self.sheets = sheets
        sheetOffsets = offsets
        self.strings = strings
        self.uses1904 = uses1904
        styles = xfFormats.map { NumberFormat.style(id: $0, code: formats[$0]) }
    }

    /// Streams the rows of `sheet` in order.
    public func readRows(of sheet: SheetInfo, _ body: (SheetRow) throws -> Void) throws {
        guard sheet.index < sheetOffsets.count else {
            throw SheetsError.noSuchSheet(file: fileName, sheet: sheet.name ?? "", available: sheets.compactMap(\.name))
        }
        let start = sheetOffsets[sheet.index]
        guard start >= 0, start < stream.count else {
            throw SheetsError.corruptArchive(
                file: fileName, reason: "sheet '\(sheet.name ?? "")' points past the workbook stream")
        }
        var records = RecordCursor(stream, at: start)
        guard let bof = records.next(), bof.type == 0x0809 else {
            throw SheetsError.corruptArchive(file: fileName, reason: "sheet '\(sheet.name ?? "")' has no BIFF header")
        }
        // A legacy sheet is small (65,536 rows at most): collect its cells, then emit rows in order.
        var rows = [[(column: Int, value: CellValue)]](repeating: [], count: 65_536)
        var lastRow = -1
        var merges: [MergedCells.Range] = []
        var pendingFormula: (row: Int, column: Int)?
        func put(_ row: Int, _ column: Int, _ value: CellValue) {
            guard column < 16_384, row < rows.count else { return }
            rows[row].append((column, value))
            lastRow = max(lastRow, row)
        }
        func number(_ value: Double, xf: Int) -> CellValue {
            NumberStyle.cell(XLSWorkbook.decimal(value), style: xf < styles.count ? styles[xf] : .plain, uses1904: uses1904)
                ?? .error("#NUM!")
        }
        var depth = 0
        var ended = false
        while let record = records.next() {
            switch record.type {
            case 0x0809: depth += 1  // an embedded substream (chart): skip to its EOF
            case 0x000A:
                if depth == 0 { break }
                depth -= 1
                continue
            default: break
            }
            if record.type == 0x000A {
                ended = true
                break
            }
            guard depth == 0 else { continue }
            switch record.type {
            case 0x00FD where record.length >= 10:  // LABELSST
                let index = Int(record.u32(6))
                put(record.u16(0), record.u16(2), .text(index < strings.count ? strings[index] : ""))
            case 0x0204 where record.length >= 8, 0x00D6 where record.length >= 8:  // LABEL, RSTRING
                var reader = StringReader(segments: [Array(record.body.dropFirst(6))])
                put(record.u16(0), record.u16(2), .text(reader.unicodeString(lengthBytes: 2)))
            case 0x0203 where record.length >= 14:  // NUMBER
                put(record.u16(0), record.u16(2), number(record.f64(6), xf: record.u16(4)))
            case 0x027E where record.length >= 10:  // RK
                put(record.u16(0), record.u16(2), number(XLSWorkbook.rk(record.u32(6)), xf: record.u16(4)))
            case 0x00BD where record.length >= 6:  // MULRK
                let row = record.u16(0)
                let firstColumn = record.u16(2)
                let count = (record.length - 6) / 6
                for i in 0..<count {
                    let offset = 4 + 6 * i
                    put(row, firstColumn + i, number(XLSWorkbook.rk(record.u32(offset + 2)), xf: record.u16(offset)))
                }
            case 0x0205 where record.length >= 8:  // BOOLERR
                let value = record[6]
                put(
                    record.u16(0), record.u16(2),
                    record[7] == 0 ? .bool(value != 0) : .error(XLSWorkbook.errorText(value)))
            case 0x0006 where record.length >= 14:  // FORMULA: its cached result
                let row = record.u16(0)
                let column = record.u16(2)
                if record[12] == 0xFF && record[13] == 0xFF {
                    switch record[6] {
                    case 0: pendingFormula = (row, column)  // the text follows in a STRING record
                    case 1: put(row, column, .bool(record[8] != 0))
                    case 2: put(row, column, .error(XLSWorkbook.errorText(record[8])))
                    default: break  // empty text
                    }
                } else {
                    put(row, column, number(record.f64(6), xf: record.u16(4)))
                }
            case 0x0207 where record.length >= 3:  // STRING (a formula's text result)
                if let (row, column) = pendingFormula {
                    var segments = [record.body]
                    while let next = records.peek(), next.type == 0x003C {
                        segments.append(next.body)
                        _ = records.next()
                    }
                    var reader = StringReader(segments: segments)
                    put(row, column, .text(reader.unicodeString(lengthBytes: 2)))
                    pendingFormula = nil
                }
            case 0x00E5 where record.length >= 2:  // MERGEDCELLS
                let count = min(record.u16(0), (record.length - 2) / 8)
                for i in 0..<count {
                    let offset = 2 + 8 * i
                    merges.append(
                        MergedCells.Range(
                            top: record.u16(offset) + 1, bottom: record.u16(offset + 2) + 1, left: record.u16(offset + 4),
                            right: record.u16(offset + 6)))
                }
            default: break
            }
        }
        if !ended {
            let last = lastRow >= 0 ? "after row \(lastRow + 1)" : "before any row"
            readWarnings.append(
                "\(fileName), sheet '\(sheet.name ?? "")': a damaged record ends the sheet \(last); what follows it was not read")
        }
        var filler = MergedCells(merges)
        for row in 0..<(lastRow + 1) where !rows[row].isEmpty {
            let cells = rows[row]
            var values = [CellValue](repeating: .empty, count: (cells.map(\.column).max() ?? -1) + 1)
            for cell in cells { values[cell.column] = cell.value }
            var sheetRow = SheetRow(number: row + 1, cells: values)
            if !filler.isEmpty { filler.fill(&sheetRow) }
            try body(sheetRow)
        }
    }

    /// An RK number: a 30-bit integer or the top 30 bits of a double, optionally divided by 100.
    static func rk(_ raw: UInt32) -> Double {
        let value: Double
        if raw & 0x02 != 0 {
            value = Double(Int32(bitPattern: raw) >> 2)
        } else {
            value = Double(bitPattern: UInt64(raw & 0xFFFF_FFFC) << 32)
        }
        return raw & 0x01 != 0 ? value / 100 : value
    }

    /// A double as the shortest decimal text that reads back the same, in plain notation (`1.2E-3` → `0.0012`).
    static func decimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return DecimalText.plain("\(value)") ?? "\(value)"
    }

    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        case 0x2A: "#N/A"
        default: "#ERROR"
        }
    }
}

/// One BIFF record: a view into the stream (its body is copied only when asked for).
struct BIFFRecord {
    let type: Int
    let length: Int
    private let bytes: [UInt8]
    private let start: Int

    init(type: Int, bytes: [UInt8], start: Int, length: Int) {
        self.type = type
        self.bytes = bytes
        self.start = start
        self.length = length
    }

    /// The body's bytes (a copy).
    var body: [UInt8] { Array(bytes[start..<start + length]) }

    /// The byte at `offset` in the body.
    subscript(_ offset: Int) -> UInt8 { bytes[start + offset] }

    func u16(_ offset: Int) -> Int { CompoundFile.u16(bytes, start + offset) }
    func u32(_ offset: Int) -> UInt32 { CompoundFile.u32(bytes, start + offset) }
    func f64(_ offset: Int) -> Double {
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[start + offset + i]) << (8 * UInt64(i)) }
        return Double(bitPattern: bits)
    }
}

/// Walks BIFF records: type (2 bytes), length (2 bytes), body; stops at the end or at a record that overruns it.
struct RecordCursor {
    private let bytes: [UInt8]
    private var offset: Int

    init(_ bytes: [UInt8], at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    func peek() -> BIFFRecord? {
        guard offset + 4 <= bytes.count else { return nil }
        let type = CompoundFile.u16(bytes, offset)
        let length = CompoundFile.u16(bytes, offset + 2)
        guard offset + 4 + length <= bytes.count else { return nil }
        return BIFFRecord(type: type, bytes: bytes, start: offset + 4, length: length)
    }

    mutating func next() -> BIFFRecord? {
        guard let record = peek() else { return nil }
        offset += 4 + record.length
        return record
    }
}

/// Reads BIFF8 unicode strings from a record body continued in CONTINUE records: where the characters cross into
/// the next segment, that segment starts with a fresh option byte saying whether they are 8- or 16-bit.
struct StringReader {
    private let segments: [[UInt8]]
    private var segment = 0
    private var offset = 0

    init(segments: [[UInt8]]) { self.segments = segments }

    var atEnd: Bool {
        var s = segment
        var o = offset
        while s < segments.count {
            if o < segments[s].count { return false }
            s += 1
            o = 0
        }
        return true
    }

    private mutating func advanceIfNeeded() {
        while segment < segments.count && offset >= segments[segment].count {
            segment += 1
            offset = 0
        }
    }

    private mutating func byte() -> UInt8 {
        advanceIfNeeded()
        guard segment < segments.count else { return 0 }
        defer { offset += 1 }
        return segments[segment][offset]
    }

    private mutating func skip(_ count: Int) {
        var left = count
        while left > 0 {
            advanceIfNeeded()
            guard segment < segments.count else { return }
            let take = min(left, segments[segment].count - offset)
            offset += take
            left -= take
        }
    }

    /// An XLUnicodeString (2-byte length) or ShortXLUnicodeString (1-byte length) with its rich-text and phonetic
    /// trailers skipped.
    mutating func unicodeString(lengthBytes: Int) -> String {
        var count = Int(byte())
        if lengthBytes == 2 { count |= Int(byte()) << 8 }
        var flags = byte()
        let runs = flags & 0x08 != 0 ? Int(byte()) | Int(byte()) << 8 : 0
        var extra = 0
        if flags & 0x04 != 0 {
            extra = Int(byte()) | Int(byte()) << 8 | Int(byte()) << 16 | Int(byte()) << 24
        }
        // Fast path: all characters in the current segment (the usual case).
        advanceIfNeeded()
        if segment < segments.count {
            let width = flags & 0x01 != 0 ? 2 : 1
            let available = segments[segment].count - offset
            if available >= count * width {
                let text = segments[segment].withUnsafeBufferPointer { buffer in
                    StringReader.decode(UnsafeBufferPointer(rebasing: buffer[offset..<offset + count * width]), wide: width == 2)
                }
                offset += count * width
                skip(4 * runs + extra)
                return text
            }
        }
        var units: [UInt16] = []
        units.reserveCapacity(min(count, 1 << 16))
        var charactersSegment = segment
        for _ in 0..<count {
            advanceIfNeeded()
            guard segment < segments.count else { break }
            if segment != charactersSegment {
                // The characters went on into a CONTINUE record, which starts with its own option byte.
                charactersSegment = segment
                flags = (flags & ~0x01) | (byte() & 0x01)
                advanceIfNeeded()
                guard segment < segments.count else { break }
            }
            if flags & 0x01 != 0 {
                units.append(UInt16(byte()) | UInt16(byte()) << 8)
            } else {
                units.append(UInt16(byte()))
            }
        }
        skip(4 * runs + extra)
        return String(decoding: units, as: UTF16.self)
    }

    /// UTF-16LE (or Latin-1 when not `wide`) bytes as a String, transcoded to UTF-8 directly (the standard library's
    /// UTF-16 decoding was a tenth of the reading time); unpaired surrogates become U+FFFD.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, wide: Bool) -> String {
        let units = wide ? bytes.count / 2 : bytes.count
        if units == 0 { return "" }
        return String(unsafeUninitializedCapacity: units * 3) { out in
            var n = 0
            var i = 0
            func put(_ scalar: UInt32) {
                switch scalar {
                case 0..<0x80:
                    out[n] = UInt8(scalar)
                    n += 1
                case 0x80..<0x800:
                    out[n] = UInt8(0xC0 | scalar >> 6)
                    out[n + 1] = UInt8(0x80 | scalar & 0x3F)
                    n += 2
                case 0x800..<0x10000:
                    out[n] = UInt8(0xE0 | scalar >> 12)
                    out[n + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    out[n + 2] = UInt8(0x80 | scalar & 0x3F)
                    n += 3
                default:
                    out[n] = UInt8(0xF0 | scalar >> 18)
                    out[n + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                    out[n + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    out[n + 3] = UInt8(0x80 | scalar & 0x3F)
                    n += 4
                }
            }
            if !wide {
                while i < units {
                    put(UInt32(bytes[i]))
                    i += 1
                }
                return n
            }
            while i < units {
                let unit = UInt32(bytes[2 * i]) | UInt32(bytes[2 * i + 1]) << 8
                i += 1
                if unit & 0xFC00 == 0xD800, i < units {
                    let low = UInt32(bytes[2 * i]) | UInt32(bytes[2 * i + 1]) << 8
                    if low & 0xFC00 == 0xDC00 {
                        i += 1
                        put(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                        continue
                    }
                }
                put(unit & 0xF800 == 0xD800 ? 0xFFFD : unit)
            }
            return n
        }
    }
}
