import Foundation

/// The central directory of a zip file held in memory: entry names, methods, sizes, checksums and where each entry's
/// data starts. Written by hand (with inflating done by the system zlib, `ZlibStream`) because ZIPFoundation 0.9.20,
/// the newest in the mirror, loops forever on Linux over a deflate stream that ends without its final block.
///
/// Every offset and length is checked against the bytes before it is used; ZIP64 sizes and offsets are read; an
/// encrypted entry is refused.
struct ZipDirectory {
    /// One entry.
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: UInt64
        var dataOffset: Int
    }

    /// Why a zip cannot be read; the container turns it into `SheetsError.corruptArchive`.
    struct Damaged: Error {
        var reason: String
    }

    let entries: [Entry]

    /// Reads the directory of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) throws {
        let count = bytes.count
        func u16(_ at: Int) throws -> UInt16 {
            guard at >= 0, at + 2 <= count else { throw Damaged(reason: "a record runs past the end of the file") }
            return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> UInt32 {
            guard at >= 0, at + 4 <= count else { throw Damaged(reason: "a record runs past the end of the file") }
            return bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian
        }
        func u64(_ at: Int) throws -> UInt64 {
            guard at >= 0, at + 8 <= count else { throw Damaged(reason: "a record runs past the end of the file") }
            return bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
        }
        func offset(_ value: UInt64, _ what: String) throws -> Int {
            guard value <= UInt64(count) else { throw Damaged(reason: "\(what) points past the end of the file") }
            return Int(value)
        }
        // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
        var end = -1
        var at = count - 22
        while at >= max(0, count - 22 - 65_535) {
            if try u32(at) == 0x0605_4B50 {
                end = at
                break
            }
            at -= 1
        }
        guard end >= 0 else { throw Damaged(reason: "no zip directory (the file is truncated or not a zip)") }
        var entryCount = UInt64(try u16(end + 10))
        var directorySize = UInt64(try u32(end + 12))
        var directoryStart = UInt64(try u32(end + 16))
        if end >= 20, try u32(end - 20) == 0x0706_4B50 {  // ZIP64 locator
            let record = try offset(try u64(end - 12), "the ZIP64 directory record")
            guard try u32(record) == 0x0606_4B50 else { throw Damaged(reason: "a damaged ZIP64 directory record") }
            entryCount = try u64(record + 32)
            directorySize = try u64(record + 40)
            directoryStart = try u64(record + 48)
        }
        let start = try offset(directoryStart, "the directory")
        guard directorySize <= UInt64(count - start) else { throw Damaged(reason: "the directory runs past the end of the file") }
        // Each directory record is at least 46 bytes: a count above that is a lie, not a reason to allocate.
        guard entryCount <= directorySize / 46 + 1 else {
            throw Damaged(reason: "the directory claims more entries than it holds")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(entryCount))
        var cursor = start
        for _ in 0..<entryCount {
            guard try u32(cursor) == 0x0201_4B50 else { throw Damaged(reason: "a damaged directory record") }
            let flags = try u16(cursor + 8)
            let method = try u16(cursor + 10)
            let crc = try u32(cursor + 16)
            var compressed = UInt64(try u32(cursor + 20))
            var uncompressed = UInt64(try u32(cursor + 24))
            let nameLength = Int(try u16(cursor + 28))
            let extraLength = Int(try u16(cursor + 30))
            let commentLength = Int(try u16(cursor + 32))
            var local = UInt64(try u32(cursor + 42))
            let nameStart = cursor + 46
            guard nameStart + nameLength + extraLength + commentLength <= count else {
                throw Damaged(reason: "a directory record runs past the end of the file")
            }
            let name = String(
                decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<(nameStart + nameLength)]), as: UTF8.self)
            // ZIP64 extra field: the sizes and offset that did not fit in 32 bits, in this order.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = try u16(extra)
                let size = Int(try u16(extra + 2))
                guard extra + 4 + size <= extraEnd else { break }
                if id == 0x0001 {
                    var field = extra + 4
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= extra + 4 + size {
                        uncompressed = try u64(field)
                        field += 8
                    }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extra + 4 + size {
                        compressed = try u64(field)
                        field += 8
                    }
                    if local == 0xFFFF_FFFF, field + 8 <= extra + 4 + size { local = try u64(field) }
                }
                extra += 4 + size
            }
            cursor = extraEnd + commentLength
            let header = try offset(local, "an entry")
            guard try u32(header) == 0x0403_4B50 else { throw Damaged(reason: "entry '\(name)' has no local header") }
            let dataOffset = header + 30 + Int(try u16(header + 26)) + Int(try u16(header + 28))
            guard dataOffset <= count, compressed <= UInt64(count - dataOffset) else {
                throw Damaged(reason: "entry '\(name)' runs past the end of the file")
            }
            entries.append(
                Entry(
                    name: name, method: method, flags: flags, crc: crc, compressedSize: Int(compressed),
                    uncompressedSize: uncompressed, dataOffset: dataOffset))
        }
        self.entries = entries
    }
}
