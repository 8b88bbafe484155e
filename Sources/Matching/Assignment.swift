import DuijieCore

/// A demand–team pair by index.
public struct Pair: Hashable, Sendable {
    /// The demand's index.
    public var demand: Int
    /// The team's index.
    public var solver: Int

    /// Creates a pair.
    public init(demand: Int, solver: Int) {
        self.demand = demand
        self.solver = solver
    }
}

/// Which teams go to which demand, under capacities: the input of `Assignment.solve`.
public struct AssignmentProblem: Sendable {
    /// For each demand, its candidate teams and their affinity (0–1), best first.
    public var candidates: [[(solver: Int, affinity: Double)]]
    /// How many teams each demand needs.
    public var perDemand: Int
    /// How many demands one team may take.
    public var capacity: Int
    /// For each team, its institution (an id); used when `distinctInstitutions` is set.
    public var institution: [Int]
    /// At most one team per institution per demand.
    public var distinctInstitutions: Bool
    /// Pairs that must not be made (conflicts of interest, exclusion lists, dropped suggestions).
    public var excluded: Set<Pair>
    /// Pairs that must be made (pinned by the organizers); they count against both sides' limits.
    public var forced: [Pair]
    /// The number of teams.
    public var solverCount: Int

    /// Creates a problem.
    public init(
        candidates: [[(solver: Int, affinity: Double)]], solverCount: Int, perDemand: Int, capacity: Int,
        institution: [Int], distinctInstitutions: Bool, excluded: Set<Pair> = [], forced: [Pair] = []
    ) {
        self.candidates = candidates
        self.solverCount = solverCount
        self.perDemand = perDemand
        self.capacity = capacity
        self.institution = institution
        self.distinctInstitutions = distinctInstitutions
        self.excluded = excluded
        self.forced = forced
    }
}

/// The assignment found, its objective, and why some demands are short.
public struct AssignmentResult: Sendable {
    /// For each demand, the assigned teams, forced ones first, then by affinity.
    public var assignments: [[Int]]
    /// The total affinity of all assigned pairs (forced pairs included).
    public var objective: Double
    /// Each demand's total affinity.
    public var demandTotals: [Double]
    /// Demands that got fewer teams than asked, with the reason in plain words (indexed by demand).
    public var shortfalls: [Int: Shortfall]
}

/// Why a demand got fewer teams than it needs.
public enum Shortfall: Sendable, Equatable {
    /// Too few teams have any affinity once conflicts and exclusions are removed.
    case tooFewCandidates(needed: Int, available: Int)
    /// The candidates come from too few institutions.
    case tooFewInstitutions(needed: Int, institutions: Int)
    /// Enough candidates, but they are taken by other demands up to their capacity.
    case capacityExhausted(needed: Int, assigned: Int, capacity: Int)

    /// The reason for demand `label`, in plain words (English).
    public func reason(for label: String) -> String { message(for: label).description }

    /// The reason for demand `label` from the catalogue (both languages).
    public func message(for label: String) -> Message {
        switch self {
        case .tooFewCandidates(let needed, let available):
            Message("assign.too_few_candidates", label, String(needed), String(available))
        case .tooFewInstitutions(let needed, let institutions):
            Message("assign.too_few_institutions", label, String(needed), String(institutions))
        case .capacityExhausted(let needed, let assigned, let capacity):
            Message("assign.capacity", label, String(needed), String(assigned), String(capacity))
        }
    }
}

