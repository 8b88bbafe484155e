import Matching

/// One suggested counterpart in a ranking, as JSON.
public struct CandidateDTO: Encodable, Sendable {
    /// The counterpart's external ref or id (a team for demand rankings, a demand for team rankings).
    public var counterpart: String
    /// Its name: team name, or demand title.
    public var name: String
    /// The team's institution, or the demand's enterprise.
    public var organisation: String
    /// Normalised score 0–1 within this list.
    public var score: Double
    /// Affinity before normalising (relevance × field term × region term).
    public var raw: Double
    /// BM25F relevance before the field and region terms.
    public var relevance: Double
    /// Reasons, one short line each.
    public var reasons: [String]
    /// The reasons in Chinese (JSON `reasons_zh`), for the pages.
    public var reasonsZH: [String]
    /// Whether an organizer pinned this pair.
    public var pinned: Bool
    /// Other teams with the same name and text, shown once under this one (their refs or ids).
    public var duplicates: [String] = []
    /// How strong the match is on an absolute scale (`strong`, `possible`, `weak`).
    public var strength: MatchStrength = .weak
    /// The JSON key of the counterpart: `solver` or `demand`.
    var counterpartKey: String

    enum Keys: String, CodingKey { case name, institution, enterprise, score, raw, relevance, reasons, pinned }

    /// Encodes the contract's keys (`solver`/`demand`, `score`, `raw`, `reasons`) and more.
    public func encode(to encoder: Encoder) throws {
        var dynamic = encoder.container(keyedBy: DynamicKey.self)
        try dynamic.encode(counterpart, forKey: DynamicKey(counterpartKey))
        try dynamic.encode(name, forKey: DynamicKey(counterpartKey == "solver" ? "name" : "title"))
        try dynamic.encode(organisation, forKey: DynamicKey(counterpartKey == "solver" ? "institution" : "enterprise"))
        try dynamic.encode(score, forKey: DynamicKey("score"))
        try dynamic.encode(raw, forKey: DynamicKey("raw"))
        try dynamic.encode(relevance, forKey: DynamicKey("relevance"))
        try dynamic.encode(reasons, forKey: DynamicKey("reasons"))
        try dynamic.encode(reasonsZH, forKey: DynamicKey("reasons_zh"))
        try dynamic.encode(pinned, forKey: DynamicKey("pinned"))
        try dynamic.encode(strength, forKey: DynamicKey("strength"))
        if counterpartKey == "solver" { try dynamic.encode(duplicates, forKey: DynamicKey("duplicates")) }
    }
}

/// One subject's ranked list, as JSON.
public struct SubjectRankingDTO: Encodable, Sendable {
    /// The subject's external ref or id.
    public var subject: String
    /// Its name: demand title or team name.
    public var name: String
    /// The candidates, best first.
    public var candidates: [CandidateDTO]
    /// How strong the best candidate is (`weak` for an empty list): `weak` reads "no strong candidate".
    public var strength: MatchStrength = .weak
    /// `demand` or `solver`.
    var subjectKey: String

    /// Encodes `{"demand": …, "title": …, "candidates": […]}` (or `solver`/`name` for reverse rankings).
    public func encode(to encoder: Encoder) throws {
        var dynamic = encoder.container(keyedBy: DynamicKey.self)
        try dynamic.encode(subject, forKey: DynamicKey(subjectKey))
        try dynamic.encode(name, forKey: DynamicKey(subjectKey == "demand" ? "title" : "name"))
        try dynamic.encode(candidates, forKey: DynamicKey("candidates"))
        try dynamic.encode(strength, forKey: DynamicKey("strength"))
    }
}

/// The output of `duijie match`: `{"run": ID, "demands": [...]}`, or `{"run": ID, "solvers": [...]}` reversed.
public struct RankingRunDTO: Encodable, Sendable {
    /// The stored run's id.
    public var run: Int64
    /// Whether teams were the subjects.
    public var reverse: Bool
    /// The lists.
    public var rankings: [SubjectRankingDTO]

