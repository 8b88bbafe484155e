import DuijieCore
import Foundation
import Matching
import Store

/// What a ranking run is asked to do.
public struct MatchRequest: Sendable {
    /// Only demands of this event; all demands when nil.
    public var event: String?
    /// Candidates per list.
    public var top: Int
    /// Rank demands for each team instead of teams for each demand.
    public var reverse: Bool
    /// Engine parameters.
    public var options: MatchOptions
    /// Extra synonym groups, added to the standard table.
    public var synonymsFile: String?

    /// Creates a request.
    public init(
        event: String? = nil, top: Int = 10, reverse: Bool = false, options: MatchOptions = MatchOptions(),
        synonymsFile: String? = nil
    ) {
        self.event = event
        self.top = top
        self.reverse = reverse
        self.options = options
        self.synonymsFile = synonymsFile
    }
}

/// What an assignment run is asked to do.
public struct AssignRequest: Sendable {
    /// Only demands of this event; all demands when nil.
    public var event: String?
    /// Teams per demand.
    public var perDemand: Int
    /// Demands per team.
    public var capacity: Int
    /// At most one team per institution per demand.
    public var distinctInstitutions: Bool
    /// A file of pairs to exclude: `DEMAND,TEAM` or `DEMAND,INSTITUTION` per line (`*` for every demand).
    public var excludeFile: String?
    /// Candidate edges per demand (the best by score).
    public var candidates: Int
    /// Engine parameters.
    public var options: MatchOptions
    /// Extra synonym groups.
    public var synonymsFile: String?
    /// Only these demands (refs or ids), e.g. the finalists; all of the event's demands when nil.
    public var demands: [String]?
    /// Candidates scoring below this (0–1 within their demand) are not assigned.
    public var minScore: Double

    /// Creates a request.
    public init(
        event: String? = nil, perDemand: Int = 3, capacity: Int = 1, distinctInstitutions: Bool = false,
        excludeFile: String? = nil, candidates: Int = 50, options: MatchOptions = MatchOptions(), synonymsFile: String? = nil,
        demands: [String]? = nil, minScore: Double = 0
    ) {
        self.demands = demands
        self.minScore = minScore
        self.event = event
        self.perDemand = perDemand
        self.capacity = capacity
        self.distinctInstitutions = distinctInstitutions
        self.excludeFile = excludeFile
        self.candidates = candidates
        self.options = options
        self.synonymsFile = synonymsFile
    }
}

/// The use cases behind `duijie match` and `duijie assign` (and their HTTP twins).
public struct MatchService: Sendable {
    let store: DuijieStore

    /// Creates the service over a store.
    public init(database: EventDatabase) { self.init(store: database.store) }

    package init(store: DuijieStore) { self.store = store }

    /// A loaded problem: the engine, the stored records behind it, and the pairs to keep apart.
    struct Loaded {
        var engine: MatchEngine
        /// The demands, in the engine's order.
        var demands: [StoredDemand]
        var solverIDs: [Int64]
        var blocked: ExclusionRule
        var pinned: Set<Pair>
        /// Teams with the same name and text, shown once per list.
        var duplicates: DuplicateGroups
    }

    func load(event: String?, options: MatchOptions, synonymsFile: String?, excludeFile: String? = nil) throws -> Loaded {
        try options.validate()
        let demands = try store.demands(event: event)
        let solvers = try store.solvers()
        guard !demands.isEmpty, !solvers.isEmpty else {
            throw MatchingError.nothingToMatch(demands: demands.count, solvers: solvers.count)
        }
        var synonyms = try SynonymTable.standard()
        if let synonymsFile { synonyms = synonyms.merging(try SynonymTable.load(synonymsFile)) }
        let engine = MatchEngine(
            demands: demands.map { MatchDemand(id: $0.id, demand: $0.demand) },
            solvers: solvers.map { MatchSolver(id: $0.id, solver: $0.solver) }, options: options, synonyms: synonyms)
        let demandIndex = Dictionary(uniqueKeysWithValues: demands.enumerated().map { ($1.id, $0) })
        let solverIndex = Dictionary(uniqueKeysWithValues: solvers.enumerated().map { ($1.id, $0) })
        var blocked = ExclusionRule(demands: demands.map(\.demand), solvers: solvers.map(\.solver))
        var pinned = Set<Pair>()
        for pin in try store.pins() {
            guard let d = demandIndex[pin.demandID], let s = solverIndex[pin.solverID] else { continue }
            switch pin.action {
            case .pin: pinned.insert(Pair(demand: d, solver: s))
            case .drop: blocked.dropped.insert(Pair(demand: d, solver: s))
            }
        }
        if let excludeFile {
            guard let text = try? String(contentsOfFile: excludeFile, encoding: .utf8) else {
                throw MatchingError.invalidParameter("cannot read the exclusion file '\(excludeFile)'")
            }
            try blocked.addExclusions(
                text, source: excludeFile,
                demand: { RecordReference.demand($0, in: demands).flatMap { demandIndex[$0.id] } },
                solver: { RecordReference.solver($0, in: solvers).flatMap { solverIndex[$0.id] } })
        }
        return Loaded(
            engine: engine, demands: demands, solverIDs: solvers.map(\.id), blocked: blocked, pinned: pinned,
            duplicates: DuplicateGroups(engine.solvers))
    }

