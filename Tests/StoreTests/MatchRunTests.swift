import DuijieCore
import Foundation
import GRDB
import Ingestion
import Registry
import Testing

@testable import Store

@Suite struct MatchRunTests {
    func seeded() throws -> (TemporaryStore, Int64, Int64) {
        let temp = try TemporaryStore()
        _ = try temp.store.importDemands(file: "a.xlsx", event: "E", strict: false) { sink in
            try sink.write((demand("需求一", ref: "D1")))
        }
        _ = try temp.store.importSolvers(file: "t.csv", strict: false) { sink in
            try sink.write((SolverProfile(ref: "T1", name: "团队", source: SourceRef(file: "t.csv", sheet: nil, row: 2))))
        }
        return (temp, try temp.store.demands()[0].id, try temp.store.solvers()[0].id)
    }

    @Test func runsRoundTrip() throws {
        let (temp, d, s) = try seeded()
        let run = try temp.store.saveRankingRun(
            kind: "rank", event: "E", parameters: "{\"top\":5}",
            candidates: [StoredCandidate(demandID: d, solverID: s, rank: 1, score: 1, raw: 3.5, reasons: ["matched 激光焊接 +3.5"])])
        #expect(
            try temp.store.candidates(run: run) == [
                StoredCandidate(demandID: d, solverID: s, rank: 1, score: 1, raw: 3.5, reasons: ["matched 激光焊接 +3.5"])
            ])
        let assign = try temp.store.saveAssignmentRun(
            event: "E", parameters: "{}", objective: 0.8, assignments: [(d, s, 0.8, true)],
            unfilled: [(d, "demand D1 needs 3 team(s)")])
        let stored = try temp.store.assignment(run: assign)
        #expect(stored.pairs.count == 1 && stored.pairs[0].forced)
        #expect(stored.unfilled.first?.reason == "demand D1 needs 3 team(s)")
        #expect(try temp.store.runs().map(\.kind) == ["assign", "rank"])
    }

    @Test func pinsReplaceAndClear() throws {
        let (temp, d, s) = try seeded()
        try temp.store.setPin(demandID: d, solverID: s, action: .pin)
        try temp.store.setPin(demandID: d, solverID: s, action: .drop)
        #expect(try temp.store.pins().map(\.action) == [.drop])
        #expect(try temp.store.removePin(demandID: d, solverID: s))
        #expect(try temp.store.pins().isEmpty)
        #expect(try !temp.store.removePin(demandID: d, solverID: s))
    }

    @Test func schemaRejectsBadMatchData() throws {
        let (temp, d, s) = try seeded()
        try temp.store.pool.write { db in try db.execute(sql: "INSERT INTO match_run(kind, parameters) VALUES ('rank', '{}')") }
        let bad = [
            "INSERT INTO match_run(kind, parameters) VALUES ('guess', '{}')",
            "INSERT INTO match_run(kind, parameters) VALUES ('rank', 'not json')",
            "INSERT INTO match_candidate(run_id, demand_id, solver_id, rank, score, raw, reasons) VALUES (1, \(d), \(s), 1, 1.5, 1, '[]')",
            "INSERT INTO match_candidate(run_id, demand_id, solver_id, rank, score, raw, reasons) VALUES (1, \(d), \(s), 0, 0.5, 1, '[]')",
            "INSERT INTO match_candidate(run_id, demand_id, solver_id, rank, score, raw, reasons) VALUES (1, 999, \(s), 1, 0.5, 1, '[]')",
            "INSERT INTO match_pin(demand_id, solver_id, action) VALUES (\(d), \(s), 'maybe')",
            "INSERT INTO match_unfilled(run_id, demand_id, reason) VALUES (1, \(d), '')",
        ]
        for sql in bad {
            #expect(throws: DatabaseError.self, "\(sql)") { try temp.store.pool.write { db in try db.execute(sql: sql) } }
        }
    }
}

@Suite struct JudgingStoreTests {
    @Test func scoreLogIsAppendOnly() throws {
        let (temp, d, s) = try MatchRunTests().seeded()
        try temp.store.judgingTransaction(event: "E") { writer in
            let judge = try writer.upsertJudge(name: "李红梅", affiliation: "河北省科学技术厅", avoid: [])
            #expect(
                try writer.append(
                    NewScore(
                        judgeID: judge, demandID: d, solverID: s, points: [250, 250], reason: nil, conflict: nil, source: "t"))
                    == 1)
            #expect(
                try writer.append(
                    NewScore(
                        judgeID: judge, demandID: d, solverID: s, points: [260, 250], reason: "fix", conflict: nil, source: "t"))
                    == 2)
        }
        #expect(try temp.store.scores(event: "E").map(\.version) == [1, 2])
        for sql in ["UPDATE score_entry SET total_tenths = 999", "DELETE FROM score_entry"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try temp.store.pool.write { db in try db.execute(sql: sql) } }
        }
        #expect(throws: DatabaseError.self) {
            try temp.store.pool.write { db in
                try db.execute(sql: "INSERT INTO judging_rules(event_code, rules, method) VALUES ('E', '{}', 'median')")
            }
        }
    }
}

@Suite struct DealStoreTests {
    @Test func dealHistoryIsAppendOnlyAndNumbersUnique() throws {
        let temp = try TemporaryStore()
        let fields = DealFields(
            enterprise: "甲公司", solver: "乙大学", stage: .registered, amount: Money(yuan: 100), registration: "20201311000123")
        let id = try temp.store.dealTransaction { writer in try writer.create(fields, event: nil, actor: "test", reason: nil) }
        #expect(try temp.store.deals().first?.current == fields)
        for sql in ["UPDATE deal_event SET actor = 'x'", "DELETE FROM deal_event"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try temp.store.pool.write { db in try db.execute(sql: sql) } }
        }
        var other = fields
        other.enterprise = "丙公司"
        #expect(throws: DatabaseError.self) {
            try temp.store.dealTransaction { writer in _ = try writer.create(other, event: nil, actor: "test", reason: nil) }
        }
        #expect(throws: DatabaseError.self) {
            try temp.store.pool.write { db in
                try db.execute(sql: "INSERT INTO deal_registration(number, deal_id) VALUES ('2.02E13', ?)", arguments: [id])
            }
        }
    }
}
