/// Rewrites number text as stored by spreadsheets into plain decimal text, exactly (no Double).
enum DecimalText {
    /// The largest exponent expanded into plain digits.
    static let maxExponent: UInt = 400

    /// `1.2E-3` → `0.0012`, `4.4377E4` → `44377`, `-5` → `-5`, `12.50` → `12.5`; other text unchanged; nil for an
    /// exponent beyond ±400 or a mantissa longer than 64 characters (no spreadsheet writes those).
    static func plain(_ raw: String) -> String? {
        guard raw.utf8.contains(where: { $0 == 0x45 || $0 == 0x65 }) else { return trimFraction(raw) }
        var utf8 = Array(raw.utf8)
        guard let e = utf8.firstIndex(where: { $0 == 0x45 || $0 == 0x65 }) else { return raw }
        // Beyond ±400 no value means anything here (Excel's own range ends near 1E308): refused, never expanded into
        // millions of zeros. Text that is not a number at all is left as it is.
        let exponentText = String(decoding: utf8[(e + 1)...], as: UTF8.self)
        guard let exponent = Int(exponentText) else {
            let digits = exponentText.drop { $0 == "+" || $0 == "-" }
            return !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) ? nil : raw
        }
        guard exponent.magnitude <= maxExponent, utf8.count <= 64 else { return nil }
        utf8.removeSubrange(e...)
        var negative = false
        if utf8.first == 0x2D {
            negative = true
            utf8.removeFirst()
        }
        var digits = [UInt8]()
        var pointPosition = utf8.count
        for (i, byte) in utf8.enumerated() {
            if byte == 0x2E { pointPosition = i } else { digits.append(byte) }
        }
        if pointPosition > digits.count { pointPosition = digits.count }
        var newPoint = pointPosition + exponent
        while newPoint <= 0 {
            digits.insert(0x30, at: 0)
            newPoint += 1
        }
        while newPoint > digits.count { digits.append(0x30) }
        var whole = Array(digits[..<newPoint])
        while whole.count > 1 && whole.first == 0x30 { whole.removeFirst() }
        var fraction = Array(digits[newPoint...])
        while fraction.last == 0x30 { fraction.removeLast() }
        var result = negative ? "-" : ""
        result += String(decoding: whole.isEmpty ? [0x30] : whole, as: UTF8.self)
        if !fraction.isEmpty { result += "." + String(decoding: fraction, as: UTF8.self) }
        return result
    }

    private static func trimFraction(_ raw: String) -> String {
        guard raw.utf8.contains(0x2E), raw.utf8.last == 0x30 else { return raw }
        var text = Substring(raw)
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
        return String(text)
    }
}
