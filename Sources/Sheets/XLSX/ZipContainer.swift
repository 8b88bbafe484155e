import Foundation
import XMLStream
import ZIPFoundation

/// The XLSX zip container: finds parts case-insensitively and streams them, bounded, into an XML parser.
///
/// Parts are inflated chunk by chunk straight into libxml2's push parser, so a 500 MB sheet part never
/// sits in memory; every chunk is counted against `ReadLimits`, whatever the zip header claims.
final class ZipContainer {
    let fileName: String
    private let archive: Archive
    private let entries: [String: Entry]
    let limits: ReadLimits
    private var totalInflated: Int64 = 0

    private let source: SpreadsheetSource

    init(source: SpreadsheetSource, fileName: String, limits: ReadLimits) throws {
        self.source = source
        self.fileName = fileName
        self.limits = limits
        do {
            switch source {
            case .file(let url): archive = try Archive(url: url, accessMode: .read)
            case .memory(let data): archive = try Archive(data: data, accessMode: .read)
            }
        } catch {
            throw SheetsError.corruptArchive(file: fileName, reason: "no readable zip directory (\(error))")
        }
        var map: [String: Entry] = [:]
        for entry in archive { map[entry.path.lowercased()] = entry }
        if map.isEmpty { throw SheetsError.corruptArchive(file: fileName, reason: "the zip holds no entries") }
        entries = map
    }

    /// A second, independent handle on the same bytes, for reading a part on another thread.
    func reopened() throws -> ZipContainer { try ZipContainer(source: source, fileName: fileName, limits: limits) }

    func has(_ part: String) -> Bool { entries[part.lowercased()] != nil }

    /// Streams `part` through a new push parser reporting to `handler`; `shouldStop` ends early and cleanly.
    ///
    /// With `inspect`, a part whose zip header says it is at most `wholeUpTo` bytes is inflated whole first (still
    /// counted against the limits and checked), shown to `inspect`, then parsed from memory: how a sheet's merged
    /// ranges, which the part lists only after its rows, are known before the rows are read.
    func parse(
        _ part: String, handler: XMLStreamHandler, shouldStop: () -> Bool = { false }, wholeUpTo: Int = 0,
        inspect: ((Data) -> Void)? = nil
    ) throws {
        guard let entry = entries[part.lowercased()] else { throw SheetsError.missingPart(file: fileName, part: part) }
        if Int64(entry.uncompressedSize) > limits.maxPartBytes {
            throw SheetsError.partTooLarge(file: fileName, part: part, limit: limits.maxPartBytes)
        }
        let parser = XMLPushParser(handler: handler, documentName: part)
        var inflated: Int64 = 0
        var checksum = CRC32()
        let whole = inspect != nil && entry.uncompressedSize <= UInt64(max(0, wholeUpTo))
        var buffer = Data()
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 18, skipCRC32: true) { data in
                inflated += Int64(data.count)
                totalInflated += Int64(data.count)
                if inflated > limits.maxPartBytes || totalInflated > limits.maxTotalBytes {
                    throw SheetsError.partTooLarge(file: fileName, part: part, limit: limits.maxPartBytes)
                }
                if shouldStop() { throw StopReading() }
                try data.withUnsafeBytes { bytes in
                    checksum.update(bytes)
                    if whole { buffer.append(contentsOf: bytes) } else { try parser.feed(bytes) }
                }
            }
            if checksum.value != entry.checksum {
                throw SheetsError.corruptArchive(file: fileName, reason: "part '\(part)' fails its CRC-32 check")
            }
            if whole {
                inspect?(buffer)
                try buffer.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        if shouldStop() { throw StopReading() }
                        let end = min(bytes.count, offset + (1 << 18))
                        try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                        offset = end
                    }
                }
            }
            try parser.finish()
        } catch is StopReading {
            return
        } catch let error as SheetsError {
            throw error
        } catch let error as XMLStreamError {
            throw SheetsError.xml(error, file: fileName, part: part)
        } catch {
            if let handlerError = error as? HandlerFailure { throw handlerError.underlying }
            throw SheetsError.corruptArchive(file: fileName, reason: "part '\(part)' cannot be inflated (\(error))")
        }
    }
}

/// Thrown inside the extract consumer to stop reading a part early.
struct StopReading: Error {}

/// Wraps an error raised by a row consumer so it passes through the zip layer untouched.
struct HandlerFailure: Error {
    let underlying: Error
}
