import Foundation
import GRDB
import Matching

/// One ranked candidate as stored with its run.
package struct StoredCandidate: Sendable, Equatable {
    /// Demand id.
    package var demandID: Int64
    /// Team id.
    package var solverID: Int64
    /// 1-based rank within the run's list (per demand, or per team for reverse runs).
    package var rank: Int
    /// Normalised score 0–1.
    package var score: Double
    /// Affinity before normalising.
    package var raw: Double
    /// Reasons, one line each.
    package var reasons: [String]

    /// Creates a candidate row.
    package init(demandID: Int64, solverID: Int64, rank: Int, score: Double, raw: Double, reasons: [String]) {
        self.demandID = demandID
        self.solverID = solverID
        self.rank = rank
        self.score = score
        self.raw = raw
        self.reasons = reasons
    }
}

/// A stored match run.
package struct StoredRun: Sendable, Equatable {
    /// Run id.
    package var id: Int64
    /// rank, reverse or assign.
    package var kind: String
    /// Event, when the run was limited to one.
    package var event: String?
    /// The parameters as JSON.
    package var parameters: String
    /// The objective of an assignment run.
    package var objective: Double?
    /// When it ran (UTC, ISO 8601).
    package var createdAt: String
}

extension DuijieStore {
    /// Stores a ranking run and its candidates in one transaction; returns the run id.
    package func saveRankingRun(kind: String, event: String?, parameters: String, candidates: [StoredCandidate]) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO match_run(kind, event_code, parameters) VALUES (?, ?, ?)",
                arguments: [kind, event, parameters])
            let run = db.lastInsertedRowID
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO match_candidate(run_id, demand_id, solver_id, rank, score, raw, reasons)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            let encoder = JSONEncoder()
            for c in candidates {
                let reasons = String(decoding: try encoder.encode(c.reasons), as: UTF8.self)
                insert.setUncheckedArguments([
                    run, c.demandID, c.solverID, c.rank, min(1, max(0, c.score)), max(0, c.raw), reasons,
                ])
                try insert.execute()
            }
            return run
        }
    }

    /// Stores an assignment run: pairs (demand, team, score, forced) and unfilled demands with reasons.
    package func saveAssignmentRun(
        event: String?, parameters: String, objective: Double,
        assignments: [(demandID: Int64, solverID: Int64, score: Double, forced: Bool)],
        unfilled: [(demandID: Int64, reason: String)]
    ) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO match_run(kind, event_code, parameters, objective) VALUES ('assign', ?, ?, ?)",
                arguments: [event, parameters, objective])
            let run = db.lastInsertedRowID
            for a in assignments {
                try db.execute(
                    sql: "INSERT INTO match_assignment(run_id, demand_id, solver_id, score, forced) VALUES (?, ?, ?, ?, ?)",
                    arguments: [run, a.demandID, a.solverID, min(1, max(0, a.score)), a.forced])
            }
            for u in unfilled {
                try db.execute(
                    sql: "INSERT INTO match_unfilled(run_id, demand_id, reason) VALUES (?, ?, ?)",
                    arguments: [run, u.demandID, u.reason])
            }
            return run
        }
    }

    /// Match runs, newest first.
    package func runs() throws -> [StoredRun] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM match_run ORDER BY id DESC").map { row in
                StoredRun(
                    id: row["id"], kind: row["kind"], event: row["event_code"], parameters: row["parameters"],
                    objective: row["objective"], createdAt: row["created_at"])
            }
        }
    }

    /// The candidates of a ranking run, in rank order per subject.
    package func candidates(run: Int64) throws -> [StoredCandidate] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM match_candidate WHERE run_id = ? ORDER BY demand_id, rank, solver_id", arguments: [run]
            ).map { row in
                let reasons = try StoredJSON.decode(
                    [String].self, row["reasons"], table: "match_result", row: row["run_id"], column: "reasons")
                return StoredCandidate(
                    demandID: row["demand_id"], solverID: row["solver_id"], rank: row["rank"], score: row["score"],
                    raw: row["raw"], reasons: reasons)
            }
        }
    }

    /// The pairs of an assignment run and its unfilled demands.
    package func assignment(run: Int64) throws -> (
        pairs: [(demandID: Int64, solverID: Int64, score: Double, forced: Bool)], unfilled: [(demandID: Int64, reason: String)]
    ) {
        try pool.read { db in
            let pairs = try Row.fetchAll(
                db, sql: "SELECT * FROM match_assignment WHERE run_id = ? ORDER BY demand_id, forced DESC, score DESC",
                arguments: [run]
            ).map { row in
                (
                    demandID: row["demand_id"] as Int64, solverID: row["solver_id"] as Int64, score: row["score"] as Double,
                    forced: row["forced"] as Bool
                )
            }
            let unfilled = try Row.fetchAll(
                db, sql: "SELECT * FROM match_unfilled WHERE run_id = ? ORDER BY demand_id", arguments: [run]
            ).map { row in (demandID: row["demand_id"] as Int64, reason: row["reason"] as String) }
            return (pairs, unfilled)
        }
    }

    /// Records an organizer's pin or drop for a pair, replacing an earlier one.
    package func setPin(demandID: Int64, solverID: Int64, action: PinAction) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO match_pin(demand_id, solver_id, action) VALUES (?, ?, ?)
                    ON CONFLICT(demand_id, solver_id) DO UPDATE SET action = excluded.action, created_at = excluded.created_at
                    """, arguments: [demandID, solverID, action.rawValue])
        }
    }

    /// Removes a pin or drop; returns whether there was one.
    @discardableResult
    package func removePin(demandID: Int64, solverID: Int64) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM match_pin WHERE demand_id = ? AND solver_id = ?", arguments: [demandID, solverID])
            return db.changesCount > 0
        }
    }

    /// All pins and drops.
    package func pins() throws -> [(demandID: Int64, solverID: Int64, action: PinAction)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT demand_id, solver_id, action FROM match_pin ORDER BY demand_id, solver_id")
                .compactMap { row in
                    PinAction(rawValue: row["action"]).map {
                        (demandID: row["demand_id"] as Int64, solverID: row["solver_id"] as Int64, action: $0)
                    }
                }
        }
    }
}
