import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text encodings a CSV file may come in.
public enum TextEncoding: String, Sendable {
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// GB18030, the superset of GBK and GB2312 that Chinese Excel and WPS write by default.
    case gb18030
    /// UTF-16 with a byte-order mark (Excel's "Unicode text").
    case utf16
}

/// Turns a text file's bytes into UTF-8, detecting the encoding.
///
/// Valid UTF-8 is taken as UTF-8; anything else is converted from GB18030 with iconv, which — unlike
/// Foundation, which returns nil for the whole file — stops at the first undecodable byte so the error can
/// name its line.
enum TextDecoding {
    static func decode(_ data: Data, fileName: String) throws -> (bytes: [UInt8], encoding: TextEncoding) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            try validateUTF8(bytes, fileName: fileName)
            return (bytes, .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            guard let text = String(data: Data(bytes.dropFirst(2)), encoding: littleEndian ? .utf16LittleEndian : .utf16BigEndian)
            else { throw SheetsError.undecodableText(file: fileName, line: 1, bytes: "UTF-16 data") }
            return (Array(text.utf8), .utf16)
        }
        if String(validating: bytes, as: UTF8.self) != nil { return (bytes, .utf8) }
        // Text that is UTF-8 (Chinese included) up to some line, then not: the file mixes encodings, and the place
        // to name is that line, not wherever GB18030 conversion would trip.
        let (offset, sawChinese) = firstInvalidUTF8(bytes)
        if sawChinese { throw undecodable(bytes, at: offset, fileName: fileName, mixed: true) }
        return (try convertGB18030(bytes, fileName: fileName), .gb18030)
    }

    private static func validateUTF8(_ bytes: [UInt8], fileName: String) throws {
        guard String(validating: bytes, as: UTF8.self) == nil else { return }
        throw undecodable(bytes, at: firstInvalidUTF8(bytes).offset, fileName: fileName)
    }

    /// Where the first byte sequence that is not UTF-8 starts, and whether Chinese in UTF-8 came before it (four or more
    /// three-byte characters: GB18030's two-byte pairs rarely pass as those by chance).
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (offset: Int, sawChinese: Bool) {
        var offset = 0
        var chinese = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if UTF8.width(scalar) == 3 { chinese += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return (offset, chinese >= 4)
    }

    static func convertGB18030(_ input: [UInt8], fileName: String) throws -> [UInt8] {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else {
            throw SheetsError.undecodableText(file: fileName, line: 1, bytes: "(iconv has no GB18030 converter)")
        }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var source = input
        let produced: Int = try source.withUnsafeMutableBufferPointer { inBuffer in
            try output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                    let consumed = inBuffer.count - inLeft
                    throw undecodable(input, at: consumed, fileName: fileName)
                }
                return outBuffer.count - outLeft
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    private static func undecodable(_ bytes: [UInt8], at offset: Int, fileName: String, mixed: Bool = false) -> SheetsError {
        let line = bytes[..<min(offset, bytes.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let shown = bytes[min(offset, bytes.count)..<min(offset + 4, bytes.count)]
            .map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }
        if mixed { return .mixedEncoding(file: fileName, line: line, bytes: shown.joined(separator: " ")) }
        return .undecodableText(file: fileName, line: line, bytes: shown.joined(separator: " "))
    }
}

/// Writes text in the encodings Chinese spreadsheet programs use.
public enum TextEncoder {
    /// Converts UTF-8 text to GB18030 bytes with iconv.
    public static func gb18030(_ text: String) throws -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { throw SheetsError.undecodableText(file: "-", line: 1, bytes: "iconv") }
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                _ = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return outBuffer.count - outLeft
            }
        }
        return Array(output[..<produced])
    }

    /// Formats one CSV record (RFC 4180 quoting, CRLF), optionally neutralising formula-like text.
    public static func csvRecord(_ fields: [String], neutraliseFormulas: Bool = false) -> String {
        fields.map { field in
            var value = field
            if neutraliseFormulas, let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
            if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }.joined(separator: ",") + "\r\n"
    }
}