    /// Encodes the contract's shape.
    public func encode(to encoder: Encoder) throws {
        var dynamic = encoder.container(keyedBy: DynamicKey.self)
        try dynamic.encode(run, forKey: DynamicKey("run"))
        try dynamic.encode(rankings, forKey: DynamicKey(reverse ? "solvers" : "demands"))
    }
}

/// The output of `duijie assign`.
public struct AssignmentRunDTO: Encodable, Sendable {
    /// One demand's assigned teams.
    public struct Item: Encodable, Sendable {
        /// Demand ref or id.
        public var demand: String
        /// Demand title.
        public var title: String
        /// Assigned teams' refs or ids, pinned ones first.
        public var solvers: [String]
        /// The sum of their affinities.
        public var total: Double
    }

    /// A demand that got fewer teams than asked.
    public struct Unfilled: Encodable, Sendable {
        /// Demand ref or id.
        public var demand: String
        /// Why, in plain words (English).
        public var reason: String
        /// Why, in Chinese (JSON `reason_zh`; runs stored before the catalogue give the English).
        public var reasonZH: String

        enum CodingKeys: String, CodingKey {
            case demand, reason
            case reasonZH = "reason_zh"
        }

        /// A shortfall with its sentence in both languages.
        public init(demand: String, reason: String, reasonZH: String? = nil) {
            self.demand = demand
            self.reason = reason
            self.reasonZH = reasonZH ?? reason
        }
    }

    /// The stored run's id.
    public var run: Int64
    /// Total affinity of all assigned pairs.
    public var objective: Double
    /// Per demand.
    public var assignments: [Item]
    /// Demands short of teams.
    public var unfilled: [Unfilled]
}

/// A JSON key chosen at run time.
struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A stored run read back (`GET /api/match/runs/{id}`): its parameters and what it found.
public struct StoredRunDTO: Encodable, Sendable {
    /// One demand's candidates in a ranking run.
    public struct Ranked: Encodable, Sendable {
        /// The demand's ref (or id).
        public var demand: String
        /// Its title.
        public var title: String
        /// Its candidates in rank order.
        public var candidates: [Candidate]
    }

    /// One stored candidate.
    public struct Candidate: Encodable, Sendable {
        /// The team's ref (or id).
        public var solver: String
        /// The team's name.
        public var name: String
        /// Rank, 1 first.
        public var rank: Int
        /// Normalised score.
        public var score: Double
        /// Raw affinity.
        public var raw: Double
        /// The reasons stored with the run.
        public var reasons: [String]
    }

    /// The run's id.
    public var run: Int64
    /// rank, reverse or assign.
    public var kind: String
    /// The event, if the run had one.
    public var event: String?
    /// The parameters as stored (JSON text).
    public var parameters: String
    /// When it ran.
    public var createdAt: String
    /// A ranking run's lists (empty for an assignment).
    public var rankings: [Ranked]
    /// An assignment run's result (nil for a ranking).
    public var assignment: AssignmentRunDTO?

    enum CodingKeys: String, CodingKey {
        case run, kind, event, parameters, rankings, assignment
        case createdAt = "created_at"
    }
}

/// A stored match or assignment run as listed (`GET /api/match/runs`, `duijie match runs`).
public struct MatchRunDTO: Encodable, Sendable {
    /// The run's id (`GET /api/match/runs/{id}`, `judge group --from-run`).
    public var id: Int64
    /// rank, reverse or assign.
    public var kind: String
    /// The event the run was limited to, if any.
    public var event: String?
    /// The run's parameters as JSON text.
    public var parameters: String
    /// An assignment's total affinity; nil for rankings.
    public var objective: Double?
    /// When it ran (UTC).
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, kind, event, parameters, objective
        case createdAt = "created_at"
    }
}
