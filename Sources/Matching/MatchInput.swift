import DuijieCore

/// A demand as the engine sees it.
public struct MatchDemand: Sendable, Hashable {
    /// Store id.
    public var id: Int64
    /// What reports call it: the external ref (需求编号) when there is one, else the id.
    public var label: String
    /// Title (需求名称).
    public var title: String
    /// Description.
    public var description: String
    /// Goals.
    public var goals: String
    /// Field (所属领域).
    public var field: String?
    /// County.
    public var county: String?
    /// The enterprise, for conflicts of interest.
    public var enterprise: String

    /// Creates the engine's view of a stored demand.
    public init(id: Int64, demand: Demand) {
        self.id = id
        label = demand.ref ?? String(id)
        title = demand.title
        description = demand.description ?? ""
        goals = demand.goals ?? ""
        field = demand.field
        county = demand.county
        enterprise = demand.enterprise
    }
}

/// A research team as the engine sees it.
public struct MatchSolver: Sendable, Hashable {
    /// Store id.
    public var id: Int64
    /// The external ref (团队编号) when there is one, else the id.
    public var label: String
    /// Team name.
    public var name: String
    /// Host institution; the team name when none is given.
    public var institution: String
    /// Region.
    public var region: String?
    /// Research directions.
    public var directions: [String]
    /// Achievements.
    public var achievements: String

    /// Creates the engine's view of a stored team.
    public init(id: Int64, solver: SolverProfile) {
        self.id = id
        label = solver.ref ?? String(id)
        name = solver.name
        institution = solver.institution ?? solver.name
        region = solver.region
        directions = solver.directions
        achievements = solver.achievements ?? ""
    }
}

/// The knobs of a match run; stored with the run so a ranking can be reproduced.
public struct MatchOptions: Sendable, Codable, Equatable {
    /// BM25 term-frequency saturation.
    public var k1 = 1.2
    /// BM25 length normalisation.
    public var b = 0.75
    /// Query saturation for the demand side.
    public var k3 = 2.0
    /// Weights of the demand's title, description and goals.
    public var demandFieldWeights = [3.0, 1.5, 1.0]
    /// Weights of the team's directions, achievements and name.
    public var solverFieldWeights = [3.0, 1.5, 1.0]
    /// How much the field-taxonomy term can add (×(1 + fieldWeight × overlap)).
    public var fieldWeight = 0.1
    /// How much the region term can add (×(1 + regionWeight × closeness)).
    public var regionWeight = 0.1
    /// Closeness values by level.
    public var regionLevels = RegionWeights()
    /// The most query terms kept per record, by weight (bounds the postings touched).
    public var maxQueryTerms = 32
    /// How many BM25F leaders get the n-gram cosine, the field and the region terms before the final cut.
    public var rerankDepth = 50
    /// The weight of the character n-gram cosine beside BM25F over its ceiling (both 0–1).
    public var cosineWeight = 1.0

    /// The defaults.
    public init() {}

    /// Refuses weights a person typed that the engine cannot use: negative, not a number, or infinite.
    public func validate() throws(MatchingError) {
        let named: [(String, Double)] = [
            ("--field-weight", fieldWeight), ("--region-weight", regionWeight), ("--cosine-weight", cosineWeight),
        ]
        for (flag, value) in named where !value.isFinite || value < 0 || value > 1_000 {
            throw MatchingError.invalidParameter("\(flag) must be a number from 0 to 1000, not \(value)")
        }
    }
}
