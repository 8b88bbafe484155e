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
        // ASCII only: the terms that have case here are Latin words and units (full-width ones are folded above);
        // full Unicode lower-casing costs a property look-up for every Chinese character.
        var bytes = Array(half.utf8)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
        return String(decoding: bytes, as: UTF8.self)
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

/// Terms as 64-bit keys, so building vocabularies hashes integers instead of strings.
///
/// Two Chinese characters pack into one key (tag 11), a lone character too (tag 10), a synonym group is tag 01,
/// and Latin words and numbers are a 62-bit FNV-1a digest of their UTF-8 (tag 00).
public enum TermKey {
    static let hanPair: UInt64 = 0b11 << 62
    static let hanSingle: UInt64 = 0b10 << 62
    static let synonym: UInt64 = 0b01 << 62

    /// The key of a synonym group.
    public static func synonymGroup(_ index: Int) -> UInt64 { synonym | UInt64(index) }

    /// The key of a term as `Tokenizer.tokenize` spells it.
    public static func of(_ term: String) -> UInt64 {
        let scalars = Array(term.unicodeScalars)
        if scalars.count == 2, Tokenizer.isHan(scalars[0].value), Tokenizer.isHan(scalars[1].value) {
            return hanPair | UInt64(scalars[0].value) << 21 | UInt64(scalars[1].value)
        }
        if scalars.count == 1, Tokenizer.isHan(scalars[0].value) { return hanSingle | UInt64(scalars[0].value) }
        return latin(term.utf8)
    }

    static func latin<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash & ~(0b11 << 62)
    }

    /// The text of a Chinese key; nil for Latin and synonym keys, whose text the caller keeps.
    public static func hanText(_ key: UInt64) -> String? {
        switch key >> 62 {
        case 0b11:
            guard let a = Unicode.Scalar(UInt32((key >> 21) & 0x1F_FFFF)), let b = Unicode.Scalar(UInt32(key & 0x1F_FFFF))
            else { return nil }
            var view = String.UnicodeScalarView()
            view.append(a)
            view.append(b)
            return String(view)
        case 0b10:
            return Unicode.Scalar(UInt32(key & 0x1F_FFFF)).map { String(Character($0)) }
        default:
            return nil
        }
    }
}

extension Tokenizer {
    /// The keys of `text`'s terms, in order (the same terms `tokenize` spells out).
    public static func keys(_ text: String) -> [UInt64] {
        var ignored: [UInt64]? = nil
        return keys(text, unigrams: &ignored)
    }

    /// The keys of `text`'s terms, and in `unigrams` (when not nil) one single-character key for every Chinese
    /// character of a run of two or more: the character n-grams the cosine scorer uses beside the bigrams, made in
    /// the same pass.
    public static func keys(_ text: String, unigrams: inout [UInt64]?) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(text.unicodeScalars.count)
        var previousHan: UInt32 = 0
        var runLength = 0
        var latin: [UInt8] = []
        var latinIsNumber = false

        func flushHan() {
            if runLength == 1 { keys.append(TermKey.hanSingle | UInt64(previousHan)) }
            runLength = 0
        }
        func flushLatin() {
            while let last = latin.last, last == 0x2D || last == 0x2E || last == 0x2F { latin.removeLast() }
            if !latin.isEmpty && (latin.count > 1 || latinIsNumber) {
                keys.append(TermKey.latin(latin))
            }
            latin.removeAll(keepingCapacity: true)
            latinIsNumber = false
        }

        for scalar in normalise(text).unicodeScalars {
            let v = scalar.value
            if isHan(v) {
                if !latin.isEmpty { flushLatin() }
                if runLength >= 1 {
                    keys.append(TermKey.hanPair | UInt64(previousHan) << 21 | UInt64(v))
                    if runLength == 1 { unigrams?.append(TermKey.hanSingle | UInt64(previousHan)) }
                    unigrams?.append(TermKey.hanSingle | UInt64(v))
                }
                previousHan = v
                runLength += 1
                continue
            }
            if runLength > 0 { flushHan() }
            let isDigit = v >= 0x30 && v <= 0x39
            let isLetter = v >= 0x61 && v <= 0x7A
            if isDigit || isLetter {
                if latin.isEmpty { latinIsNumber = isDigit }
                latin.append(UInt8(v))
            } else if (v == 0x2D || v == 0x2E || v == 0x5F) && !latin.isEmpty {
                latin.append(UInt8(v))
            } else if latinIsNumber && isUnitScalar(v) {
                latin.append(contentsOf: String(scalar).utf8)
            } else if !latin.isEmpty {
                flushLatin()
            }
        }
        flushLatin()
        flushHan()
        return keys
    }
}
