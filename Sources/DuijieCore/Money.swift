/// An exact amount of Chinese yuan, held as integer fen (1 元 = 100 分); never a floating-point number.
public struct Money: Hashable, Comparable, Sendable, Codable {
    /// The amount in fen.
    public var fen: Int64

    /// Creates an amount from integer fen.
    public init(fen: Int64) { self.fen = fen }

    /// Creates an amount from whole yuan.
    public init(yuan: Int64) { self.fen = yuan * 100 }

    /// The amount as a decimal string of yuan with two places, e.g. `"500000.00"`.
    public var yuanString: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The amount in 万元 for display, trimmed of trailing zeros: `50`, `12.5`, `0.0001`.
    public var wanString: String { Money.trimmedDecimal(fen, scale: 1_000_000) }

    /// The amount in 亿元 for display, trimmed of trailing zeros.
    public var yiString: String { Money.trimmedDecimal(fen, scale: 10_000_000_000) }

    /// Orders by value.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    /// Sums two amounts. Traps on overflow: totals over stored amounts use `MoneyTotal`, which cannot overflow.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }

    private static func trimmedDecimal(_ fen: Int64, scale: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let whole = magnitude / UInt64(scale)
        var fraction = magnitude % UInt64(scale)
        guard fraction != 0 else { return "\(sign)\(whole)" }
        var digits = String(scale).count - 1
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }
}

/// A unit an amount may be written in.
public enum MoneyUnit: String, Sendable, Codable, CaseIterable {
    /// 元
    case yuan
    /// 万元 (10,000 元), the usual unit of demand budgets.
    case wan
    /// 亿元 (100,000,000 元).
    case yi

    /// Fen in one of this unit.
    public var fenPerUnit: Int64 {
        switch self {
        case .yuan: return 100
        case .wan: return 1_000_000
        case .yi: return 10_000_000_000
        }
    }

    /// The Chinese label, as written in headers: 元, 万元, 亿元.
    public var label: String {
        switch self {
        case .yuan: return "元"
        case .wan: return "万元"
        case .yi: return "亿元"
        }
    }
}

/// An exact sum of amounts that cannot overflow: 128-bit fen, for report totals over any number of stored amounts.
public struct MoneyTotal: Sendable, Equatable, Comparable {
    private var high: Int64 = 0
    private var low: UInt64 = 0

    /// Zero.
    public init() {}

    /// The sum of `amounts`.
    public init<S: Sequence>(_ amounts: S) where S.Element == Money {
        for amount in amounts { add(amount) }
    }

    /// Adds one amount.
    public mutating func add(_ amount: Money) {
        let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: amount.fen))
        low = sum
        high = high &+ (amount.fen < 0 ? -1 : 0) &+ (carry ? 1 : 0)
    }

    /// The total as `Money` when it fits in 64 bits.
    public var money: Money? {
        let value = Int64(bitPattern: low)
        return high == (value < 0 ? -1 : 0) ? Money(fen: value) : nil
    }

    /// Whether the total is below zero.
    var isNegative: Bool { high < 0 }

    /// Orders totals by value (the high word is signed, the low one not).
    public static func < (lhs: MoneyTotal, rhs: MoneyTotal) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }

    /// The magnitude's decimal digits of fen.
    private var fenDigits: String {
        if let money { return String(money.fen.magnitude) }
        var (hi, lo) = isNegative ? MoneyTotal.negate(high, low) : (UInt64(bitPattern: high), low)
        var digits: [UInt8] = []
        while hi != 0 || lo != 0 {
            // Divide the 128-bit value by 10, keeping the remainder.
            let (qHigh, rHigh) = hi.quotientAndRemainder(dividingBy: 10)
            let (qLow, rLow) = UInt64(10).dividingFullWidth((high: rHigh, low: lo))
            hi = qHigh
            lo = qLow
            digits.append(UInt8(ascii: "0") + UInt8(rLow))
        }
        return digits.isEmpty ? "0" : String(decoding: digits.reversed(), as: UTF8.self)
    }

    private static func negate(_ high: Int64, _ low: UInt64) -> (UInt64, UInt64) {
        let lowNegated = ~low &+ 1
        return (~UInt64(bitPattern: high) &+ (lowNegated == 0 ? 1 : 0), lowNegated)
    }

    /// The total as a decimal string of yuan with two places, like `Money.yuanString`.
    public var yuanString: String {
        var digits = fenDigits
        while digits.count < 3 { digits = "0" + digits }
        return (isNegative ? "-" : "") + digits.dropLast(2) + "." + digits.suffix(2)
    }

    /// The total in 万元, trimmed of trailing zeros, like `Money.wanString`.
    public var wanString: String {
        if let money { return money.wanString }
        var digits = fenDigits
        while digits.count < 7 { digits = "0" + digits }
        var fraction = String(digits.suffix(6))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (isNegative ? "-" : "") + digits.dropLast(6) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
