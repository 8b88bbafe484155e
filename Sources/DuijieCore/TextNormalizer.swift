/// Small text clean-ups shared by every module: full-width to half-width, space folding, name keys.
///
/// These run on every cell of every import, so each has a byte-level fast path for text that needs no change
/// and works on Unicode scalars, never on grapheme clusters.
public enum TextNormalizer {
    /// Maps full-width ASCII (`０-９`, `Ａ-ｚ`, `（）`, `：`) and the ideographic space to their half-width forms.
    public static func halfWidth(_ text: String) -> String {
        // Full-width forms and the ideographic space are encoded E3 80 80 or EF BC/BD xx in UTF-8.
        guard text.utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3000: scalars.append(" ")
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Whether `scalar` is a space for folding purposes (ASCII and Unicode white space, NBSP, ideographic space).
    @inline(__always)
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return v == 0xA0 || v == 0x3000 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x85
    }

    /// Trims the ends and folds runs of whitespace (including line breaks inside a cell) to one space.
    public static func collapsedWhitespace(_ text: String) -> String {
        if isCollapsed(text) { return text }
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !scalars.isEmpty
            } else {
                if pendingSpace { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// True when the text has no leading or trailing space, no space other than single ASCII spaces.
    private static func isCollapsed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previousSpace = true  // a leading space fails
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                switch byte {
                case 0x20:
                    if previousSpace { return false }
                    previousSpace = true
                case 0x09...0x0D:
                    return false
                case 0xC2:  // U+0085, U+00A0
                    if index + 1 < count, bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0 { return false }
                    previousSpace = false
                case 0xE1:  // U+1680
                    if index + 2 < count, bytes[index + 1] == 0x9A, bytes[index + 2] == 0x80 { return false }
                    previousSpace = false
                case 0xE2:  // U+2000–200A, 2028, 2029, 202F, 205F
                    if index + 2 < count {
                        let b1 = bytes[index + 1]
                        let b2 = bytes[index + 2]
                        if b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) { return false }
                        if b1 == 0x81 && b2 == 0x9F { return false }
                    }
                    previousSpace = false
                case 0xE3:  // U+3000
                    if index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { return false }
                    previousSpace = false
                default:
                    previousSpace = false
                }
                index += 1
            }
            return count == 0 || !previousSpace
        }
    }

    /// A key for comparing names and titles: half-width, lower-cased, with whitespace and punctuation removed.
    public static func key(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for var scalar in text.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF01 && v <= 0xFF5E {
                v -= 0xFEE0
                scalar = Unicode.Scalar(v)!
            }
            if v < 0x80 {
                switch v {
                case 0x30...0x39, 0x61...0x7A: out.append(UInt8(v))
                case 0x41...0x5A: out.append(UInt8(v + 0x20))
                default: continue  // ASCII spaces, controls and punctuation
                }
            } else if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) {
                appendUTF8(scalar, to: &out)  // CJK ideographs: the common case, no table look-up
            } else if (v >= 0x3000 && v <= 0x303F) || (v >= 0x2010 && v <= 0x205F) || v == 0xA0 || v == 0xFF5F {
                continue  // CJK and general punctuation, spaces
            } else {
                let properties = scalar.properties
                if properties.isWhitespace { continue }
                switch properties.generalCategory {
                case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                    .finalPunctuation, .otherPunctuation, .mathSymbol:
                    continue
                default:
                    let lower = properties.lowercaseMapping.unicodeScalars
                    appendUTF8(lower.count == 1 ? lower.first! : scalar, to: &out)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Whether `text` starts with `prefix`, comparing UTF-8 bytes (no grapheme breaking).
    @inline(__always)
    public static func hasBytePrefix(_ text: String, _ prefix: String) -> Bool {
        text.utf8.starts(with: prefix.utf8)
    }
}

extension TextNormalizer {
    /// A person's name as compared and stored: a Chinese name loses the spaces documents pad it with
    /// (`李　梅`, `赵  东` → 李梅, 赵东); other names are whitespace-folded.
    public static func personName(_ text: String) -> String {
        let folded = collapsedWhitespace(text)
        guard
            folded.unicodeScalars.contains(where: {
                ($0.value >= 0x4E00 && $0.value <= 0x9FFF) || ($0.value >= 0x3400 && $0.value <= 0x4DBF)
            })
        else { return folded }
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { !isSpace($0) }))
    }
}

extension TextNormalizer {
    /// The full-width form of `text`'s first scalar when it has one (`-` → `－`), for look-ups that must see both.
    public static func fullWidthFirst(_ text: String) -> Unicode.Scalar? {
        guard let first = text.unicodeScalars.first, first.value >= 0x21, first.value <= 0x7E else { return nil }
        return Unicode.Scalar(first.value + 0xFEE0)
    }
}
