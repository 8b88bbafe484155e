import DuijieCore
import Foundation
import GRDB
import Ingestion
import Testing

@testable import Store

/// A store on a fresh temporary file, removed when the test ends.
final class TemporaryStore {
    let directory: URL
    let store: DuijieStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try DuijieStore(path: directory.appendingPathComponent("test.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

func demand(_ title: String, enterprise: String = "衡水新光新材料科技有限公司", ref: String? = nil, budget: Budget = .unstated, row: Int = 2)
    -> Demand
{
    Demand(
        ref: ref, enterprise: enterprise, title: title, budget: budget, source: SourceRef(file: "a.xlsx", sheet: "S", row: row))
}

struct Boom: Error {}

@Suite struct StoreTests {
    @Test func migrationsAreNamedAndApplied() throws {
        let expected = [
            "v1-ingestion", "v2-drop-natural-key-indexes", "v3-matching", "v4-judging", "v5-final-setup", "v6-registry",
            "v7-judge-links", "v8-accounts", "v9-judge-groups", "v10-deal-imports", "v11-column-mappings", "v12-rows-to-fix",
            "v13-pitch-removals", "v14-rejection-chinese",
        ]
        let temp = try TemporaryStore()
        #expect(try temp.store.appliedMigrations() == expected)
        // Opening again is a no-op.
        let again = try DuijieStore(path: temp.store.path)
        #expect(try again.appliedMigrations() == expected)
    }

    @Test func schemaRejectsBadData() throws {
        let temp = try TemporaryStore()
        try temp.store.pool.write { db in
            try db.execute(sql: "INSERT INTO event(code) VALUES ('E')")
            try db.execute(
                sql:
                    "INSERT INTO import(kind, file, status, imported, updated, unchanged, skipped, rejected) VALUES ('demands', 'f', 'imported', 0, 0, 0, 0, 0)"
            )
        }
        let base =
            "INSERT INTO demand(event_code, natural_key, enterprise, title, fingerprint, source_file, source_row, import_id"
        let bad: [String] = [
            base + ", budget_fen) VALUES ('E', 'k', 'e', 't', 0, 'f', 1, 1, -5)",
            base + ", deadline) VALUES ('E', 'k', 'e', 't', 0, 'f', 1, 1, '2021/6/30')",
            base + ") VALUES ('E', 'k', 'e', '', 0, 'f', 1, 1)",
            base + ", budget_fen, budget_negotiable) VALUES ('E', 'k', 'e', 't', 0, 'f', 1, 1, 100, 1)",
            base + ") VALUES ('NOPE', 'k', 'e', 't', 0, 'f', 1, 1)",
            base + ") VALUES ('E', 'k', 'e', 't', 0, 'f', 0, 1)",
        ]
        for sql in bad {
            #expect(throws: DatabaseError.self, "\(sql)") { try temp.store.pool.write { db in try db.execute(sql: sql) } }
        }
        #expect(throws: DatabaseError.self) {
            try temp.store.pool.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO solver(natural_key, name, directions, fingerprint, source_file, source_row, import_id) VALUES ('k', 'n', 'not json', 0, 'f', 1, 1)"
                )
            }
        }
    }

    @Test func reimportingIsIdempotentAndDetectsChanges() throws {
        let temp = try TemporaryStore()
        func run(_ demands: [Demand]) throws -> ImportCounts {
            try temp.store.importDemands(file: "a.xlsx", event: "HS2020", strict: false) { sink in
                for d in demands { try sink.write((d)) }
            }.counts
        }
        let first = try run([demand("需求一", ref: "D1"), demand("需求二")])
        #expect(first.imported == 2)
        let second = try run([demand("需求一", ref: "D1"), demand("需求 二")])  // spacing differs: same natural key
        #expect(second.imported == 0)
        #expect(second.unchanged == 1)
        #expect(second.updated == 1)  // the title text changed
        // No ref, same enterprise + title as D1: the same demand; the change applies and D1 keeps its ref.
        let third = try run([demand("需求一", budget: .negotiable)])
        #expect(third.updated == 1)
        #expect(try run([demand("需求一", budget: .negotiable)]).unchanged == 1)
        let stored = try temp.store.demands(event: "HS2020")
        #expect(stored.count == 2)
        #expect(stored[0].demand.ref == "D1")
        #expect(stored[0].demand.budget == .negotiable)
    }

