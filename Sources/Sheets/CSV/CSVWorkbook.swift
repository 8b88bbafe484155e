import Foundation

/// A delimited text file (CSV, or tab-separated) seen as a workbook with one unnamed sheet.
///
/// Hand-written rather than CSV.swift: the importer must name the line each record starts on (a quoted
/// field may span lines) and must decode GB18030 itself; CSV.swift reports neither positions nor bad bytes.
/// RFC 4180: quoted fields with doubled quotes, separators and line breaks inside quotes, CRLF or LF.
public final class CSVWorkbook: Workbook {
    /// The file name used in messages.
    public let fileName: String
    /// The one sheet (unnamed).
    public let sheets: [SheetInfo] = [SheetInfo(name: nil, index: 0, isHidden: false)]
    /// The encoding detected.
    public let encoding: TextEncoding
    /// The field separator detected: comma, tab or semicolon.
    public let separator: UInt8
    private let bytes: [UInt8]
    /// Unclosed quotes, read as plain characters.
    public private(set) var readWarnings: [String] = []

    /// Reads and decodes the file at `url`.
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

    /// Decodes `data` as a delimited text file.
    public init(data: Data, fileName: String) throws {
        self.fileName = fileName
        let decoded = try TextDecoding.decode(data, fileName: fileName)
        bytes = decoded.bytes
        encoding = decoded.encoding
        separator = CSVWorkbook.detectSeparator(bytes)
    }

    /// Streams the records as rows numbered by the line each starts on.
    public func readRows(of sheet: SheetInfo, _ body: (SheetRow) throws -> Void) throws {
        var unclosed: [Int] = []
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = CSVParser(bytes: buffer, separator: separator)
            while let (line, fields) = parser.next() {
                guard fields.count <= SheetGrid.maxColumns else {
                    throw SheetsError.outOfRange(
                        file: fileName, sheet: nil, row: line, column: nil, value: "\(fields.count) fields",
                        what: "more fields than the grid's 16,384 columns")
                }
                try body(SheetRow(number: line, cells: fields.map { $0.isEmpty ? .empty : .text($0) }))
            }
            unclosed = parser.unclosedQuotes
        }
        for line in unclosed {
            readWarnings.append(
                "\(fileName), line \(line): a quote (\") opened here is never closed; it was read as a plain character so the lines after it are not lost — check that record"
            )
        }
    }

    /// Picks the separator that occurs most in the first line outside quotes (comma on ties).
    static func detectSeparator(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x09: 0, 0x3B: 0]
        var inQuotes = false
        for byte in bytes.prefix(64 * 1024) {
            if byte == 0x22 { inQuotes.toggle() }
            if !inQuotes && byte == 0x0A { break }
            if !inQuotes, counts[byte] != nil { counts[byte]! += 1 }
        }
        if counts[0x09]! > counts[0x2C]! && counts[0x09]! >= counts[0x3B]! { return 0x09 }
        if counts[0x3B]! > counts[0x2C]! { return 0x3B }
        return 0x2C
    }
}

/// An RFC 4180 record scanner over UTF-8 bytes that tracks line numbers.
///
/// A quote never closed would swallow the rest of the file into one field; instead the scanner goes back to that
/// quote, reads it as a plain character, and notes its line in `unclosedQuotes`.
struct CSVParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let separator: UInt8
    private var position = 0
    private var line = 1
    private var field: [UInt8] = []
    /// Lines whose opening quote is never closed.
    private(set) var unclosedQuotes: [Int] = []

    init(bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) {
        self.bytes = bytes
        self.separator = separator
    }

    /// The next record and the line it starts on, or nil at the end.
    mutating func next() -> (Int, [String])? {
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        field.removeAll(keepingCapacity: true)
        var inQuotes = false
        var quotedField = false
        var literalQuoteAt = -1
        var quoteStart = (position: 0, line: 0)
        while true {
            if position >= bytes.count {
                guard inQuotes else { break }
                // End of file inside quotes: the quote was a plain character.
                unclosedQuotes.append(quoteStart.line)
                position = quoteStart.position
                line = quoteStart.line
                field.removeAll(keepingCapacity: true)
                field.append(0x22)
                literalQuoteAt = position
                inQuotes = false
                continue
            }
            let byte = bytes[position]
            position += 1
            if inQuotes {
                if byte == 0x22 {
                    if position < bytes.count && bytes[position] == 0x22 {
                        field.append(0x22)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case 0x22 where field.isEmpty && !quotedField && position - 1 != literalQuoteAt:
                inQuotes = true
                quotedField = true
                quoteStart = (position, line)
            case separator:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                quotedField = false
            case 0x0D where position < bytes.count && bytes[position] == 0x0A:
                continue
            case 0x0A, 0x0D:
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return (startLine, fields)
            default:
                field.append(byte)
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return (startLine, fields)
    }
}
