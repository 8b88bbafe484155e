import Foundation
import Store

/// Web sessions kept in the event's database, so organizers stay signed in across a restart of the server. The
/// HTTP edge's persistence driver encodes the values; this keeps them, with an absolute expiry (Unix seconds).
public struct SessionStorage: Sendable {
    let store: DuijieStore

    /// Sessions in `database`.
    public init(database: EventDatabase) { store = database.store }

    /// Adds a session unless `key` is taken (then false); expired sessions and sign-in links are removed first.
    public func create(key: String, value: Data, expires: Double?, now: Double) throws -> Bool {
        try store.sessionCreate(key: key, value: value, expires: expires, now: now)
    }

    /// Sets a session's value; with `expires` nil an existing expiry is kept.
    public func set(key: String, value: Data, expires: Double?) throws {
        try store.sessionSet(key: key, value: value, expires: expires)
    }

    /// A live session's value and expiry, or nil when there is none or it has expired.
    public func get(key: String, now: Double) throws -> (value: Data, expires: Double?)? {
        try store.sessionGet(key: key, now: now)
    }

    /// Ends a session.
    public func remove(key: String) throws { try store.sessionRemove(key: key) }
}