    /// Ranks teams for every demand (or demands for every team), stores the run, and returns it.
    public func rank(_ request: MatchRequest) throws -> RankingRunDTO {
        guard request.top >= 1 else { throw MatchingError.invalidParameter("--top must be at least 1") }
        let loaded = try load(event: request.event, options: request.options, synonymsFile: request.synonymsFile)
        let (output, stored) = rankings(
            loaded, request: request, lists: rankedLists(loaded, top: request.top, reverse: request.reverse))
        let parameters = try RunParameters(
            kind: request.reverse ? "reverse" : "rank", event: request.event, top: request.top, options: request.options,
            synonymsFile: request.synonymsFile
        ).json()
        let run = try store.saveRankingRun(
            kind: request.reverse ? "reverse" : "rank", event: request.event, parameters: parameters, candidates: stored)
        return RankingRunDTO(run: run, reverse: request.reverse, rankings: output)
    }

    /// One demand's ranked teams with their reasons, computed now and not stored (for browsing); nil when no
    /// demand of the event has that ref or id.
    public func candidates(demand: String, event: String?, top: Int = 10) throws -> SubjectRankingDTO? {
        let request = MatchRequest(event: event, top: top, reverse: false)
        let loaded = try load(event: event, options: request.options, synonymsFile: nil)
        guard let stored = RecordReference.demand(demand, in: loaded.demands),
            let index = loaded.demands.firstIndex(where: { $0.id == stored.id })
        else { return nil }
        let lists = rankedLists(loaded, top: top, reverse: false, only: index)
        return rankings(loaded, request: request, lists: lists).output.first
    }

    /// The stored demands (of `event`, or all) and teams as the matching engine takes them.
    public func inputs(event: String?) throws -> (demands: [MatchDemand], solvers: [MatchSolver]) {
        (
            try store.demands(event: event).map { MatchDemand(id: $0.id, demand: $0.demand) },
            try store.solvers().map { MatchSolver(id: $0.id, solver: $0.solver) }
        )
    }

    /// Every stored match and assignment run, newest first.
    public func runs() throws -> [MatchRunDTO] {
        try store.runs().map {
            MatchRunDTO(
                id: $0.id, kind: $0.kind, event: $0.event, parameters: $0.parameters, objective: $0.objective,
                createdAt: $0.createdAt)
        }
    }

