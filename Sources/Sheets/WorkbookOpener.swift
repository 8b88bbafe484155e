import Foundation

/// Opens any spreadsheet Duijie reads, choosing the reader by the file's bytes, not its extension.
public enum WorkbookOpener {
    /// Opens `url`: a zip → XLSX; an OLE2 header → legacy `.xls` (BIFF8); `<?xml`/`<Workbook` → SpreadsheetML;
    /// anything else → delimited text.
    public static func open(_ url: URL, fileName: String? = nil, limits: ReadLimits? = nil) throws -> Workbook {
        let name = fileName ?? url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SheetsError.unreadableFile(file: name, reason: "no such file")
        }
        if isDirectory.boolValue { throw SheetsError.unreadableFile(file: name, reason: "a directory, not a file") }
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 512) ?? Data()
        } catch {
            throw SheetsError.unreadableFile(file: name, reason: error.localizedDescription)
        }
        let bytes = [UInt8](head)
        if bytes.isEmpty { throw SheetsError.notASpreadsheet(file: name, reason: "the file is empty") }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try XLSXWorkbook(url: url, fileName: name, limits: limits)
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return try XLSWorkbook(url: url, fileName: name)
        }
        if bytes.starts(with: [0x50, 0x4B]) {
            throw SheetsError.corruptArchive(file: name, reason: "the zip header is damaged")
        }
        if looksLikeXML(bytes) {
            return try SpreadsheetMLWorkbook(url: url, fileName: name)
        }
        if bytes.prefix(512).contains(0) && !bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFE, 0xFF]) {
            throw SheetsError.notASpreadsheet(file: name, reason: "binary data")
        }
        return try CSVWorkbook(url: url, fileName: name)
    }

    private static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        while let first = slice.first, first == 0x20 || first == 0x0A || first == 0x0D || first == 0x09 {
            slice = slice.dropFirst()
        }
        return slice.starts(with: Array("<?xml".utf8)) || slice.starts(with: Array("<Workbook".utf8))
            || slice.starts(with: Array("<ss:Workbook".utf8))
    }
}