    @Test func aFailingReadLeavesNothingBehind() throws {
        let temp = try TemporaryStore()
        #expect(throws: Boom.self) {
            try temp.store.importDemands(file: "a.xlsx", event: "HS2020", strict: false) { sink in
                try sink.write((demand("需求一")))
                sink.reject((Rejection(file: "a.xlsx", sheet: "S", row: 3, column: "c", value: "v", reason: "r")))
                throw Boom()
            }
        }
        #expect(try temp.store.demands().isEmpty)
        #expect(try temp.store.rejectedRows().isEmpty)
        let count = try temp.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM import") }
        #expect(count == 0)
    }

    @Test func strictRefusesTheWholeFileButKeepsTheReasons() throws {
        let temp = try TemporaryStore()
        let result = try temp.store.importDemands(file: "a.xlsx", event: "HS2020", strict: true) { sink in
            try sink.write((demand("需求一")))
            sink.reject(
                (Rejection(
                    file: "a.xlsx", sheet: "S", row: 3, column: "需求名称", value: "", reason: "no title", cells: ["企业名称": "甲"])))
        }
        #expect(result.strictRefused)
        #expect(result.counts.imported == 0)
        #expect(try temp.store.demands().isEmpty)
        let kept = try temp.store.rejectedRows()
        #expect(kept.count == 1)
        #expect(kept[0].rejection.cells == ["企业名称": "甲"])
        #expect(kept[0].kind == "demands")
    }

    @Test func moneyRoundTripsExactly() throws {
        let temp = try TemporaryStore()
        _ = try temp.store.importDemands(file: "a.xlsx", event: "E", strict: false) { sink in
            try sink.write((demand("大额", budget: .amount(Money(fen: 12_345_678_901_234)))))
        }
        #expect(try temp.store.demands()[0].demand.budget.money?.yuanString == "123456789012.34")
    }

    @Test func solversDedupeByRefThenInstitutionAndName() throws {
        let temp = try TemporaryStore()
        let source = SourceRef(file: "t.csv", sheet: nil, row: 2)
        let a = SolverProfile(ref: "T1", name: "膜团队", institution: "天津大学", directions: ["PVDF膜"], source: source)
        let b = SolverProfile(name: "膜团队", institution: "天津大学", directions: ["PVDF膜"], source: source)
        let counts = try temp.store.importSolvers(file: "t.csv", strict: false) { sink in
            try sink.write((a))
            try sink.write((b))
        }.counts
        #expect(counts.imported == 1)
        #expect(counts.unchanged == 1)
        let solvers = try temp.store.solvers()
        #expect(solvers.count == 1)
        #expect(solvers[0].solver.directions == ["PVDF膜"])
        #expect(solvers[0].solver.ref == "T1")
    }

    @Test func changedSolversAreUpdatedInPlace() throws {
        let temp = try TemporaryStore()
        let source = SourceRef(file: "t.csv", sheet: nil, row: 2)
        func run(_ solver: SolverProfile) throws -> ImportCounts {
            try temp.store.importSolvers(file: "t.csv", strict: false) { sink in
                try sink.write((solver))
            }.counts
        }
        _ = try run(SolverProfile(ref: "T1", name: "膜团队", institution: "天津大学", directions: ["PVDF膜"], source: source))
        let counts = try run(
            SolverProfile(ref: "T1", name: "膜团队", institution: "天津大学", directions: ["PVDF膜", "水处理"], source: source))
        #expect(counts.updated == 1)
        #expect(try temp.store.solvers().map(\.solver.directions) == [["PVDF膜", "水处理"]])
    }

    @Test func walModeAndForeignKeys() throws {
        let temp = try TemporaryStore()
        let mode = try temp.store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        let keys = try temp.store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(mode == "wal")
        #expect(keys == 1)
    }
}
