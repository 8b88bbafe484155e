import DuijieCore

/// The kinds every module's errors share (declared in DuijieCore), under the names the use cases used before.
public typealias FailureKind = ErrorKind

/// An error that says what kind of failure it is (DuijieCore's `DuijieError`).
public typealias ClassifiedError = DuijieError
