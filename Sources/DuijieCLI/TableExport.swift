import Foundation
import Sheets

/// Writes a publication or report in the format the file's extension names: `.json` (the value itself), `.xlsx`
/// (the rows, one sheet) or CSV (UTF-8 with BOM, which Chinese Excel opens correctly). Cells that start with
/// `= + - @` are neutralised in CSV and XLSX so no spreadsheet runs them as formulas.
enum TableExport {
    static func write<T: Encodable>(_ value: T, rows: [[String]], sheet: String, to url: URL) throws {
        switch url.pathExtension.lowercased() {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            try encoder.encode(value).write(to: url)
        case "xlsx":
            let writer = try XLSXWriter()
            writer.neutraliseFormulas = true
            try writer.addSheet(name: sheet, rows: rows.map { $0.map { CellValue.text($0) } })
            try writer.write(to: url)
        default:
            let text = "\u{FEFF}" + rows.map { TextEncoder.csvRecord($0, neutraliseFormulas: true) }.joined()
            try Data(text.utf8).write(to: url)
        }
    }
}
