/// What kind of failure an error is, declared once for every module: each module's errors say their kind, and one
/// place per edge maps kinds to answers (HTTP statuses in `DuijieHTTP`, exit codes in `DuijieCLI`; docs/errors.md).
public enum ErrorKind: String, Sendable, CaseIterable, Codable {
    /// Bad input: a value that cannot be read or is out of range.
    case invalid
    /// Something named is not there.
    case notFound
    /// Fine in itself, but it clashes with what is stored (a locked sheet, a number in use, a deal moving back).
    case conflict
    /// Not allowed for who asks (a judge outside their group).
    case forbidden
    /// A file or a reference that cannot be used as it is.
    case unusable
    /// A fault of Duijie or of its database, not of the input: the details go to the log, not to the user.
    case `internal`
}

/// An error that says what kind of failure it is, in one sentence (`description`).
public protocol DuijieError: Error, CustomStringConvertible {
    /// What kind of failure it is.
    var kind: ErrorKind { get }
    /// The sentence in Chinese (the catalogue's, where the error has been moved onto it; else the English one).
    var chineseDescription: String { get }
}

extension DuijieError {
    /// The English sentence, until the error's words are in the catalogue.
    public var chineseDescription: String { description }

    /// The sentence in `language`.
    public func text(_ language: Language) -> String { language == .chinese ? chineseDescription : description }
}

extension AmountParseError: DuijieError {
    /// Amounts that cannot be read are bad input.
    public var kind: ErrorKind { .invalid }
    /// The sentence in Chinese.
    public var chineseDescription: String { message.chinese }
}

extension DateParseError: DuijieError {
    /// Dates that cannot be read are bad input.
    public var kind: ErrorKind { .invalid }
    /// The sentence in Chinese.
    public var chineseDescription: String { message.chinese }
}
