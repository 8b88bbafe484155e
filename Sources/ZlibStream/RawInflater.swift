import CSystemZlib

/// Why a deflate stream could not be inflated.
public enum InflateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not a valid deflate stream (zlib's own message).
    case damaged(String)
    /// The input ended before the stream's final block.
    case truncated
    /// More output than the caller allows: a zip bomb or a lying size field.
    case tooLarge(limit: Int64)

    /// One clause for messages.
    public var description: String {
        switch self {
        case .damaged(let message): return "the compressed data is damaged (\(message))"
        case .truncated: return "the compressed data ends before its last block (a truncated file)"
        case .tooLarge(let limit): return "it inflates past \(limit) bytes"
        }
    }
}

/// Inflates a raw deflate stream (as zip entries hold it) chunk by chunk through the system zlib, counting every
/// byte produced against a limit and refusing a stream that ends without its final block — never looping.
///
/// The only importer of CSystemZlib (the system zlib; ZIPFoundation names its own CZlib); no zlib type appears in its interface.
public enum RawInflater {
    /// Inflates `input`, handing each chunk of output (at most `chunkSize` bytes) to `body`; `body` returns false to
    /// stop early. Throws when the stream is damaged or truncated, or when more than `limit` bytes come out.
    public static func inflate(
        _ input: UnsafeRawBufferPointer, limit: Int64, chunkSize: Int = 1 << 18,
        _ body: (UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var stream = z_stream()
        guard duijie_inflateInit2(&stream, -15) == Z_OK else { throw InflateError.damaged("zlib could not start") }
        defer { inflateEnd(&stream) }
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { output.deallocate() }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        var remaining = input.count
        var produced: Int64 = 0
        while true {
            // zlib counts available input in 32 bits: feed at most 1 GiB at a time.
            if stream.avail_in == 0 && remaining > 0 {
                let step = min(remaining, 1 << 30)
                stream.avail_in = uInt(step)
                remaining -= step
            }
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(chunkSize)
            let status = CSystemZlib.inflate(&stream, Z_NO_FLUSH)
            let count = chunkSize - Int(stream.avail_out)
            if count > 0 {
                produced += Int64(count)
                if produced > limit { throw InflateError.tooLarge(limit: limit) }
                guard try body(UnsafeRawBufferPointer(rebasing: output[0..<count])) else { return }
            }
            switch status {
            case Z_STREAM_END: return
            case Z_OK: continue
            case Z_BUF_ERROR:
                // No progress possible: out of input before the final block (output space was available).
                if stream.avail_in == 0 && remaining == 0 { throw InflateError.truncated }
                if count == 0 { throw InflateError.damaged("no progress") }
            case Z_DATA_ERROR, Z_NEED_DICT:
                throw InflateError.damaged(stream.msg.map { String(cString: $0) } ?? "invalid data")
            case Z_MEM_ERROR: throw InflateError.damaged("out of memory")
            default: throw InflateError.damaged("zlib status \(status)")
            }
        }
    }
}
