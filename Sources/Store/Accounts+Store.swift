import DuijieCore
import Foundation
import GRDB

/// An organizer or reporting-office account as stored (the password only as its bcrypt hash).
package struct StoredAccount: Sendable, Equatable {
    /// The sign-in name.
    package var name: String
    /// `organizer` or `reporter`.
    package var role: String
    /// The bcrypt hash of the password.
    package var passwordHash: String
    /// When the account was made (ISO 8601, UTC).
    package var createdAt: String
}

/// The store refused an account change.
package struct AccountStoreError: Error, CustomStringConvertible {
    /// What went wrong, in plain words.
    package var description: String
}

extension DuijieStore {
    /// Adds an account, or replaces the role and password of an existing one when `replace` is set.
    package func saveAccount(name: String, role: String, passwordHash: String, replace: Bool) throws {
        try pool.write { db in
            let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [name]) ?? false
            if exists && !replace {
                throw AccountStoreError(description: "an account named '\(name)' exists already (use --replace to reset it)")
            }
            try db.execute(
                sql: """
                    INSERT INTO account(name, role, password_hash) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash
                    """, arguments: [name, role, passwordHash])
            // A new password ends every session of the account.
            try db.execute(sql: "DELETE FROM signin_link WHERE account = ?", arguments: [name])
        }
    }

    /// The account with this name, or nil.
    package func account(named name: String) throws -> StoredAccount? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT name, role, password_hash, created_at FROM account WHERE name = ?", arguments: [name]
            ).map { StoredAccount(name: $0[0], role: $0[1], passwordHash: $0[2], createdAt: $0[3]) }
        }
    }

    /// Every account, by name.
    package func accounts() throws -> [StoredAccount] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, password_hash, created_at FROM account ORDER BY name").map {
                StoredAccount(name: $0[0], role: $0[1], passwordHash: $0[2], createdAt: $0[3])
            }
        }
    }

    /// Removes an account and its sign-in links; returns whether it existed.
    @discardableResult
    package func removeAccount(named name: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM signin_link WHERE account = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM account WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// Stores a one-time sign-in token for an account, valid until `expires` (seconds since 1970).
    package func saveSigninLink(token: String, account: String, expires: Double) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO signin_link(token, account, expires_at) VALUES (?, ?, ?)", arguments: [token, account, expires])
        }
    }

    /// Uses a sign-in token once: the account name when the token is live, unused and not expired at `now`.
    package func redeemSigninLink(token: String, now: Double) throws -> String? {
        try pool.write { db in
            guard
                let account = try String.fetchOne(
                    db, sql: "SELECT account FROM signin_link WHERE token = ? AND used_at IS NULL AND expires_at > ?",
                    arguments: [token, now])
            else { return nil }
            try db.execute(
                sql: "UPDATE signin_link SET used_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE token = ?", arguments: [token])
            return account
        }
    }

    // MARK: Session key/value storage (the HTTP edge keeps its sessions here so they survive a restart)

    /// Inserts a session value; returns false when the key exists and is not expired at `now`.
    package func sessionCreate(key: String, value: Data, expires: Double?, now: Double) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM http_session WHERE expires_at <= ?", arguments: [now])
            try db.execute(sql: "DELETE FROM signin_link WHERE expires_at <= ?", arguments: [now])
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM http_session WHERE key = ?", arguments: [key]) ?? false {
                return false
            }
            try db.execute(
                sql: "INSERT INTO http_session(key, value, expires_at) VALUES (?, ?, ?)", arguments: [key, value, expires])
            return true
        }
    }

    /// Sets a session value; with `expires` nil an existing expiry is kept.
    package func sessionSet(key: String, value: Data, expires: Double?) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO http_session(key, value, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value,
                        expires_at = coalesce(excluded.expires_at, http_session.expires_at)
                    """, arguments: [key, value, expires])
        }
    }

    /// A live session value and its expiry, or nil.
    package func sessionGet(key: String, now: Double) throws -> (value: Data, expires: Double?)? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT value, expires_at FROM http_session WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)",
                arguments: [key, now]
            ).map { ($0[0], $0[1]) }
        }
    }

    /// Removes a session value.
    package func sessionRemove(key: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM http_session WHERE key = ?", arguments: [key]) }
    }
}
