import DuijieCore
import Foundation
import Matching
import Store

/// Pairs that must never be suggested or assigned: conflicts of interest, exclusion lists, dropped suggestions.
struct Blocked {
    /// Normalised institution keys of the teams.
    let institutions: [String]
    /// Normalised enterprise and partner keys of the demands.
    let enterprises: [String]
    let partners: [String?]
    /// Pairs dropped by organizers or listed in an exclusion file.
    var dropped: Set<Pair> = []
    /// Institutions excluded for a demand (or for every demand under key -1).
    var excludedInstitutions: [Int: Set<String>] = [:]
    /// Teams excluded for every demand.
    var excludedSolvers: Set<Int> = []

    init(demands: [Demand], solvers: [SolverProfile]) {
        institutions = solvers.map { TextNormalizer.key($0.institution ?? $0.name) }
        enterprises = demands.map { TextNormalizer.key($0.enterprise) }
        partners = demands.map { $0.partner.map(TextNormalizer.key) }
    }

    /// Whether the pair is blocked: the team's institution is the demand's enterprise or its declared partner
    /// (compared after normalisation, a name containing the other counts), or the pair is excluded or dropped.
    func blocks(_ pair: Pair) -> Bool {
        if dropped.contains(pair) || excludedSolvers.contains(pair.solver) { return true }
        let institution = institutions[pair.solver]
        if Blocked.sameOrganisation(institution, enterprises[pair.demand]) { return true }
        if let partner = partners[pair.demand], Blocked.sameOrganisation(institution, partner) { return true }
        for key in [pair.demand, -1] {
            if let excluded = excludedInstitutions[key], excluded.contains(where: { Blocked.sameOrganisation(institution, $0) }) {
                return true
            }
        }
        return false
    }

    /// The blocked pairs among the given candidate lists.
    func allPairs(in lists: [(Int, [Int])]) -> Set<Pair> {
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

    /// Reads `DEMAND,TEAM_OR_INSTITUTION` lines (comma, tab or whitespace); `*` as demand means every demand.
    mutating func readExclusions(_ path: String, demands: [StoredDemand], solvers: [StoredSolver]) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw MatchingError.invalidParameter("cannot read the exclusion file '\(path)'")
        }
        let demandIndex = Dictionary(uniqueKeysWithValues: demands.enumerated().map { ($1.id, $0) })
        let solverIndex = Dictionary(uniqueKeysWithValues: solvers.enumerated().map { ($1.id, $0) })
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(maxSplits: 1, whereSeparator: { $0 == "," || $0 == "\t" || $0 == "，" })
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw MatchingError.invalidParameter("\(path), line \(number + 1): expected 'DEMAND,TEAM' but read '\(trimmed)'")
            }
            var demandKeys: [Int] = []
            if parts[0] == "*" {
                demandKeys = [-1]
            } else if let d = RecordReference.demand(parts[0], in: demands), let index = demandIndex[d.id] {
                demandKeys = [index]
            } else {
                throw MatchingError.unknownReference("\(path), line \(number + 1): no demand '\(parts[0])'")
            }
            if let s = RecordReference.solver(parts[1], in: solvers), let solver = solverIndex[s.id] {
                if demandKeys == [-1] {
                    excludedSolvers.insert(solver)
                } else {
                    dropped.insert(Pair(demand: demandKeys[0], solver: solver))
                }
            } else {
                for key in demandKeys { excludedInstitutions[key, default: []].insert(TextNormalizer.key(parts[1])) }
            }
        }
    }
}
