import Foundation
import XMLStream
import ZlibStream

/// The XLSX zip container: finds parts case-insensitively and streams them, bounded, into an XML parser.
///
/// Parts are inflated chunk by chunk straight into libxml2's push parser, so a 500 MB sheet part never
/// sits in memory; every chunk is counted against `ReadLimits` as it comes out, whatever the zip header claims, and a
/// part whose deflate stream ends early is refused instead of looping.
final class ZipContainer {
    let fileName: String
    private let data: Data
    private let entries: [String: ZipDirectory.Entry]
    let limits: ReadLimits
    private var totalInflated: Int64 = 0

    init(source: SpreadsheetSource, fileName: String, limits: ReadLimits) throws {
        self.fileName = fileName
        self.limits = limits
        data = try source.data(fileName: fileName)
        do {
            let directory = try data.withUnsafeBytes { try ZipDirectory($0) }
            var map: [String: ZipDirectory.Entry] = [:]
            for entry in directory.entries { map[entry.name.lowercased()] = entry }
            entries = map
        } catch let damaged as ZipDirectory.Damaged {
            throw SheetsError.corruptArchive(file: fileName, reason: damaged.reason)
        }
        if entries.isEmpty { throw SheetsError.corruptArchive(file: fileName, reason: "the zip holds no entries") }
    }

    private init(sharing other: ZipContainer) {
        fileName = other.fileName
        data = other.data
        entries = other.entries
        limits = other.limits
    }

    /// A second, independent handle on the same bytes, for reading a part on another thread.
    func reopened() throws -> ZipContainer { ZipContainer(sharing: self) }

    func has(_ part: String) -> Bool { entries[part.lowercased()] != nil }

    /// Streams `part` through a new push parser reporting to `handler`; `shouldStop` ends early and cleanly.
    ///
    /// With `inspect`, a part of at most `wholeUpTo` bytes (counted as they are inflated, not as the header says) is
    /// inflated whole first, shown to `inspect`, then parsed from memory: how a sheet's merged ranges, which the part
    /// lists only after its rows, are known before the rows are read. A part that turns out larger streams on.
    func parse(
        _ part: String, handler: XMLStreamHandler, shouldStop: () -> Bool = { false }, wholeUpTo: Int = 0,
        inspect: ((Data) throws -> Void)? = nil
    ) throws {
        guard let entry = entries[part.lowercased()] else { throw SheetsError.missingPart(file: fileName, part: part) }
        if entry.uncompressedSize > UInt64(limits.maxPartBytes) {
            throw SheetsError.partTooLarge(file: fileName, part: part, limit: limits.maxPartBytes)
        }
        if entry.flags & 1 != 0 {
            throw SheetsError.notASpreadsheet(file: fileName, reason: "the workbook is encrypted; save it without a password")
        }
        let parser = XMLPushParser(handler: handler, documentName: part)
        var checksum = CRC32()
        var whole = inspect != nil
        var buffer = Data()
        let allowed = min(limits.maxPartBytes, limits.maxTotalBytes - totalInflated)
        func consume(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
            if shouldStop() { return false }
            totalInflated += Int64(bytes.count)
            checksum.update(bytes)
            if whole {
                if buffer.count + bytes.count <= wholeUpTo {
                    buffer.append(contentsOf: bytes)
                    return true
                }
                // Larger than its header said: stream from here on (its merged cells are not filled).
                whole = false
                try buffer.withUnsafeBytes { try parser.feed($0) }
                buffer = Data()
            }
            try parser.feed(bytes)
            return true
        }
        do {
            var finished = true
            try data.withUnsafeBytes { all in
                let stored = UnsafeRawBufferPointer(rebasing: all[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)])
                switch entry.method {
                case 0:
                    guard Int64(stored.count) <= allowed else { throw InflateError.tooLarge(limit: limits.maxPartBytes) }
                    var offset = 0
                    while offset < stored.count {
                        let end = min(stored.count, offset + (1 << 18))
                        guard try consume(UnsafeRawBufferPointer(rebasing: stored[offset..<end])) else {
                            finished = false
                            return
                        }
                        offset = end
                    }
                case 8:
                    try RawInflater.inflate(stored, limit: allowed) { chunk in
                        let more = try consume(chunk)
                        if !more { finished = false }
                        return more
                    }
                default:
                    throw SheetsError.corruptArchive(
                        file: fileName,
                        reason: "part '\(part)' uses compression method \(entry.method), which Excel does not write")
                }
            }
            if !finished { return }
            if checksum.value != entry.crc {
                throw SheetsError.corruptArchive(file: fileName, reason: "part '\(part)' fails its CRC-32 check")
            }
            if whole {
                try inspect?(buffer)
                try buffer.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        if shouldStop() { return }
                        let end = min(bytes.count, offset + (1 << 18))
                        try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                        offset = end
                    }
                }
                if shouldStop() { return }
            }
            try parser.finish()
        } catch let error as SheetsError {
            throw error
        } catch let error as XMLStreamError {
            throw SheetsError.xml(error, file: fileName, part: part)
        } catch InflateError.tooLarge {
            throw SheetsError.partTooLarge(file: fileName, part: part, limit: limits.maxPartBytes)
        } catch let error as InflateError {
            throw SheetsError.corruptArchive(file: fileName, reason: "part '\(part)': \(error)")
        } catch {
            if let handlerError = error as? HandlerFailure { throw handlerError.underlying }
            throw error
        }
    }
}

/// Thrown inside a consumer to stop reading a part early.
struct StopReading: Error {}

/// Wraps an error raised by a row consumer so it passes through the zip layer untouched.
struct HandlerFailure: Error {
    let underlying: Error
}