    /// One stored run with what it found, or nil when there is no such run.
    public func storedRun(_ id: Int64) throws -> StoredRunDTO? {
        guard let run = try store.runs().first(where: { $0.id == id }) else { return nil }
        let demands = Dictionary(uniqueKeysWithValues: try store.demands().map { ($0.id, $0) })
        let solvers = Dictionary(uniqueKeysWithValues: try store.solvers().map { ($0.id, $0) })
        func demandLabel(_ id: Int64) -> String { demands[id]?.demand.ref ?? String(id) }
        func solverLabel(_ id: Int64) -> String { solvers[id]?.solver.ref ?? String(id) }
        var result = StoredRunDTO(
            run: run.id, kind: run.kind, event: run.event, parameters: run.parameters, createdAt: run.createdAt, rankings: [],
            assignment: nil)
        if run.kind == "assign" {
            let stored = try store.assignment(run: id)
            var order: [Int64] = []
            var byDemand: [Int64: [(solver: Int64, score: Double)]] = [:]
            for pair in stored.pairs {
                if byDemand[pair.demandID] == nil { order.append(pair.demandID) }
                byDemand[pair.demandID, default: []].append((pair.solverID, pair.score))
            }
            result.assignment = AssignmentRunDTO(
                run: run.id, objective: run.objective ?? 0,
                assignments: order.map { d in
                    AssignmentRunDTO.Item(
                        demand: demandLabel(d), title: demands[d]?.demand.title ?? "",
                        solvers: (byDemand[d] ?? []).map { solverLabel($0.solver) },
                        total: (byDemand[d] ?? []).reduce(0) { $0 + $1.score })
                },
                unfilled: stored.unfilled.map { .init(demand: demandLabel($0.demandID), reason: $0.reason) })
        } else {
            var order: [Int64] = []
            var byDemand: [Int64: [StoredRunDTO.Candidate]] = [:]
            for candidate in try store.candidates(run: id) {
                if byDemand[candidate.demandID] == nil { order.append(candidate.demandID) }
                byDemand[candidate.demandID, default: []].append(
                    StoredRunDTO.Candidate(
                        solver: solverLabel(candidate.solverID), name: solvers[candidate.solverID]?.solver.name ?? "",
                        rank: candidate.rank, score: candidate.score, raw: candidate.raw, reasons: candidate.reasons))
            }
            result.rankings = order.map { d in
                StoredRunDTO.Ranked(demand: demandLabel(d), title: demands[d]?.demand.title ?? "", candidates: byDemand[d] ?? [])
            }
        }
        return result
    }

    /// The organizers' decisions on one demand: each team pinned to it or dropped from it (ref or id, name, action).
    public func decisions(demand: String, event: String?) throws -> [(team: String, name: String, action: PinAction)] {
        guard let stored = try store.demand(demand, event: event) else { return [] }
        let pins = try store.pins().filter { $0.demandID == stored.id }
        let solvers = Dictionary(uniqueKeysWithValues: try store.solvers(ids: pins.map(\.solverID)).map { ($0.id, $0) })
        return pins.compactMap { pin in
            guard let solver = solvers[pin.solverID] else { return nil }
            return (solver.solver.ref ?? String(solver.id), solver.solver.name, pin.action)
        }
    }

    /// The lists as DTOs (with reasons and pins) and as rows to store.
    func rankings(_ loaded: Loaded, request: MatchRequest, lists: [(Int, [RankedCandidate])]) -> (
        output: [SubjectRankingDTO], stored: [StoredCandidate]
    ) {
        let engine = loaded.engine
        var stored: [StoredCandidate] = []
        var output: [SubjectRankingDTO] = []
        for (subject, candidates) in lists {
            var dtos: [CandidateDTO] = []
            for (rank, candidate) in candidates.enumerated() {
                let d = request.reverse ? candidate.index : subject
                let s = request.reverse ? subject : candidate.index
                let pinned = loaded.pinned.contains(Pair(demand: d, solver: s))
                let explanation = engine.explain(demand: d, solver: s)
                var reasons = explanation.reasons
                var reasonsZH = explanation.chineseReasons
                if pinned {
                    reasons.insert("pinned by the organizers", at: 0)
                    reasonsZH.insert("组委会固定", at: 0)
                }
                stored.append(
                    StoredCandidate(
                        demandID: loaded.demands[d].id, solverID: loaded.solverIDs[s], rank: rank + 1,
                        score: candidate.score, raw: candidate.affinity, reasons: reasons))
                dtos.append(
                    CandidateDTO(
                        counterpart: request.reverse ? engine.demands[d].label : engine.solvers[s].label,
                        name: request.reverse ? engine.demands[d].title : engine.solvers[s].name,
                        organisation: request.reverse ? engine.demands[d].enterprise : engine.solvers[s].institution,
                        score: candidate.score, raw: candidate.affinity, relevance: candidate.raw, reasons: reasons,
                        reasonsZH: reasonsZH,
                        pinned: pinned, duplicates: candidate.duplicates.map { engine.solvers[$0].label },
                        strength: candidate.strength, counterpartKey: request.reverse ? "demand" : "solver"))
            }
            output.append(
                SubjectRankingDTO(
                    subject: request.reverse ? engine.solvers[subject].label : engine.demands[subject].label,
                    name: request.reverse ? engine.solvers[subject].name : engine.demands[subject].title,
                    candidates: dtos, strength: MatchStrength(best: candidates),
                    subjectKey: request.reverse ? "solver" : "demand"))
        }
        return (output, stored)
    }

