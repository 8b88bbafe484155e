import DuijieCore

/// One scoring criterion and its maximum, in tenths of a point (技术先进性 30 → 300).
public struct Criterion: Sendable, Codable, Equatable {
    /// The criterion's name as sheets write it.
    public var name: String
    /// The maximum in tenths of a point.
    public var maxTenths: Int

    /// Creates a criterion.
    public init(name: String, maxTenths: Int) {
        self.name = name
        self.maxTenths = maxTenths
    }
}

/// An award tier: its name, how many, and whether per group or over the whole final.
public struct AwardTier: Sendable, Codable, Equatable {
    /// 优胜奖, 优秀奖 …
    public var name: String
    /// How many; nil means every team not yet awarded.
    public var count: Int?
    /// Per group (the best `count` of each group) or overall.
    public var perGroup: Bool

    /// Creates a tier.
    public init(name: String, count: Int?, perGroup: Bool) {
        self.name = name
        self.count = count
        self.perGroup = perGroup
    }
}

/// How an event's final is judged: criteria, the smallest step a score may take, award tiers.
public struct JudgingRules: Sendable, Codable, Equatable {
    /// The criteria in sheet order; the first breaks ties last.
    public var criteria: [Criterion]
    /// The smallest step, in tenths: 5 for half points, 1 for tenths.
    public var stepTenths: Int
    /// The award tiers, in order of precedence.
    public var tiers: [AwardTier]

    /// Creates rules.
    public init(criteria: [Criterion], stepTenths: Int, tiers: [AwardTier]) {
        self.criteria = criteria
        self.stepTenths = stepTenths
        self.tiers = tiers
    }

    /// 技术先进性 30, 方案可行性 30, 团队实力 20, 经济社会效益 20; half points; one 优胜奖 per group, 优秀奖 for the rest.
    public static let standard = JudgingRules(
        criteria: [
            Criterion(name: "技术先进性", maxTenths: 300), Criterion(name: "方案可行性", maxTenths: 300),
            Criterion(name: "团队实力", maxTenths: 200), Criterion(name: "经济社会效益", maxTenths: 200),
        ],
        stepTenths: 5,
        tiers: [AwardTier(name: "优胜奖", count: 1, perGroup: true), AwardTier(name: "优秀奖", count: nil, perGroup: false)])

    /// The highest possible total, in tenths.
    public var maxTotalTenths: Int { criteria.reduce(0) { $0 + $1.maxTenths } }

    /// Reads a score as written (`26`, `26.5`, `２６．５`) into tenths, or says why it cannot be one.
    public func tenths(_ text: String, max: Int) -> Result<Int, JudgingError.Reason> {
        let cleaned = TextNormalizer.halfWidth(text).trimmingCharacters(in: " \t")
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard !cleaned.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let whole = Int(parts[0].isEmpty ? "0" : String(parts[0]))
        else { return .failure(.notANumber) }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        guard fraction.count <= 1 else { return .failure(.finerThanStep(stepTenths)) }
        let value = whole * 10 + (Int(fraction) ?? 0)
        if value > max { return .failure(.aboveMaximum(max)) }
        if value % stepTenths != 0 { return .failure(.finerThanStep(stepTenths)) }
        return .success(value)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

/// Formats tenths as points: 265 → `26.5`, 260 → `26`.
public func points(_ tenths: Int) -> String { tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)" }
