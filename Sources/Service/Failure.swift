import Matching

/// What kind of failure a use case reports, so that every edge answers it the same way (the HTTP statuses).
public enum FailureKind: Sendable, Equatable {
    /// Bad input: a value that cannot be read or is out of range.
    case invalid
    /// Something named is not there.
    case notFound
    /// Fine in itself, but it clashes with what is stored.
    case conflict
    /// A file or reference that cannot be used as it is.
    case unusable
}

/// An error that says what kind of failure it is.
public protocol ClassifiedError: Error, CustomStringConvertible {
    /// What kind of failure it is.
    var kind: FailureKind { get }
}

extension MatchingError: ClassifiedError {
    /// Nothing to match and unknown references are unusable requests; the rest is bad input.
    public var kind: FailureKind {
        switch self {
        case .nothingToMatch, .unknownPair, .unknownReference: .unusable
        case .invalidParameter, .unreadableSynonyms: .invalid
        }
    }
}
