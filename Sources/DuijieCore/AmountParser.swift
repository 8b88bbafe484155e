/// How a budget or amount cell was filled in.
public enum Amount: Hashable, Sendable {
    /// An exact amount.
    case exact(Money)
    /// 面议 and its kin: to be negotiated, deliberately no number (not zero).
    case negotiable
}

/// Why an amount could not be read.
public enum AmountParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a number with an optional unit.
    case unreadable(String)
    /// Two numbers, e.g. `50-100万`: a range is not one amount.
    case range(String)
    /// Less than zero.
    case negative(String)
    /// More than any demand or contract is (above `AmountParser.plausibleLimit`): a row to check.
    case tooLarge(String)
    /// More digits than exact arithmetic holds (above 9.2 × 10^16 元): no person typed it; the file is damaged or made
    /// by a program, and is refused whole.
    case outOfRange(String)

    /// One sentence for people (English).
    public var description: String { message.description }

    /// The sentence from the catalogue (both languages).
    public var message: Message {
        switch self {
        case .unreadable(let text): Message("amount.unreadable", text)
        case .range(let text): Message("amount.range", text)
        case .negative(let text): Message("amount.negative", text)
        case .tooLarge(let text): Message("amount.too_large", text, AmountParser.plausibleLimit.yuanString)
        case .outOfRange(let text): Message("amount.out_of_range", text)
        }
    }
}

/// Parses amounts as written on Chinese sheets: `50`, `50万元`, `120万`, `0.5亿`, `1,200,000元`, `面议`.
///
/// Exact: the digits are read as a decimal and scaled to fen with integer arithmetic; an explicit unit in
/// the text wins over `defaultUnit`, which comes from the header (`预计投入(万元)`) or the sheet kind.
public enum AmountParser {
    /// The largest amount accepted: 1万亿元 (10^12 元). Larger figures are typing or unit mistakes; sums of any number
    /// of accepted amounts stay exact (`MoneyTotal`).
    public static let plausibleLimit = Money(fen: 100_000_000_000_000)

    /// Words meaning "no fixed amount, to be negotiated".
    public static let negotiableWords: Set<String> = [
        "面议", "面谈", "协商", "商议", "议定", "待定", "待议", "再议", "可议", "双方协商", "协商确定", "面洽", "negotiable", "tbd",
    ]

    /// Parses `text`; returns nil for an empty cell.
    public static func parse(_ text: String, defaultUnit: MoneyUnit) throws(AmountParseError) -> Amount? {
        // Fast path: a plain number such as `50` or `12.5`, the usual content of a budget column.
        if !text.isEmpty, text.utf8.count <= 15, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }),
            text.utf8.first != 0x2E
        {
            return .exact(try scaled(Substring(text), fenPerUnit: defaultUnit.fenPerUnit, original: text))
        }
        let cleaned = TextNormalizer.halfWidth(text).filter { !$0.isWhitespace && $0 != "," && $0 != "，" }
        if cleaned.isEmpty || cleaned == "-" || cleaned == "/" || cleaned == "无" || cleaned == "暂无" { return nil }
        let lowered = cleaned.lowercased()
        if negotiableWords.contains(lowered) { return .negotiable }
        var body = Substring(lowered)
        // A currency sign or word states the unit: ¥300,000 is 300,000 元 whatever the header says (unless a unit
        // follows the number: ¥30万 is 30 万元).
        var currency = false
        var stripped = true
        while stripped {
            stripped = false
            for prefix in ["人民币", "rmb", "cny", "¥", "￥", "约"] where body.hasPrefix(prefix) {
                if prefix == "约" { throw .unreadable(text) }
                body = body.dropFirst(prefix.count)
                currency = true
                stripped = true
            }
        }
        for suffix in ["人民币", "rmb", "cny"] where body.hasSuffix(suffix) && body.count > suffix.count {
            body = body.dropLast(suffix.count)
            currency = true
        }
        // Split the leading number from the unit.
        var digits = Substring()
        var index = body.startIndex
        while index < body.endIndex, body[index].isASCII, body[index].isNumber || body[index] == "." {
            index = body.index(after: index)
        }
        digits = body[body.startIndex..<index]
        var unitText = String(body[index...])
        if unitText.hasPrefix("-") || unitText.hasPrefix("~") || unitText.hasPrefix("至") || unitText.hasPrefix("—") {
            throw .range(text)
        }
        if digits.isEmpty {
            if body.hasPrefix("-") { throw .negative(text) }
            throw .unreadable(text)
        }
        if unitText.hasSuffix("以上") || unitText.hasSuffix("以内") || unitText.hasSuffix("左右") {
            throw .unreadable(text)
        }
        if unitText.hasPrefix("(") && unitText.hasSuffix(")") { unitText = String(unitText.dropFirst().dropLast()) }
        let unit: MoneyUnit
        switch unitText {
        case "": unit = currency ? .yuan : defaultUnit
        case "元", "yuan": unit = .yuan
        case "万", "万元", "w", "万人民币": unit = .wan
        case "亿", "亿元": unit = .yi
        case "千元", "千":
            return .exact(try scaled(digits, fenPerUnit: 100_000, original: text))
        case "百万", "百万元":
            return .exact(try scaled(digits, fenPerUnit: 100_000_000, original: text))
        default: throw .unreadable(text)
        }
        return .exact(try scaled(digits, fenPerUnit: unit.fenPerUnit, original: text))
    }

    /// Scales a plain decimal digit string by `fenPerUnit`, exactly, rounding half up to the fen; refuses what overflows
    /// (`outOfRange`) and what is above the plausible limit (`tooLarge`).
    static func scaled(_ digits: Substring, fenPerUnit: Int64, original: String) throws(AmountParseError) -> Money {
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts.first?.isEmpty ?? true) || parts.count == 2 else { throw .unreadable(original) }
        let wholeText = parts[0].drop { $0 == "0" }
        let fractionText = parts.count == 2 ? parts[1] : ""
        if parts[0].isEmpty && fractionText.isEmpty { throw .unreadable(original) }
        guard wholeText.count <= 18, fractionText.count <= 64 else { throw .outOfRange(original) }
        guard let whole = Int64(wholeText.isEmpty ? "0" : String(wholeText)) else { throw .unreadable(original) }
        let (product, overflow) = whole.multipliedReportingOverflow(by: fenPerUnit)
        if overflow { throw .outOfRange(original) }
        var fen = product
        // Fraction: fenPerUnit is a power of ten, so each fraction digit scales by a shrinking power.
        var place = fenPerUnit
        var remainderDigit: Int64 = 0
        for character in fractionText {
            guard let digit = character.wholeNumberValue, character.isASCII else { throw .unreadable(original) }
            if place >= 10 {
                place /= 10
                let (sum, carry) = fen.addingReportingOverflow(Int64(digit) * place)
                if carry { throw .outOfRange(original) }
                fen = sum
            } else if place == 1 {
                remainderDigit = Int64(digit)
                place = 0
            }
        }
        if remainderDigit >= 5 {
            let (sum, carry) = fen.addingReportingOverflow(1)
            if carry { throw .outOfRange(original) }
            fen = sum
        }
        if fen > plausibleLimit.fen { throw .tooLarge(original) }
        return Money(fen: fen)
    }
}
