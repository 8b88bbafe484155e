import Foundation

/// Where a workbook's bytes are: a file on disk, or bytes already in memory (an upload).
public enum SpreadsheetSource: Sendable {
    /// A file, read as needed.
    case file(URL)
    /// Bytes held in memory.
    case memory(Data)

    /// The size in bytes (0 when a file cannot be inspected).
    public var size: Int64 {
        switch self {
        case .file(let url): return (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int64) ?? 0
        case .memory(let data): return Int64(data.count)
        }
    }

    /// The first `count` bytes.
    func head(_ count: Int, fileName: String) throws -> [UInt8] {
        switch self {
        case .memory(let data): return [UInt8](data.prefix(count))
        case .file(let url):
            do {
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                return [UInt8](try handle.read(upToCount: count) ?? Data())
            } catch {
                throw SheetsError.unreadableFile(file: fileName, reason: error.localizedDescription)
            }
        }
    }

    /// All the bytes (a file is mapped when it can be).
    func data(fileName: String) throws -> Data {
        switch self {
        case .memory(let data): return data
        case .file(let url):
            do {
                return try Data(contentsOf: url, options: .mappedIfSafe)
            } catch {
                throw SheetsError.unreadableFile(file: fileName, reason: error.localizedDescription)
            }
        }
    }

    /// Hands the bytes to `body` in chunks of at most `size` until it returns false or the bytes end.
    func chunks(of size: Int, fileName: String, _ body: (UnsafeRawBufferPointer) throws -> Bool) throws {
        switch self {
        case .memory(let data):
            try data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + size)
                    guard try body(UnsafeRawBufferPointer(rebasing: bytes[offset..<end])) else { return }
                    offset = end
                }
            }
        case .file(let url):
            let file: FileHandle
            do {
                file = try FileHandle(forReadingFrom: url)
            } catch {
                throw SheetsError.unreadableFile(file: fileName, reason: error.localizedDescription)
            }
            defer { try? file.close() }
            while let chunk = try file.read(upToCount: size), !chunk.isEmpty {
                guard try chunk.withUnsafeBytes({ try body($0) }) else { return }
            }
        }
    }
}

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
        return try open(.file(url), fileName: name, limits: limits)
    }

    /// Opens a workbook held in memory (an upload), by the same rules as a file.
    public static func open(data: Data, fileName: String, limits: ReadLimits? = nil) throws -> Workbook {
        try open(.memory(data), fileName: fileName, limits: limits)
    }

    /// Opens the workbook in `source`, named `name` in messages.
    public static func open(_ source: SpreadsheetSource, fileName name: String, limits: ReadLimits? = nil) throws -> Workbook {
        let bytes = try source.head(512, fileName: name)
        if bytes.isEmpty { throw SheetsError.notASpreadsheet(file: name, reason: "the file is empty") }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try XLSXWorkbook(source: source, fileName: name, limits: limits)
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return try XLSWorkbook(data: try source.data(fileName: name), fileName: name)
        }
        if bytes.starts(with: [0x50, 0x4B]) {
            throw SheetsError.corruptArchive(file: name, reason: "the zip header is damaged")
        }
        if looksLikeXML(bytes) {
            return try SpreadsheetMLWorkbook(source: source, fileName: name)
        }
        if bytes.prefix(512).contains(0) && !bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFE, 0xFF]) {
            throw SheetsError.notASpreadsheet(file: name, reason: "binary data")
        }
        return try CSVWorkbook(data: try source.data(fileName: name), fileName: name)
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
