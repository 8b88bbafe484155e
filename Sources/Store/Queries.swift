import DuijieCore
import Foundation
import GRDB

/// A demand as stored, with its id and event.
public struct StoredDemand: Sendable, Hashable {
    /// The row id.
    public var id: Int64
    /// The event it belongs to.
    public var eventCode: String
    /// The demand.
    public var demand: Demand
}

/// A solver profile as stored, with its id.
public struct StoredSolver: Sendable, Hashable {
    /// The row id.
    public var id: Int64
    /// The profile.
    public var solver: SolverProfile
}

extension DuijieStore {
    /// The event codes, newest first.
    public func eventCodes() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT code FROM event ORDER BY created_at DESC, code") }
    }

    /// Demands, optionally of one event, in id order.
    public func demands(event: String? = nil) throws -> [StoredDemand] {
        try pool.read { db in
            var sql = "SELECT * FROM demand"
            var arguments: StatementArguments = []
            if let event {
                sql += " WHERE event_code = ?"
                arguments = [event]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(Self.demand)
        }
    }

    /// Solver profiles in id order.
    public func solvers() throws -> [StoredSolver] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM solver ORDER BY id").map(Self.solver) }
    }

    /// Rejected rows, newest import first, optionally of one kind.
    public func rejectedRows(kind: String? = nil, latestImportOnly: Bool = false) throws -> [StoredRejection] {
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
            }
            sql += " ORDER BY r.import_id DESC, r.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let cells = try StoredJSON.decode(
                    [String: String].self, row["cells"], table: "rejected_row", row: row["id"], column: "cells")
                return StoredRejection(
                    id: row["id"], importID: row["import_id"], kind: row["kind"],
                    rejection: Rejection(
                        file: row["file"], sheet: row["sheet"], row: row["row"], column: row["column_name"],
                        value: row["value"], reason: row["reason"], cells: cells))
            }
        }
    }

    /// Counts of demands per event and of solvers.
    public func totals() throws -> (demands: [String: Int], solvers: Int, institutions: Int) {
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

    static func demand(_ row: Row) throws -> StoredDemand {
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
        return StoredDemand(
            id: row["id"], eventCode: row["event_code"],
            demand: Demand(
                ref: row["ref"], enterprise: row["enterprise"], county: row["county"], field: row["field"],
                title: row["title"], description: row["description"], goals: row["goals"],
                cooperationMode: row["cooperation_mode"], budget: budget, contact: row["contact"], phone: row["phone"],
                deadline: deadline, partner: row["partner"],
                source: SourceRef(file: row["source_file"], sheet: row["source_sheet"], row: row["source_row"])))
    }

    static func solver(_ row: Row) throws -> StoredSolver {
        let directions = try StoredJSON.decode(
            [String].self, row["directions"], table: "solver", row: row["id"], column: "directions")
        return StoredSolver(
            id: row["id"],
            solver: SolverProfile(
                ref: row["ref"], name: row["name"], institution: row["institution"], region: row["region"],
                directions: directions, achievements: row["achievements"], contact: row["contact"], phone: row["phone"],
                source: SourceRef(file: row["source_file"], sheet: row["source_sheet"], row: row["source_row"])))
    }
}
