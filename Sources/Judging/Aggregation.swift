import Foundation

/// How judges' totals become a team's score; chosen per event and printed with every result.
public enum AggregationMethod: String, Sendable, Codable, CaseIterable {
    /// The plain average of the valid judges' totals.
    case mean
    /// Drop exactly one highest and one lowest total (one copy each, even when tied) when at least 5 valid judges
    /// scored the team (去掉一个最高分和一个最低分), else the plain mean.
    case trimmed
    /// Per-judge standardisation: z = (total − judge's mean) / judge's population SD over the teams the judge validly
    /// scored; the team's z̄ is the mean of its judges' z; reported score M + SD·z̄ with M and SD over all valid totals.
    case zscore
}

/// One valid (non-conflicted, latest-version) entry: a judge's points for a team in a group.
public struct ValidEntry: Sendable, Equatable {
    /// The group (a demand of the final).
    public var group: String
    /// The team.
    public var team: String
    /// The judge.
    public var judge: String
    /// Points per criterion in tenths; the total when the sheet gave only a total.
    public var points: [Int]

    /// Creates an entry.
    public init(group: String, team: String, judge: String, points: [Int]) {
        self.group = group
        self.team = team
        self.judge = judge
        self.points = points
    }

    /// The total in tenths.
    public var total: Int { points.reduce(0, +) }
}

/// A team's place in its group.
public struct TeamResult: Sendable, Equatable {
    /// The team.
    public var team: String
    /// The score used for ranking, unrounded (points).
    public var score: Decimal
    /// The score as published: rounded half-up to 2 decimals.
    public var display: String
    /// Judges whose entries count.
    public var validJudges: Int
    /// The median of those judges' totals (points), the second tie-break.
    public var median: Decimal
    /// The mean of the first criterion (points), the third tie-break; nil when sheets gave totals only.
    public var firstCriterion: Decimal?
    /// Each valid judge's total (points), by judge name.
    public var judgeTotals: [String: Decimal]
    /// The award, when one is won.
    public var award: String?
    /// Still tied with a neighbour after every tie-break.
    public var tied: Bool
    /// The standardised mean z̄ (zscore only).
    public var meanZ: Double?
}

/// One group's ranking.
public struct GroupResult: Sendable, Equatable {
    /// The group.
    public var group: String
    /// Best first.
    public var ranking: [TeamResult]
}

/// Computes rankings and awards from valid entries.
public enum Aggregator {
    /// Ranks every group's teams by `method`, breaks ties (more valid judges, higher median, higher first criterion),
    /// flags remaining ties, and hands out `tiers` in order.
    public static func results(
        _ entries: [ValidEntry], groups: [(group: String, teams: [String])], method: AggregationMethod, tiers: [AwardTier]
    ) -> [GroupResult] {
        // z-scores need every judge's totals over the whole final.
        var judgeStats: [String: (mean: Double, sd: Double)] = [:]
        var overall = (mean: 0.0, sd: 0.0)
        if method == .zscore {
            for (judge, list) in Dictionary(grouping: entries, by: \.judge) {
                judgeStats[judge] = meanAndPopulationSD(list.map { Double($0.total) / 10 })
            }
            overall = meanAndPopulationSD(entries.map { Double($0.total) / 10 })
        }
        var results: [GroupResult] = []
        for (group, teams) in groups {
            var ranking: [TeamResult] = []
            for team in teams {
                let mine = entries.filter { $0.group == group && $0.team == team }
                let totals = mine.map { Decimal($0.total) / 10 }
                var score: Decimal = 0
                var meanZ: Double?
                switch method {
                case .mean:
                    score = mean(totals)
                case .trimmed:
                    score = totals.count >= 5 ? mean(Array(totals.sorted().dropFirst().dropLast())) : mean(totals)
                case .zscore:
                    let zs = mine.map { entry -> Double in
                        guard let stats = judgeStats[entry.judge], stats.sd > 0 else { return 0 }
                        return (Double(entry.total) / 10 - stats.mean) / stats.sd
                    }
                    let z = zs.isEmpty ? 0 : zs.reduce(0, +) / Double(zs.count)
                    meanZ = z
                    score = Decimal(overall.mean + overall.sd * z)
                }
                let first: Decimal? =
                    mine.first.map { $0.points.count > 1 } == true
                    ? mean(mine.map { Decimal($0.points[0]) / 10 }) : nil
                ranking.append(
                    TeamResult(
                        team: team, score: score, display: rounded(score), validJudges: mine.count, median: median(totals),
                        firstCriterion: first,
                        judgeTotals: Dictionary(mine.map { ($0.judge, Decimal($0.total) / 10) }, uniquingKeysWith: { $1 }),
                        award: nil, tied: false, meanZ: meanZ))
            }
            ranking.sort { a, b in
                if let order = order(a, b, method: method) { return order }
                return a.team < b.team
            }
            for i in ranking.indices {
                let tiedBefore = i > 0 && order(ranking[i - 1], ranking[i], method: method) == nil
                let tiedAfter = i + 1 < ranking.count && order(ranking[i], ranking[i + 1], method: method) == nil
                ranking[i].tied = tiedBefore || tiedAfter
            }
            results.append(GroupResult(group: group, ranking: ranking))
        }
        award(&results, tiers: tiers, method: method)
        return results
    }

