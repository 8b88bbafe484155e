import DuijieCore
import Foundation

/// Pairs that must never be suggested or assigned: a team of the demand's own enterprise or declared partner (a
/// conflict of interest), pairs in an exclusion list, suggestions organizers dropped. Indices are the engine's
/// (`MatchEngine`'s demand and solver order).
public struct ExclusionRule: Sendable {
    /// Normalised institution keys of the teams.
    let institutions: [String]
    /// Normalised enterprise and partner keys of the demands.
    let enterprises: [String]
    let partners: [String?]
    /// Pairs dropped by organizers or listed in an exclusion file.
    public var dropped: Set<Pair> = []
    /// Institutions excluded for a demand (or for every demand under key -1).
    var excludedInstitutions: [Int: Set<String>] = [:]
    /// Teams excluded for every demand.
    var excludedSolvers: Set<Int> = []

    /// The rule for these demands and teams, in the engine's order.
    public init(demands: [Demand], solvers: [SolverProfile]) {
        institutions = solvers.map { TextNormalizer.key($0.institution ?? $0.name) }
        enterprises = demands.map { TextNormalizer.key($0.enterprise) }
        partners = demands.map { $0.partner.map(TextNormalizer.key) }
    }

    /// Whether the pair is blocked: the team's institution is the demand's enterprise or its declared partner
    /// (compared after normalisation, a name containing the other counts), or the pair is excluded or dropped.
    public func blocks(_ pair: Pair) -> Bool {
        if dropped.contains(pair) || excludedSolvers.contains(pair.solver) { return true }
        let institution = institutions[pair.solver]
        if ExclusionRule.sameOrganisation(institution, enterprises[pair.demand]) { return true }
        if let partner = partners[pair.demand], ExclusionRule.sameOrganisation(institution, partner) { return true }
        for key in [pair.demand, -1] {
            if let excluded = excludedInstitutions[key],
                excluded.contains(where: { ExclusionRule.sameOrganisation(institution, $0) })
            {
                return true
            }
        }
        return false
    }

    /// The blocked pairs among the given candidate lists.
    public func allPairs(in lists: [(Int, [Int])]) -> Set<Pair> {
        var result = Set<Pair>()
        for (d, solvers) in lists {
            for s in solvers where blocks(Pair(demand: d, solver: s)) { result.insert(Pair(demand: d, solver: s)) }
        }
        return result.union(dropped)
    }

    static func sameOrganisation(_ a: String, _ b: String) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        if a == b { return true }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return short.count >= 4 && long.hasPrefix(short)
    }

    /// Adds an exclusion list: `DEMAND,TEAM_OR_INSTITUTION` lines (comma, tab or full-width comma); `*` as demand
    /// means every demand; `#` starts a comment. `demand` and `solver` turn a written reference into the engine's
    /// index (`RecordReference`); a second column that names no team is an institution, compared like conflicts.
    /// `source` names the list in errors.
    public mutating func addExclusions(
        _ text: String, source: String, demand: (String) -> Int?, solver: (String) -> Int?
    ) throws(MatchingError) {
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(maxSplits: 1, whereSeparator: { $0 == "," || $0 == "\t" || $0 == "，" })
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw .invalidParameter("\(source), line \(number + 1): expected 'DEMAND,TEAM' but read '\(trimmed)'")
            }
            var demandKeys: [Int] = []
            if parts[0] == "*" {
                demandKeys = [-1]
            } else if let index = demand(parts[0]) {
                demandKeys = [index]
            } else {
                throw .unknownReference("\(source), line \(number + 1): no demand '\(parts[0])'")
            }
            if let team = solver(parts[1]) {
                if demandKeys == [-1] {
                    excludedSolvers.insert(team)
                } else {
                    dropped.insert(Pair(demand: demandKeys[0], solver: team))
                }
            } else {
                for key in demandKeys { excludedInstitutions[key, default: []].insert(TextNormalizer.key(parts[1])) }
            }
        }
    }
}
