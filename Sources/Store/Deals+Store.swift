import DuijieCore
import Foundation
import GRDB

/// A deal as stored: its id, event, and its history (the current state is the fold of the events).
package struct StoredDeal: Sendable, Equatable {
    /// Row id.
    package var id: Int64
    /// The event it came from, when known.
    package var event: String?
    /// Every event, oldest first.
    package var history: [DealEvent]

    /// The current state.
    package var current: DealFields { DealEvent.fold(history)! }

    /// Creates a stored deal.
    package init(id: Int64, event: String?, history: [DealEvent]) {
        self.id = id
        self.event = event
        self.history = history
    }
}

extension DuijieStore {
    /// Every deal with its history, optionally of one event.
    package func deals(event: String? = nil) throws -> [StoredDeal] {
        try pool.read { db in try Self.deals(db, event: event) }
    }

    static func deals(_ db: Database, event: String?) throws -> [StoredDeal] {
        var sql =
            "SELECT d.id, d.event_code, e.kind, e.state, e.changes, e.actor, e.reason, e.at FROM deal d JOIN deal_event e ON e.deal_id = d.id"
        var arguments: StatementArguments = []
        if let event {
            sql += " WHERE d.event_code = ?"
            arguments = [event]
        }
        sql += " ORDER BY d.id, e.id"
        var deals: [StoredDeal] = []
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let id: Int64 = row["id"]
            let event = DealEvent(
                kind: DealEvent.Kind(rawValue: row["kind"]) ?? .changed,
                state: try decoder.decode(DealFields.self, from: Data((row["state"] as String).utf8)),
                changes: try StoredJSON.decode(
                    [String: [String?]].self, row["changes"], table: "deal_event", row: id, column: "changes", decoder: decoder),
                actor: row["actor"], reason: row["reason"], at: row["at"])
            if deals.last?.id == id {
                deals[deals.count - 1].history.append(event)
            } else {
                deals.append(StoredDeal(id: id, event: row["event_code"], history: [event]))
            }
        }
        return deals
    }

    /// Runs `body` in one write transaction with a writer for deals; a dry run (a preview) rolls it back.
    package func dealTransaction<T>(dryRun: Bool = false, _ body: (DealWriter) throws -> T) throws -> T {
        try write(dryRun: dryRun) { db in try body(DealWriter(db: db)) }
    }
}

/// Writes deals and their events inside `dealTransaction`.
package struct DealWriter {
    let db: Database

    /// Deals as they stand now, with their histories.
    package func deals() throws -> [StoredDeal] { try DuijieStore.deals(db, event: nil) }

    /// Records a deals sheet's import with its counts and keeps its rejected rows (whole rows, for fixing); returns
    /// the import's id.
    package func recordImport(
        file: String, event: String?, imported: Int, updated: Int, unchanged: Int, skipped: Int, rejected: [Rejection],
        rejectedCount: Int? = nil, fixes: [String] = []
    ) throws -> Int64 {
        if let event { try db.execute(sql: "INSERT OR IGNORE INTO event(code) VALUES (?)", arguments: [event]) }
        try db.execute(
            sql: """
                INSERT INTO import(kind, file, event_code, status, imported, updated, unchanged, skipped, rejected)
                VALUES ('deals', ?, ?, 'imported', ?, ?, ?, ?, ?)
                """, arguments: [file, event, imported, updated, unchanged, skipped, rejectedCount ?? rejected.count])
        let id = db.lastInsertedRowID
        try DuijieStore.keep(rejected, importID: id, db: db)
        try DuijieStore.resolve(fixes, by: id, db: db)
        return id
    }

    /// Records a new deal; returns its id.
    package func create(_ fields: DealFields, event: String?, actor: String, reason: String?) throws -> Int64 {
        if let event {
            try db.execute(sql: "INSERT INTO event(code) VALUES (?) ON CONFLICT(code) DO NOTHING", arguments: [event])
        }
        try db.execute(
            sql: "INSERT INTO deal(event_code, ref, natural_key) VALUES (?, ?, ?)",
            arguments: [event, fields.ref, fields.naturalKey])
        let id = db.lastInsertedRowID
        try append(id, DealEvent.Kind.created, fields, changes: [:], actor: actor, reason: reason)
        return id
    }

    /// Appends a change (or a voiding) to a deal.
    package func change(_ id: Int64, from old: DealFields, to new: DealFields, actor: String, reason: String?) throws {
        let kind: DealEvent.Kind = new.stage == .voided && old.stage != .voided ? .voided : .changed
        try append(id, kind, new, changes: DealEvent.differences(old, new), actor: actor, reason: reason)
    }

    private func append(
        _ id: Int64, _ kind: DealEvent.Kind, _ state: DealFields, changes: [String: [String?]], actor: String, reason: String?
    )
        throws
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try db.execute(
            sql: "INSERT INTO deal_event(deal_id, kind, state, changes, actor, reason) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                id, kind.rawValue, String(decoding: try encoder.encode(state), as: UTF8.self),
                String(decoding: try encoder.encode(changes), as: UTF8.self), actor, reason,
            ])
        if let number = state.registration, !number.isEmpty {
            try db.execute(
                sql:
                    "INSERT INTO deal_registration(number, deal_id) VALUES (?, ?) ON CONFLICT(deal_id) DO UPDATE SET number = excluded.number",
                arguments: [number, id])
        }
    }
}
