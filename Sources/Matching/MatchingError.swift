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

    /// One sentence for people (English).
    public var description: String { message.description }

    /// The sentence in Chinese.
    public var chineseDescription: String { message.chinese }

    /// The sentence from the catalogue.
    public var message: Message {
        switch self {
        case .unreadableSynonyms(let path): Message("match.unreadable_synonyms", path)
        case .nothingToMatch(let demands, let solvers): Message("match.nothing", String(demands), String(solvers))
        case .unknownPair(let demand, let solver): Message("match.unknown_pair", demand, solver)
        case .invalidParameter(let text), .unknownReference(let text): Message("text", text)
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
