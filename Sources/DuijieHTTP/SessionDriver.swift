import Foundation
import Hummingbird
import Service

/// Hummingbird's key/value persistence on the event's SQLite file, so sessions survive a restart of the server
/// (the memory driver would sign every organizer out). Values are stored as JSON with an absolute expiry.
struct SQLitePersistDriver: PersistDriver {
    let sessions: SessionStorage

    private static func now() -> Double { Date().timeIntervalSince1970 }

    private static func expiry(_ duration: Duration?) -> Double? {
        duration.map { now() + Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
    }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let data = try JSONEncoder().encode(value)
        guard try sessions.create(key: key, value: data, expires: Self.expiry(expires), now: Self.now()) else {
            throw PersistError.duplicate
        }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try sessions.set(key: key, value: try JSONEncoder().encode(value), expires: Self.expiry(expires))
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (
        object: Object, ttl: Duration?
    )? {
        guard let (data, expires) = try sessions.get(key: key, now: Self.now()) else { return nil }
        do {
            let object = try JSONDecoder().decode(type, from: data)
            return (object, expires.map { .seconds(max(0, $0 - Self.now())) })
        } catch {
            throw PersistError.invalidConversion
        }
    }

    func remove(key: String) async throws { try sessions.remove(key: key) }

    /// Nothing runs in the background: expired sessions are removed whenever a new one is made.
    func run() async throws {}
}
