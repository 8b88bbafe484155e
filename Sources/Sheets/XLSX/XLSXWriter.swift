import DuijieCore
import Foundation
import ZIPFoundation

/// Writes `.xlsx` workbooks: several sheets, shared or inline strings, numbers, booleans and dates
/// (shown as `yyyy"年"m"月"d"日"`), merged ranges and hidden sheets.
///
/// Hand-written because no kept Swift library in the mirror writes XLSX. Sheet XML is streamed to a
/// temporary file row by row, so a generated million-row sheet never sits in memory as XML.
public final class XLSXWriter {
    /// How text cells are stored.
    public enum StringStorage: Sendable {
        /// In `xl/sharedStrings.xml`, as Excel and WPS do.
        case shared
        /// Inline in the sheet (`t="inlineStr"`), as many exporters do.
        case inline
    }

    private struct SheetPart {
        var name: String
        var hidden: Bool
        var file: URL
    }

    private let storage: StringStorage
    private let uses1904: Bool
    private let scratch: URL
    private var sheets: [SheetPart] = []
    private var sharedIndex: [String: Int] = [:]
    private var sharedList: [String] = []
    /// When true, text starting with `= + - @` is written with a leading apostrophe-free quote prefix
    /// (`'`) so spreadsheet programs show it as text instead of running it as a formula.
    public var neutraliseFormulas = false

    /// Creates a writer; `uses1904` writes dates in the 1904 system (for testing readers).
    public init(strings: StringStorage = .shared, uses1904: Bool = false) throws {
        self.storage = strings
        self.uses1904 = uses1904
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    /// Adds a sheet from rows in memory; `merges` are ranges such as `A1:F1`.
    public func addSheet(name: String, hidden: Bool = false, merges: [String] = [], rows: [[CellValue]]) throws {
        try addSheet(name: name, hidden: hidden, merges: merges) { emit in
            for row in rows { emit(row) }
        }
    }

    /// Adds a sheet whose rows `produce` emits one by one, from row 1.
    public func addSheet(
        name: String, hidden: Bool = false, merges: [String] = [], produce: ((([CellValue]) -> Void)) throws -> Void
    ) throws {
        let file = scratch.appendingPathComponent("sheet\(sheets.count + 1).xml")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        buffer += #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        buffer += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        buffer += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>"#
        var rowNumber = 0
        try produce { cells in
            rowNumber += 1
            buffer += "<row r=\"\(rowNumber)\">"
            for (column, cell) in cells.enumerated() {
                self.append(cell, at: "\(columnLetters(column))\(rowNumber)", to: &buffer)
            }
            buffer += "</row>"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer += "</sheetData>"
        if !merges.isEmpty {
            buffer += "<mergeCells count=\"\(merges.count)\">"
            for range in merges { buffer += "<mergeCell ref=\"\(range)\"/>" }
            buffer += "</mergeCells>"
        }
        buffer += "</worksheet>"
        handle.write(Data(buffer.utf8))
        sheets.append(SheetPart(name: name, hidden: hidden, file: file))
    }

    private func append(_ cell: CellValue, at reference: String, to buffer: inout String) {
        switch cell {
        case .empty:
            return
        case .text(var text):
            if neutraliseFormulas, let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
            switch storage {
            case .shared:
                let index: Int
                if let known = sharedIndex[text] {
                    index = known
                } else {
                    index = sharedList.count
                    sharedIndex[text] = index
                    sharedList.append(text)
                }
                buffer += "<c r=\"\(reference)\" t=\"s\"><v>\(index)</v></c>"
            case .inline:
                buffer +=
                    "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLEscape.text(text))</t></is></c>"
            }
        case .number(let number):
            buffer += "<c r=\"\(reference)\"><v>\(number)</v></c>"
        case .bool(let value):
            buffer += "<c r=\"\(reference)\" t=\"b\"><v>\(value ? 1 : 0)</v></c>"
        case .date(let date):
            buffer += "<c r=\"\(reference)\" s=\"1\"><v>\(serial(of: date))</v></c>"
        case .error(let error):
            buffer += "<c r=\"\(reference)\" t=\"e\"><v>\(XMLEscape.text(error))</v></c>"
        }
    }

    private func serial(of date: CivilDate) -> Int {
        if uses1904 { return date.daysSinceEpoch - CivilDate(year: 1904, month: 1, day: 1)!.daysSinceEpoch }
        let days = date.daysSinceEpoch - CivilDate(year: 1899, month: 12, day: 30)!.daysSinceEpoch
        return days < 61 ? days - 1 : days  // before 1900-03-01 Excel has not yet counted its fictitious 29 February
    }

    /// Writes the workbook to `url`, replacing any file there.
    public func write(to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .create)
        }
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        try add("[Content_Types].xml", contentTypes())
        try add("_rels/.rels", rootRelationships)
        try add("xl/workbook.xml", workbookXML())
        try add("xl/_rels/workbook.xml.rels", workbookRelationships())
        try add("xl/styles.xml", stylesXML)
        if storage == .shared { try add("xl/sharedStrings.xml", sharedStringsXML()) }
        for (index, sheet) in sheets.enumerated() {
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index + 1).xml", fileURL: sheet.file, compressionMethod: .deflate,
                bufferSize: 1 << 18)
        }
    }

    private func contentTypes() -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml +=
            #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        xml +=
            #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        if storage == .shared {
            xml +=
                #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        }
        for index in sheets.indices {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" "
            xml += #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return xml + "</Types>"
    }

    private let rootRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    private func workbookXML() -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml +=
            #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        xml += uses1904 ? #"<workbookPr date1904="1"/>"# : "<workbookPr/>"
        xml += "<sheets>"
        for (index, sheet) in sheets.enumerated() {
            xml += "<sheet name=\"\(XMLEscape.attribute(sheet.name))\" sheetId=\"\(index + 1)\""
            if sheet.hidden { xml += " state=\"hidden\"" }
            xml += " r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    private func workbookRelationships() -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in sheets.indices {
            xml +=
                "<Relationship Id=\"rId\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        let n = sheets.count
        xml +=
            "<Relationship Id=\"rId\(n + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        if storage == .shared {
            xml +=
                "<Relationship Id=\"rId\(n + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        return xml + "</Relationships>"
    }

    private let stylesXML =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#

    private func sharedStringsXML() -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml +=
            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(sharedList.count)\" uniqueCount=\"\(sharedList.count)\">"
        for text in sharedList { xml += "<si><t xml:space=\"preserve\">\(XMLEscape.text(text))</t></si>" }
        return xml + "</sst>"
    }
}

/// Escapes text for XML content and attributes; control characters XML 1.0 forbids become `_xHHHH_`.
public enum XMLEscape {
    /// Escapes `&`, `<`, `>` and forbidden control characters.
    public static func text(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": out += "_x000D_"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Escapes for a double-quoted attribute.
    public static func attribute(_ text: String) -> String {
        self.text(text).replacingOccurrences(of: "\"", with: "&quot;")
    }
}
