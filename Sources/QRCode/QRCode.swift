import CQREncode

/// QR codes through the system's libqrencode (Debian `libqrencode-dev`), drawn as SVG: a judge's link on a phone
/// screen or on paper, scanned with WeChat. The only module that imports libqrencode.
public enum QRCode {
    /// The modules of `text`'s symbol (error correction level M, byte mode), row by row; nil when the text is too
    /// long for any QR version or libqrencode fails.
    public static func modules(_ text: String) -> [[Bool]]? {
        guard !text.isEmpty, text.utf8.count <= 2_000 else { return nil }
        let bytes = Array(text.utf8)
        guard
            let code = bytes.withUnsafeBufferPointer({ buffer in
                QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, QR_ECLEVEL_M)
            })
        else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        // Bit 0 of each byte is the module's colour (1 = dark); the other bits describe its role.
        return (0..<width).map { y in (0..<width).map { x in data[y * width + x] & 1 == 1 } }
    }

    /// An SVG of `text`'s QR code with a quiet zone of four modules, `size` CSS pixels wide, with `label` as its
    /// accessible name; nil when the text cannot be encoded.
    public static func svg(_ text: String, size: Int = 200, label: String) -> String? {
        guard let modules = modules(text) else { return nil }
        let quiet = 4
        let side = modules.count + 2 * quiet
        var path = ""
        for (y, row) in modules.enumerated() {
            var x = 0
            while x < row.count {
                guard row[x] else {
                    x += 1
                    continue
                }
                // One horizontal run of dark modules per path segment.
                var run = 1
                while x + run < row.count && row[x + run] { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        let escaped = label.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll("\"", "&quot;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(size)" height="\(size)" \
            role="img" aria-label="\(escaped)" shape-rendering="crispEdges"><rect width="\(side)" height="\(side)" \
            fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
