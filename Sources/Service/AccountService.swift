import DuijieCore
import Foundation
import HummingbirdBcrypt
import Store

/// The two kinds of web accounts; judges never have one (they use per-judge links).
public enum AccountRole: String, Sendable, Codable, CaseIterable {
    /// Loads sheets, runs matching and assignment, sets up the final: may read and write everything.
    case organizer
    /// The reporting office: reads catalogues, results and reports, exports them, and writes nothing.
    case reporter
}

/// A signed-in account as the edges see it.
public struct Account: Sendable, Equatable, Codable {
    /// The sign-in name.
    public var name: String
    /// What the account may do.
    public var role: AccountRole

    /// Makes an account value.
    public init(name: String, role: AccountRole) {
        self.name = name
        self.role = role
    }
}

/// An account could not be made or used.
public struct AccountError: ClassifiedError {
    /// What went wrong, in plain words.
    public var description: String
    /// What kind of failure it is.
    public var kind: FailureKind = .invalid
}

/// Organizer and reporting-office accounts: passwords kept only as bcrypt hashes (hummingbird-auth's bcrypt).
public struct AccountService: Sendable {
    let store: DuijieStore
    let cost: UInt8

    /// The shortest password accepted.
    public static let minimumPasswordLength = 8

    /// Creates the service; `cost` is bcrypt's work factor (12 by default, tests use less).
    public init(database: EventDatabase, cost: UInt8 = 12) { self.init(store: database.store, cost: cost) }

    package init(store: DuijieStore, cost: UInt8 = 12) {
        self.store = store
        self.cost = cost
    }

    /// Adds an account (or, with `replace`, resets its role and password).
    public func add(name: String, role: AccountRole, password: String, replace: Bool = false) throws {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 64, !trimmed.contains(where: { $0.isNewline || $0 == ":" }) else {
            throw AccountError(description: "an account name needs 1–64 characters, without ':' or line breaks")
        }
        guard password.count >= Self.minimumPasswordLength else {
            throw AccountError(description: "a password needs at least \(Self.minimumPasswordLength) characters")
        }
        let hash = Bcrypt.hash(password, cost: cost)
        do {
            try store.saveAccount(name: trimmed, role: role.rawValue, passwordHash: hash, replace: replace)
        } catch let error as AccountStoreError {
            throw AccountError(description: error.description, kind: .conflict)
        }
    }

    /// The account when the name and password match, else nil (the same answer for an unknown name).
    public func verify(name: String, password: String) throws -> Account? {
        guard let stored = try store.account(named: name) else {
            // Spend the same time as a real check, so response times do not tell which names exist.
            _ = Bcrypt.verify(password, hash: Self.decoyHash)
            return nil
        }
        guard Bcrypt.verify(password, hash: stored.passwordHash), let role = AccountRole(rawValue: stored.role) else {
            return nil
        }
        return Account(name: stored.name, role: role)
    }

    /// The account with this name as it is now (so a removed account loses its sessions at once).
    public func account(named name: String) throws -> Account? {
        guard let stored = try store.account(named: name), let role = AccountRole(rawValue: stored.role) else { return nil }
        return Account(name: stored.name, role: role)
    }

    /// Every account, by name.
    public func list() throws -> [Account] {
        try store.accounts().compactMap { stored in
            AccountRole(rawValue: stored.role).map { Account(name: stored.name, role: $0) }
        }
    }

    /// Removes an account; returns whether it existed.
    public func remove(name: String) throws -> Bool { try store.removeAccount(named: name) }

    /// A one-time sign-in token for an account, valid for `minutes` (the path is `/signin/TOKEN`).
    public func signinToken(name: String, minutes: Int = 15, now: Date = Date()) throws -> String {
        guard try store.account(named: name) != nil else {
            throw AccountError(description: "no account named '\(name)'", kind: .notFound)
        }
        let token = RandomToken.make()
        try store.saveSigninLink(token: token, account: name, expires: now.timeIntervalSince1970 + Double(minutes * 60))
        return token
    }

    /// Uses a one-time sign-in token: the account, or nil when it is unknown, used or expired.
    public func redeem(token: String, now: Date = Date()) throws -> Account? {
        guard token.count == 32, token.allSatisfy(\.isHexDigit) else { return nil }
        guard let name = try store.redeemSigninLink(token: token, now: now.timeIntervalSince1970) else { return nil }
        return try account(named: name)
    }

    /// A readable random password (no look-alike characters), for demo accounts and `users add --generate`.
    public static func randomPassword(length: Int = 14) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// A hash of a random password, checked against when the name is unknown.
    static let decoyHash = Bcrypt.hash(randomPassword(), cost: 12)
}
