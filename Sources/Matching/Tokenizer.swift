import DuijieCore

/// Splits mixed Chinese/English technical text into terms.
///
/// - Full-width forms become half-width and Latin letters lower case.
/// - Chinese runs become overlapping character bigrams (`激光焊接` → `激光` `光焊` `焊接`); a one-character run
///   stays a unigram. Bigrams need no dictionary and tolerate new compounds, which suits technical demands.
/// - Latin words and acronyms are single terms, hyphenated ones kept whole (`pvdf`, `plc`, `nb-iot`).
/// - Numbers keep their units (`600℃`, `0.02mm`, `5μm`, `1.5mpa`), so a specification matches only itself.
/// - Nothing is dropped by a hand list: common terms (有限公司, 研究, 技术) lose weight through inverse document
///   frequency in the scorer, computed on the texts actually loaded.
public enum Tokenizer {
    /// Half-width, lower-cased text: the form every comparison uses.
    public static func normalise(_ text: String) -> String {
        let half = TextNormalizer.halfWidth(text)
        guard half.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return half }
        return half.lowercased()
    }

    /// Scalars that continue a number as part of its unit.
    static func isUnitScalar(_ v: UInt32) -> Bool {
        v == 0x2103 || v == 0xB0 || v == 0x3BC || v == 0xB5 || v == 0x25 || v == 0x2030 || v == 0xB2 || v == 0xB3
            || v == 0x2F || (v >= 0x3380 && v <= 0x33DF)
    }

    @inline(__always)
    static func isHan(_ v: UInt32) -> Bool { (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) }

    /// The terms of `text`, in order, repeats kept (term frequency matters).
    public static func tokenize(_ text: String) -> [String] { terms(text).map(\.text) }

    /// A term and whether it overlaps the previous one (the next bigram of the same Chinese run), so matched
    /// bigrams can be joined back into the phrase a person wrote (`激光` `光焊` `焊接` → 激光焊接).
    public struct Term: Hashable, Sendable {
        /// The term.
        public var text: String
        /// True for the second and later bigrams of one Chinese run.
        public var continuesPrevious: Bool
    }

    /// The terms of `text` with their adjacency.
    public static func terms(_ text: String) -> [Term] {
        var tokens: [Term] = []
        var han: [Unicode.Scalar] = []
        var latin = String.UnicodeScalarView()
        var latinIsNumber = false

        func flushHan() {
            if han.count == 1 {
                tokens.append(Term(text: String(Character(han[0])), continuesPrevious: false))
            } else if han.count > 1 {
                for i in 0..<(han.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(han[i])
                    pair.append(han[i + 1])
                    tokens.append(Term(text: String(pair), continuesPrevious: i > 0))
                }
            }
            han.removeAll(keepingCapacity: true)
        }
        func flushLatin() {
            while let last = latin.last, last == "-" || last == "." || last == "/" { latin.removeLast() }
            if !latin.isEmpty && (latin.count > 1 || latinIsNumber) {
                tokens.append(Term(text: String(latin), continuesPrevious: false))
            }
            latin.removeAll()
            latinIsNumber = false
        }

        for scalar in normalise(text).unicodeScalars {
            let v = scalar.value
            if isHan(v) {
                flushLatin()
                han.append(scalar)
                continue
            }
            flushHan()
            let isDigit = v >= 0x30 && v <= 0x39
            let isLetter = v >= 0x61 && v <= 0x7A
            if isDigit || isLetter {
                if latin.isEmpty { latinIsNumber = isDigit }
                latin.append(scalar)
            } else if (v == 0x2D || v == 0x2E || v == 0x5F) && !latin.isEmpty {
                latin.append(scalar)  // nb-iot, 0.02, tpv_x
            } else if latinIsNumber && isUnitScalar(v) {
                latin.append(scalar)  // 600℃, 5μm, 10mg/m³
            } else {
                flushLatin()
            }
        }
        flushLatin()
        flushHan()
        return tokens
    }
}
