import DuijieCore

/// What the matching engine cannot do, in words an organizer can act on.
public enum MatchingError: Error, Equatable, CustomStringConvertible {
    /// The synonym file could not be read.
    case unreadableSynonyms(path: String)
    /// There is nothing to match.
    case nothingToMatch(demands: Int, solvers: Int)
    /// A forced pair names a demand or a team that is not in the run.
    case unknownPair(demand: String, solver: String)
    /// A parameter is out of range.
    case invalidParameter(String)
    /// A demand or team named in a request or file is not among those loaded (the sentence says which).
    case unknownReference(String)

    /// One sentence for people.
    public var description: String {
        switch self {
        case .unreadableSynonyms(let path): return "cannot read the synonym file '\(path)'"
        case .nothingToMatch(let demands, let solvers):
            return "nothing to match: \(demands) demand(s) and \(solvers) team(s) in the store; import both first"
        case .unknownPair(let demand, let solver): return "the pair \(demand) – \(solver) names a demand or team not in this run"
        case .invalidParameter(let message), .unknownReference(let message): return message
        }
    }
}

extension MatchingError: DuijieError {
    /// Nothing to match and unknown references are unusable requests; the rest is bad input.
    public var kind: ErrorKind {
        switch self {
        case .nothingToMatch, .unknownPair, .unknownReference: .unusable
        case .invalidParameter, .unreadableSynonyms: .invalid
        }
    }
}