    /// The ranked lists after conflicts and drops are removed and pinned pairs are added.
    func rankedLists(_ loaded: Loaded, top: Int, reverse: Bool, only demand: Int? = nil) -> [(Int, [RankedCandidate])] {
        let engine = loaded.engine
        let slack = 10
        let rankings =
            if let demand { [engine.rankSolvers(forDemand: demand, top: top + slack)] } else if reverse {
                engine.rankDemands(top: top + slack)
            } else { engine.rankSolvers(top: top + slack) }
        return rankings.map { ranking in
            let subject = ranking.subject
            func pair(_ other: Int) -> Pair {
                reverse ? Pair(demand: other, solver: subject) : Pair(demand: subject, solver: other)
            }
            var kept = ranking.candidates.filter { !loaded.blocked.blocks(pair($0.index)) }
            if reverse {
                if kept.count > top { kept.removeSubrange(top...) }
            } else {
                kept = loaded.duplicates.collapse(kept, top: top)
            }
            // Pinned pairs stay in the list even when their score would not.
            let pins = loaded.pinned.filter { reverse ? $0.solver == subject : $0.demand == subject }
            for pin in pins.sorted(by: { ($0.demand, $0.solver) < ($1.demand, $1.solver) }) {
                let other = reverse ? pin.demand : pin.solver
                if kept.contains(where: { $0.index == other }) { continue }
                let affinity = engine.affinity(demand: pin.demand, solver: pin.solver)
                let best = kept.first?.affinity ?? affinity
                kept.append(
                    RankedCandidate(
                        index: other, raw: engine.relevance(demand: pin.demand, solver: pin.solver),
                        cosine: engine.cosine(demand: pin.demand, solver: pin.solver), affinity: affinity,
                        score: best > 0 ? min(1, affinity / best) : 0))
            }
            return (subject, kept)
        }
    }