    /// True when `a` ranks above `b`, false when below, nil when tied on every key.
    static func order(_ a: TeamResult, _ b: TeamResult, method: AggregationMethod) -> Bool? {
        let primaryA = method == .zscore ? Decimal(a.meanZ ?? 0) : a.score
        let primaryB = method == .zscore ? Decimal(b.meanZ ?? 0) : b.score
        if primaryA != primaryB { return primaryA > primaryB }
        if a.validJudges != b.validJudges { return a.validJudges > b.validJudges }
        if a.median != b.median { return a.median > b.median }
        if let fa = a.firstCriterion, let fb = b.firstCriterion, fa != fb { return fa > fb }
        return nil
    }

    static func award(_ results: inout [GroupResult], tiers: [AwardTier], method: AggregationMethod) {
        for tier in tiers {
            if tier.perGroup {
                for g in results.indices {
                    var given = 0
                    for i in results[g].ranking.indices
                    where results[g].ranking[i].award == nil && results[g].ranking[i].validJudges > 0 {
                        if let count = tier.count, given >= count { break }
                        results[g].ranking[i].award = tier.name
                        given += 1
                    }
                }
            } else {
                var open: [(Int, Int)] = []
                for g in results.indices {
                    for i in results[g].ranking.indices
                    where results[g].ranking[i].award == nil && results[g].ranking[i].validJudges > 0 {
                        open.append((g, i))
                    }
                }
                open.sort { x, y in
                    let a = results[x.0].ranking[x.1]
                    let b = results[y.0].ranking[y.1]
                    return order(a, b, method: method) ?? (a.team < b.team)
                }
                for (g, i) in open.prefix(tier.count ?? open.count) { results[g].ranking[i].award = tier.name }
            }
        }
    }

    static func mean(_ values: [Decimal]) -> Decimal {
        guard !values.isEmpty else { return 0 }
        return values.reduce(0, +) / Decimal(values.count)
    }

    static func median(_ values: [Decimal]) -> Decimal {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    static func meanAndPopulationSD(_ values: [Double]) -> (mean: Double, sd: Double) {
        guard !values.isEmpty else { return (0, 0) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }

    /// Rounds half-up (away from zero at .5) to 2 decimals, as published: 87.345 → "87.35".
    public static func rounded(_ value: Decimal) -> String {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 2, .plain)
        var text = output.description
        if !text.contains(".") { text += "." }
        let fraction = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
        return text + String(repeating: "0", count: max(0, 2 - fraction))
    }
}

/// The rounding used for display, exposed for the publication export.
public func rounded(_ value: Decimal) -> String { Aggregator.rounded(value) }
