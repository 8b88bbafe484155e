import Store

/// The event's database as the edges hold it: the CLI opens one per command, the server one for its lifetime, and
/// every use case is made over it. Edges never see the store's own types (docs/architecture.md).
public final class EventDatabase: Sendable {
    /// The default file name, in the working directory.
    public static let defaultPath = DuijieStore.defaultPath

    package let store: DuijieStore

    /// Opens (creating if needed) and migrates the database file at `path`.
    public init(path: String) throws {
        store = try DuijieStore(path: path)
    }

    /// Wraps a store already open (tests and the dev tools).
    package init(store: DuijieStore) { self.store = store }

    /// The path of the database file.
    public var path: String { store.path }

    /// The names of the schema migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] { try store.appliedMigrations() }
}
