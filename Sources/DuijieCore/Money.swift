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

    /// Sums two amounts.
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
