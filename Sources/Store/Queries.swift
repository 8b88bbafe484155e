import DuijieCore
import Foundation
import GRDB

/// A demand as stored, with its id and event: a row of `demand` (a GRDB record; rows are written by the import's
/// prepared statements, `DemandWriter`).
package struct StoredDemand: Sendable, Hashable, FetchableRecord {
    /// The row id.
    package var id: Int64
    /// The event it belongs to.
    package var eventCode: String
    /// The demand.
    package var demand: Demand

    /// Makes the value (tests and the use cases' own fixtures).
    package init(id: Int64, eventCode: String, demand: Demand) {
        self.id = id
        self.eventCode = eventCode
        self.demand = demand
    }

    /// Reads a `demand` row; a deadline that does not read back is `StoreError.corrupt`.
    package init(row: Row) throws {
        let budget: Budget
        if let fen: Int64 = row["budget_fen"] {
            budget = .amount(Money(fen: fen))
        } else if row["budget_negotiable"] as Bool {
            budget = .negotiable
        } else {
            budget = .unstated
        }
        let deadline: CivilDate?
        do {
            deadline = try (row["deadline"] as String?).flatMap { try DateParser.parse($0) }
        } catch {
            throw StoreError.corrupt(table: "demand", row: row["id"], column: "deadline")
        }
        self.init(
            id: row["id"], eventCode: row["event_code"],
            demand: Demand(
                ref: row["ref"], enterprise: row["enterprise"], county: row["county"], field: row["field"],
                title: row["title"], description: row["description"], goals: row["goals"],
                cooperationMode: row["cooperation_mode"], budget: budget, contact: row["contact"], phone: row["phone"],
                deadline: deadline, partner: row["partner"],
                source: SourceRef(file: row["source_file"], sheet: row["source_sheet"], row: row["source_row"])))
    }
}

/// A solver profile as stored, with its id: a row of `solver` (written by `SolverWriter`).
package struct StoredSolver: Sendable, Hashable, FetchableRecord {
    /// The row id.
    package var id: Int64
    /// The profile.
    package var solver: SolverProfile

    /// Makes the value.
    package init(id: Int64, solver: SolverProfile) {
        self.id = id
        self.solver = solver
    }

    /// Reads a `solver` row; directions that are not a JSON array of strings are `StoreError.corrupt`.
    package init(row: Row) throws {
        let directions = try StoredJSON.decode(
            [String].self, row["directions"], table: "solver", row: row["id"], column: "directions")
        self.init(
            id: row["id"],
            solver: SolverProfile(
                ref: row["ref"], name: row["name"], institution: row["institution"], region: row["region"],
                directions: directions, achievements: row["achievements"], contact: row["contact"], phone: row["phone"],
                source: SourceRef(file: row["source_file"], sheet: row["source_sheet"], row: row["source_row"])))
    }
}

extension DuijieStore {
    /// The event codes, newest first.
    package func eventCodes() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT code FROM event ORDER BY created_at DESC, code") }
    }

    /// Demands, optionally of one event, in id order.
    package func demands(event: String? = nil) throws -> [StoredDemand] {
        try pool.read { db in
            var sql = "SELECT * FROM demand"
            var arguments: StatementArguments = []
            if let event {
                sql += " WHERE event_code = ?"
                arguments = [event]
            }
            return try StoredDemand.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments)
        }
    }

    /// The demands with these ids (in id order); ids not found are left out.
    package func demands(ids: [Int64]) throws -> [StoredDemand] {
        guard !ids.isEmpty else { return [] }
        return try pool.read { db in
            try StoredDemand.fetchAll(
                db, sql: "SELECT * FROM demand WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                arguments: [Self.jsonArray(ids)])
        }
    }

    /// The teams with these ids (in id order); ids not found are left out.
    package func solvers(ids: [Int64]) throws -> [StoredSolver] {
        guard !ids.isEmpty else { return [] }
        return try pool.read { db in
            try StoredSolver.fetchAll(
                db, sql: "SELECT * FROM solver WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                arguments: [Self.jsonArray(ids)])
        }
    }

    /// Ids as one JSON array argument, so a list of any length is one bound value (`json_each`).
    static func jsonArray(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    /// Solver profiles in id order.
    package func solvers() throws -> [StoredSolver] {
        try pool.read { db in try StoredSolver.fetchAll(db, sql: "SELECT * FROM solver ORDER BY id") }
    }

    /// Rejected rows, newest import first, optionally of one kind.
    package func rejectedRows(kind: String? = nil, latestImportOnly: Bool = false) throws -> [StoredRejection] {
        try pool.read { db in
            var sql = """
                SELECT r.*, i.kind FROM rejected_row r JOIN import i ON i.id = r.import_id WHERE 1
                """
            var arguments: StatementArguments = []
            if let kind {
                sql += " AND i.kind = ?"
                arguments = [kind]
            }
            if latestImportOnly {
                // A file imported again replaces its rejected rows: only its newest import's rows are still to fix.
                sql += " AND i.id = (SELECT max(j.id) FROM import j WHERE j.kind = i.kind AND j.file = i.file)"
                // A row uploaded again from a download to fix (its 来源行) is resolved, fixed or rejected anew.
                sql += " AND r.resolved_by IS NULL"
            }
            sql += " ORDER BY r.import_id DESC, r.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let cells = try StoredJSON.decode(
                    [String: String].self, row["cells"], table: "rejected_row", row: row["id"], column: "cells")
                let order = try StoredJSON.decode(
                    [String].self, row["column_order"], table: "rejected_row", row: row["id"], column: "column_order")
                return StoredRejection(
                    id: row["id"], importID: row["import_id"], kind: row["kind"],
                    rejection: Rejection(
                        file: row["file"], sheet: row["sheet"], row: row["row"], column: row["column_name"],
                        value: row["value"], reason: row["reason"], cells: cells, order: order, reasonZH: row["reason_zh"]))
            }
        }
    }

    /// Counts of demands per event and of solvers.
    package func totals() throws -> (demands: [String: Int], solvers: Int, institutions: Int) {
        try pool.read { db in
            var demands: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT event_code, count(*) FROM demand GROUP BY event_code") {
                demands[row[0]] = row[1]
            }
            let solvers = try Int.fetchOne(db, sql: "SELECT count(*) FROM solver") ?? 0
            let institutions = try Int.fetchOne(db, sql: "SELECT count(DISTINCT institution) FROM solver") ?? 0
            return (demands, solvers, institutions)
        }
    }
}