    /// Solves the constrained assignment over the best candidates, stores the run, and returns it.
    public func assign(_ request: AssignRequest) throws -> AssignmentRunDTO {
        guard request.perDemand >= 1 else { throw MatchingError.invalidParameter("--per-demand must be at least 1") }
        guard request.capacity >= 1 else { throw MatchingError.invalidParameter("--capacity must be at least 1") }
        guard request.candidates >= request.perDemand else {
            throw MatchingError.invalidParameter("--candidates must be at least --per-demand")
        }
        let loaded = try load(
            event: request.event, options: request.options, synonymsFile: request.synonymsFile,
            excludeFile: request.excludeFile)
        let engine = loaded.engine
        let lists = rankedLists(loaded, top: request.candidates, reverse: false)
        var institutionIDs: [String: Int] = [:]
        let institution = engine.solvers.map { solver -> Int in
            let key = TextNormalizer.key(solver.institution)
            if let id = institutionIDs[key] { return id }
            institutionIDs[key] = institutionIDs.count
            return institutionIDs.count - 1
        }
        var wanted: Set<Int>?
        if let names = request.demands {
            var set = Set<Int>()
            for name in names {
                guard let index = engine.demands.firstIndex(where: { $0.label == name || String($0.id) == name }) else {
                    throw MatchingError.unknownReference("no demand '\(name)' to assign")
                }
                set.insert(index)
            }
            wanted = set
        }
        let problem = AssignmentProblem(
            candidates: lists.map { d, candidates in
                guard wanted?.contains(d) ?? true else { return [] }
                return candidates.filter { $0.score >= request.minScore }.map { (solver: $0.index, affinity: $0.score) }
            },
            solverCount: engine.solvers.count, perDemand: request.perDemand, capacity: request.capacity,
            institution: institution, distinctInstitutions: request.distinctInstitutions,
            excluded: loaded.blocked.allPairs(in: lists.map { ($0.0, $0.1.map(\.index)) }),
            forced: loaded.pinned.filter { wanted?.contains($0.demand) ?? true }
                .sorted { ($0.demand, $0.solver) < ($1.demand, $1.solver) })
        var result = Assignment.solve(problem)
        if let wanted { result.shortfalls = result.shortfalls.filter { wanted.contains($0.key) } }
        let score: [Pair: Double] = Dictionary(
            lists.flatMap { d, candidates in candidates.map { (Pair(demand: d, solver: $0.index), $0.score) } },
            uniquingKeysWith: max)
        var pairs: [(demandID: Int64, solverID: Int64, score: Double, forced: Bool)] = []
        var items: [AssignmentRunDTO.Item] = []
        for (d, solvers) in result.assignments.enumerated() where !solvers.isEmpty {
            for s in solvers {
                let pair = Pair(demand: d, solver: s)
                pairs.append((loaded.demands[d].id, loaded.solverIDs[s], score[pair] ?? 0, loaded.pinned.contains(pair)))
            }
            items.append(
                AssignmentRunDTO.Item(
                    demand: engine.demands[d].label, title: engine.demands[d].title,
                    solvers: solvers.map { engine.solvers[$0].label }, total: result.demandTotals[d]))
        }
        let unfilled = result.shortfalls.sorted { $0.key < $1.key }.map { d, shortfall in
            (demandID: loaded.demands[d].id, reason: shortfall.reason(for: engine.demands[d].label))
        }
        let parameters = try RunParameters(
            kind: "assign", event: request.event, top: request.candidates, options: request.options,
            synonymsFile: request.synonymsFile, perDemand: request.perDemand, capacity: request.capacity,
            distinctInstitutions: request.distinctInstitutions, excludeFile: request.excludeFile, demands: request.demands,
            minScore: request.minScore
        ).json()
        let run = try store.saveAssignmentRun(
            event: request.event, parameters: parameters, objective: result.objective, assignments: pairs, unfilled: unfilled)
        let unfilledDTOs = result.shortfalls.sorted { $0.key < $1.key }.map { d, shortfall in
            AssignmentRunDTO.Unfilled(
                demand: engine.demands[d].label, reason: shortfall.reason(for: engine.demands[d].label),
                reasonZH: shortfall.message(for: engine.demands[d].label).chinese)
        }
        return AssignmentRunDTO(run: run, objective: result.objective, assignments: items, unfilled: unfilledDTOs)
    }

    /// Ranking quality against an expert's shortlist file (`TITLE<TAB>TEAM …`); nothing is stored.
    public func quality(labelsFile: String, event: String?, options: MatchOptions = MatchOptions()) throws -> QualityReport {
        guard let text = try? String(contentsOfFile: labelsFile, encoding: .utf8) else {
            throw MatchingError.invalidParameter("cannot read the labels file '\(labelsFile)'")
        }
        let labels = QualityMetrics.parseLabels(text)
        let loaded = try load(event: event, options: options, synonymsFile: nil)
        let engine = loaded.engine
        let lists = rankedLists(loaded, top: 10, reverse: false)
        let ranked = lists.map { _, candidates in candidates.map { engine.solvers[$0.index].label } }
        let relevant = lists.map { d, _ in labels[engine.demands[d].title] ?? [] }
        return QualityMetrics.evaluate(ranked: ranked, relevant: relevant)
    }

    /// Pins (`.pin`), drops (`.drop`) or clears (nil) an organizer's decision on a pair, named by ref or id.
    public func setPin(demand: String, solver: String, event: String?, action: PinAction?) throws {
        guard let d = try store.demand(demand, event: event), let s = try store.solver(solver) else {
            throw MatchingError.unknownPair(demand: demand, solver: solver)
        }
        if let action {
            try store.setPin(demandID: d.id, solverID: s.id, action: action)
        } else {
            try store.removePin(demandID: d.id, solverID: s.id)
        }
    }
}

/// The parameters stored with a run, so it can be reproduced.
struct RunParameters: Encodable {
    var kind: String
    var event: String?
    var top: Int
    var options: MatchOptions
    var synonymsFile: String?
    var perDemand: Int?
    var capacity: Int?
    var distinctInstitutions: Bool?
    var excludeFile: String?
    var demands: [String]?
    var minScore: Double?

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
