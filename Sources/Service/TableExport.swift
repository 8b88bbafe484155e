import Foundation
import Sheets

/// Writes a publication or report in the format the file's extension names: `.json` (the value itself), `.xlsx`
/// (the rows, one sheet) or CSV (UTF-8 with BOM, which Chinese Excel opens correctly). Cells that start with
/// `= + - @` are neutralised in CSV and XLSX so no spreadsheet runs them as formulas.
public enum TableExport {
    /// The formats an export can take.
    public enum Format: String, Sendable, CaseIterable {
        /// UTF-8 CSV with a byte-order mark.
        case csv
        /// One-sheet Excel workbook.
        case xlsx
        /// The value itself as JSON.
        case json

        /// The format a file name's extension names (CSV when it names none of them).
        public init(fileExtension: String) { self = Format(rawValue: fileExtension.lowercased()) ?? .csv }

        /// The media type to send it with.
        public var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .json: "application/json; charset=utf-8"
            }
        }
    }

    /// Writes the export to a file.
    public static func write<T: Encodable>(_ value: T, rows: [[String]], sheet: String, to url: URL) throws {
        try data(value, rows: rows, sheet: sheet, format: Format(fileExtension: url.pathExtension)).write(to: url)
    }

    /// The export's bytes in a format.
    public static func data<T: Encodable>(_ value: T, rows: [[String]], sheet: String, format: Format) throws -> Data {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return try encoder.encode(value)
        case .xlsx:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-export-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let url = folder.appendingPathComponent("export.xlsx")
            let writer = try XLSXWriter()
            writer.neutraliseFormulas = true
            try writer.addSheet(name: sheet, rows: rows.map { $0.map { CellValue.text($0) } })
            try writer.write(to: url)
            return try Data(contentsOf: url)
        case .csv:
            let text = "\u{FEFF}" + rows.map { TextEncoder.csvRecord($0, neutraliseFormulas: true) }.joined()
            return Data(text.utf8)
        }
    }
}