extension DuijieStore {
    /// The demand a written reference picks (`RecordReference`, the one rule), by point queries: the code through
    /// the unique (event, ref) index, then the id; only a name look-up reads the event's titles. `event` nil looks in
    /// every event.
    package func demand(_ reference: String, event: String?) throws -> StoredDemand? {
        try pool.read { db in try Self.findDemand(db, RecordReference.lookups(reference), event: event) }
    }

    /// The team a written reference picks (`RecordReference`): code (unique index), id, then a unique name.
    package func solver(_ reference: String) throws -> StoredSolver? {
        try pool.read { db in try Self.findSolver(db, RecordReference.lookups(reference)) }
    }

    /// The natural key is `key(enterprise)|key(title)` (`Demand.naturalKey`) and a key never holds `|`, so the title's
    /// key is what follows the bar.
    private static let titleKey = "substr(natural_key, instr(natural_key, '|') + 1)"

    static func findDemand(_ db: Database, _ lookups: [RecordReference.Lookup], event: String?) throws -> StoredDemand? {
        let scope = event == nil ? "" : " AND event_code = ?"
        let eventArgument: StatementArguments = event.map { [$0] } ?? []
        for step in lookups {
            switch step {
            case .ref(let code):
                if let found = try StoredDemand.fetchOne(
                    db, sql: "SELECT * FROM demand WHERE ref = ?\(scope) ORDER BY id LIMIT 1",
                    arguments: [code] + eventArgument)
                {
                    return found
                }
            case .id(let id):
                if let found = try StoredDemand.fetchOne(
                    db, sql: "SELECT * FROM demand WHERE id = ?\(scope)", arguments: [id] + eventArgument)
                {
                    return found
                }
            case .nameKey(let key):
                let found = try StoredDemand.fetchAll(
                    db, sql: "SELECT * FROM demand WHERE \(titleKey) = ?\(scope) LIMIT 2", arguments: [key] + eventArgument)
                if found.count == 1 { return found[0] }
            }
        }
        return nil
    }

    static func findSolver(_ db: Database, _ lookups: [RecordReference.Lookup]) throws -> StoredSolver? {
        for step in lookups {
            switch step {
            case .ref(let code):
                if let found = try StoredSolver.fetchOne(db, sql: "SELECT * FROM solver WHERE ref = ?", arguments: [code]) {
                    return found
                }
            case .id(let id):
                if let found = try StoredSolver.fetchOne(db, sql: "SELECT * FROM solver WHERE id = ?", arguments: [id]) {
                    return found
                }
            case .nameKey(let key):
                let found = try StoredSolver.fetchAll(
                    db, sql: "SELECT * FROM solver WHERE \(titleKey) = ? LIMIT 2", arguments: [key])
                if found.count == 1 { return found[0] }
            }
        }
        return nil
    }

    /// Rows in every table (tests: a preview or a refused write leaves every count as it was).
    package func tableCounts() throws -> [String: Int] {
        try pool.read { db in
            var counts: [String: Int] = [:]
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            for table in tables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
            }
            return counts
        }
    }
}
