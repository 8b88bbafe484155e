import DuijieCore
import XMLStream

/// Why a file could not be read as a spreadsheet at all. Row-level problems are not errors here.
public enum SheetsError: Error, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be opened.
    case unreadableFile(file: String, reason: String)
    /// The bytes are not any format Duijie reads.
    case notASpreadsheet(file: String, reason: String)
    /// A binary Excel file older than Excel 97 (BIFF5/BIFF7), which Duijie does not read.
    case legacyExcel(file: String)
    /// The zip container is damaged or truncated.
    case corruptArchive(file: String, reason: String)
    /// A part the workbook needs is missing.
    case missingPart(file: String, part: String)
    /// A part expands past the configured bound: a zip bomb or a sheet too large to accept.
    case partTooLarge(file: String, part: String, limit: Int64)
    /// An XML part is not well-formed (or nests too deeply).
    case malformedXML(file: String, part: String, line: Int, message: String)
    /// Text bytes that are neither UTF-8 nor GB18030.
    case undecodableText(file: String, line: Int, bytes: String)
    /// A UTF-8 text file with other bytes from `line` on (lines pasted from a GBK file).
    case mixedEncoding(file: String, line: Int, bytes: String)
    /// The named sheet does not exist.
    case noSuchSheet(file: String, sheet: String, available: [String])
    /// A value no spreadsheet program writes: a row or column beyond the grid, a number out of range.
    case outOfRange(file: String, sheet: String?, row: Int?, column: String?, value: String, what: String)

    /// One sentence for people, naming the file and the place.
    public var description: String {
        switch self {
        case .unreadableFile(let file, let reason):
            return "\(file): cannot open the file: \(reason)"
        case .notASpreadsheet(let file, let reason):
            return "\(file): not a spreadsheet Duijie reads (.xlsx, .xls, .csv, SpreadsheetML .xml): \(reason)"
        case .legacyExcel(let file):
            return
                "\(file): an Excel 5.0/95 .xls file, older than Duijie reads; save it as .xlsx (Excel/WPS: 另存为 → .xlsx) and import that"
        case .corruptArchive(let file, let reason):
            return "\(file): the file is damaged or truncated: \(reason)"
        case .missingPart(let file, let part):
            return "\(file): the workbook has no part '\(part)'"
        case .partTooLarge(let file, let part, let limit):
            return "\(file): part '\(part)' expands past \(limit) bytes; refused as a possible zip bomb"
        case .malformedXML(let file, let part, let line, let message):
            return "\(file): part '\(part)', line \(line): malformed XML: \(message)"
        case .undecodableText(let file, let line, let bytes):
            return "\(file), line \(line): bytes '\(bytes)' are neither UTF-8 nor GB18030; re-save the file as UTF-8"
        case .mixedEncoding(let file, let line, let bytes):
            return
                "\(file), line \(line): bytes '\(bytes)' are not UTF-8, though the lines before are; the file mixes encodings (lines pasted from a GBK file?) — re-save it as UTF-8"
        case .noSuchSheet(let file, let sheet, let available):
            return "\(file): no sheet named '\(sheet)' (sheets: \(available.joined(separator: ", ")))"
        case .outOfRange(let file, let sheet, let row, let column, let value, let what):
            var place = file
            if let sheet { place += ", sheet '\(sheet)'" }
            if let row { place += ", row \(row)" }
            if let column { place += ", column \(column)" }
            let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
            return "\(place): '\(shown)' is \(what); the file is damaged or was not written by a spreadsheet program"
        }
    }

    /// `error` with the file and sheet added when it is a reader's out-of-range value.
    static func placed(_ error: Error, file: String, sheet: String?) -> Error {
        guard let range = error as? OutOfRange else { return error }
        return SheetsError.outOfRange(
            file: file, sheet: sheet, row: range.row, column: range.column.map(columnLetters), value: range.value,
            what: range.what)
    }

    static func xml(_ error: Error, file: String, part: String) -> SheetsError {
        if let sheetsError = error as? SheetsError { return sheetsError }
        if case XMLStreamError.malformed(let line, _, let message)? = error as? XMLStreamError {
            return .malformedXML(file: file, part: part, line: line, message: message)
        }
        return .malformedXML(file: file, part: part, line: 0, message: String(describing: error))
    }
}

extension SheetsError: DuijieError {
    /// A missing file is not found; every other reading failure is a file that cannot be used.
    public var kind: ErrorKind {
        if case .unreadableFile(_, let reason) = self, reason == "no such file" { return .notFound }
        return .unusable
    }
}
