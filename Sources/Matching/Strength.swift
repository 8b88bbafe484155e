/// How strong a match is on an absolute scale, beside the 0–1 score that is relative to its list's best.
///
/// A list's first candidate always scores 1.00, however weak; `strength` says whether it is worth a call. It is
/// read from the pair's affinity (BM25F over the demand's ceiling + weighted n-gram cosine, × field and region
/// terms), which does not depend on the other candidates, with thresholds fitted on the labelled sets
/// (docs/scoring.md, "Strength"): on the sample event's shortlist and on real51-dev's blind grades, at or above
/// `strongFrom` nine in ten candidates were relevant; between `possibleFrom` and `strongFrom` about one in four
/// (and most in the same field); below `possibleFrom`, one in forty. The thresholds hold for the default engine
/// weights; another `cosineWeight` moves the scale.
public enum MatchStrength: String, Sendable, Codable, CaseIterable, Comparable {
    /// Likely to solve the demand's problem: worth a call.
    case strong
    /// Related and worth a look; often the same field without the specific process.
    case possible
    /// Shares words, rarely the problem: treat the list as "no good match".
    case weak

    /// The affinity from which a candidate is strong.
    public static let strongFrom = 0.35
    /// The affinity from which a candidate is possible.
    public static let possibleFrom = 0.20

    /// The strength of a pair with this affinity.
    public init(affinity: Double) {
        if affinity >= MatchStrength.strongFrom {
            self = .strong
        } else if affinity >= MatchStrength.possibleFrom {
            self = .possible
        } else {
            self = .weak
        }
    }

    /// The strength of a list: its best candidate's, or weak when it has none.
    public init<C: Collection>(best candidates: C) where C.Element == RankedCandidate {
        self = candidates.map(\.strength).min() ?? .weak
    }

    private var order: Int {
        switch self {
        case .strong: 0
        case .possible: 1
        case .weak: 2
        }
    }

    /// Stronger first: `.strong < .possible < .weak`.
    public static func < (a: MatchStrength, b: MatchStrength) -> Bool { a.order < b.order }

    /// The word for people, in Chinese.
    public var chinese: String {
        switch self {
        case .strong: "强"
        case .possible: "可能"
        case .weak: "弱"
        }
    }
}

extension RankedCandidate {
    /// The candidate's strength on the absolute scale.
    public var strength: MatchStrength { MatchStrength(affinity: affinity) }
}
