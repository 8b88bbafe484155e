import DuijieCore
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode through GRDB, foreign keys on, migrated on open.
package final class DuijieStore: Sendable {
    /// The default file name, in the working directory.
    package static let defaultPath = "duijie.sqlite"

    let pool: DatabasePool
    /// The path of the database file.
    package let path: String

    /// Opens (creating if needed) and migrates the database at `path`.
    package convenience init(path: String) throws(StoreError) {
        try self.init(path: path, trace: nil)
    }

    /// Opens the database with every executed statement's SQL passed to `trace` (tests count the statements a use
    /// case runs with it).
    package init(path: String, trace: (@Sendable (String) -> Void)?) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        if let trace {
            configuration.prepareDatabase { db in db.trace { trace($0.description) } }
        }
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // A large import is one transaction; with SQLite's default 2 MB page cache it spills dirty pages to the
            // WAL again and again. 64 MB (allocated only as used) keeps a 100,000-row sheet's pages in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Migrations.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// The names of the migrations applied, in order.
    package func appliedMigrations() throws -> [String] {
        try pool.read { db in try Migrations.migrator.appliedMigrations(db) }
    }
}

/// What went wrong in the store.
package enum StoreError: DuijieError {
    /// The file could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// A statement failed; SQLite's message.
    case database(String)
    /// A stored value cannot be read back (edited by hand, or written by a newer version): which table, row, column.
    case corrupt(table: String, row: Int64?, column: String)

    /// One sentence for people.
    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the database '\(path)': \(reason)"
        case .database(let message): return "database error: \(message)"
        case .corrupt(let table, let row, let column):
            return
                "the stored \(column) of \(table)\(row.map { " \($0)" } ?? "") cannot be read back; the database was changed outside Duijie"
        }
    }

    /// A database that cannot be opened is a file that cannot be used; a failing statement is Duijie's fault.
    package var kind: ErrorKind {
        switch self {
        case .cannotOpen: .unusable
        case .database, .corrupt: .internal
        }
    }
}

/// A 64-bit FNV-1a hash: a cheap, stable fingerprint of a record's content to tell "unchanged" from "updated".
enum Fingerprint {
    static func of(_ parts: [String?]) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in (part ?? "\u{0}").utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x1F
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}

/// Reads JSON columns back, refusing what does not decode instead of replacing it with a default.
enum StoredJSON {
    static func decode<T: Decodable>(
        _ type: T.Type, _ text: String?, table: String, row: Int64?, column: String, decoder: JSONDecoder = JSONDecoder()
    ) throws -> T {
        do {
            return try decoder.decode(type, from: Data((text ?? "").utf8))
        } catch {
            throw StoreError.corrupt(table: table, row: row, column: column)
        }
    }
}
