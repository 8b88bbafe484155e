/// Small text clean-ups shared by every module: full-width to half-width, space folding, name keys.
public enum TextNormalizer {
    /// Maps full-width ASCII (`０-９`, `Ａ-ｚ`, `（）`, `：`) and the ideographic space to their half-width forms.
    public static func halfWidth(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x3000 && $0.value <= 0xFF5E }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3000: scalars.append(" ")
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Trims the ends and folds runs of whitespace (including line breaks inside a cell) to one space.
    public static func collapsedWhitespace(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace || character == "\u{00A0}" || character == "\u{3000}" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// A key for comparing names and titles: half-width, lower-cased, with whitespace and punctuation removed.
    public static func key(_ text: String) -> String {
        let half = halfWidth(text).lowercased()
        return String(
            half.unicodeScalars.filter { scalar in
                !(scalar.properties.isWhitespace || scalar.properties.generalCategory.isPunctuation
                    || scalar.properties.generalCategory == .mathSymbol || scalar == "\u{00A0}")
            }.map(Character.init))
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