/// Solves the assignment by min-cost flow: maximise total affinity subject to the limits.
///
/// Network: each demand supplies perDemand units → [demand × institution, capacity 1] → team (capacity 1,
/// cost −affinity) → sink (capacity per team), and demand → sink at cost 0 (the slot stays empty). Successive
/// shortest paths, one demand's units at a time, Dijkstra on reduced costs stopping at the sink (Jonker–Volgenant
/// style). Affinities are scaled to integers (10⁻⁶) so the arithmetic is exact and the optimum reproducible.
/// Hand-written because no kept Swift package offers min-cost flow (OR-Tools has no Swift binding).
public enum Assignment {
    /// Finds an optimal assignment.
    public static func solve(_ problem: AssignmentProblem) -> AssignmentResult {
        var network = FlowNetwork()
        let demandCount = problem.candidates.count
        let sink = network.addNode()
        var sources: [(node: Int, supply: Int)] = []
        let demandNodes = (0..<demandCount).map { _ in network.addNode() }
        let solverNodes = (0..<problem.solverCount).map { _ in network.addNode() }

        var forcedByDemand = [[Int]](repeating: [], count: demandCount)
        var forcedLoad = [Int](repeating: 0, count: problem.solverCount)
        for pair in problem.forced where pair.demand < demandCount && pair.solver < problem.solverCount {
            if !forcedByDemand[pair.demand].contains(pair.solver) {
                forcedByDemand[pair.demand].append(pair.solver)
                forcedLoad[pair.solver] += 1
            }
        }
        var pairEdges: [(demand: Int, solver: Int, edge: Int)] = []
        for d in 0..<demandCount {
            let open = max(0, problem.perDemand - forcedByDemand[d].count)
            guard open > 0 else { continue }
            sources.append((demandNodes[d], open))
            network.addEdge(demandNodes[d], sink, capacity: open, cost: 0)  // a slot may stay empty
            let forcedInstitutions = Set(forcedByDemand[d].map { problem.institution[$0] })
            var institutionNodes: [Int: Int] = [:]
            for (solver, affinity) in problem.candidates[d] where affinity > 0 {
                let pair = Pair(demand: d, solver: solver)
                if problem.excluded.contains(pair) || forcedByDemand[d].contains(solver) { continue }
                let cost = -Int64((affinity * 1_000_000).rounded())
                if problem.distinctInstitutions {
                    let institution = problem.institution[solver]
                    if forcedInstitutions.contains(institution) { continue }
                    let node: Int
                    if let known = institutionNodes[institution] {
                        node = known
                    } else {
                        node = network.addNode()
                        institutionNodes[institution] = node
                        network.addEdge(demandNodes[d], node, capacity: 1, cost: 0)
                    }
                    pairEdges.append((d, solver, network.addEdge(node, solverNodes[solver], capacity: 1, cost: cost)))
                } else {
                    pairEdges.append((d, solver, network.addEdge(demandNodes[d], solverNodes[solver], capacity: 1, cost: cost)))
                }
            }
        }
        for s in 0..<problem.solverCount {
            let left = problem.capacity - forcedLoad[s]
            if left > 0 { network.addEdge(solverNodes[s], sink, capacity: left, cost: 0) }
        }
        network.minCostFlow(sources: sources, sink: sink)

        // Read the assignment back.
        var assignments = forcedByDemand
        for (d, solver, edge) in pairEdges where network.flow(edge) > 0 { assignments[d].append(solver) }
        var totals = [Double](repeating: 0, count: demandCount)
        let affinity: [Pair: Double] = Dictionary(
            problem.candidates.enumerated().flatMap { d, list in list.map { (Pair(demand: d, solver: $0.solver), $0.affinity) } },
            uniquingKeysWith: max)
        for d in 0..<demandCount {
            let forced = Set(forcedByDemand[d])
            assignments[d].sort { a, b in
                let fa = forced.contains(a)
                let fb = forced.contains(b)
                if fa != fb { return fa }
                let x = affinity[Pair(demand: d, solver: a)] ?? 0
                let y = affinity[Pair(demand: d, solver: b)] ?? 0
                return x != y ? x > y : a < b
            }
            totals[d] = assignments[d].reduce(0) { $0 + (affinity[Pair(demand: d, solver: $1)] ?? 0) }
        }
        var shortfalls: [Int: Shortfall] = [:]
        for d in 0..<demandCount where assignments[d].count < problem.perDemand {
            let usable = problem.candidates[d].filter { candidate in
                candidate.affinity > 0 && !problem.excluded.contains(Pair(demand: d, solver: candidate.solver))
            }.map(\.solver)
            let available = Set(usable).union(forcedByDemand[d])
            let institutions = Set(available.map { problem.institution[$0] })
            if available.count < problem.perDemand {
                shortfalls[d] = .tooFewCandidates(needed: problem.perDemand, available: available.count)
            } else if problem.distinctInstitutions && institutions.count < problem.perDemand {
                shortfalls[d] = .tooFewInstitutions(needed: problem.perDemand, institutions: institutions.count)
            } else {
                shortfalls[d] = .capacityExhausted(
                    needed: problem.perDemand, assigned: assignments[d].count, capacity: problem.capacity)
            }
        }
        return AssignmentResult(
            assignments: assignments, objective: totals.reduce(0, +), demandTotals: totals, shortfalls: shortfalls)
    }
}
