import Foundation
import GRDB
import Testing

@testable import Store

@Suite struct MigrationTests {
    @Test func rebuildingTheImportTableKeepsImportsRecordsAndRejectedRows() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        // A database as the previous version left it: an import with a demand and a rejected row.
        do {
            let pool = try DatabasePool(path: path)
            try Migrations.migrator.migrate(pool, upTo: "v9-judge-groups")
            try pool.write { db in
                try db.execute(sql: "INSERT INTO event(code) VALUES ('OLD')")
                try db.execute(
                    sql: """
                        INSERT INTO import(kind, file, event_code, status, imported, updated, unchanged, skipped, rejected)
                        VALUES ('demands', 'a.xlsx', 'OLD', 'imported', 1, 0, 0, 0, 1)
                        """)
                try db.execute(
                    sql: """
                        INSERT INTO demand(event_code, natural_key, enterprise, title, fingerprint, source_file, source_row, import_id)
                        VALUES ('OLD', 'k', '甲公司', '旧需求', 0, 'a.xlsx', 2, 1)
                        """)
                try db.execute(
                    sql: """
                        INSERT INTO rejected_row(import_id, file, row, column_name, value, reason)
                        VALUES (1, 'a.xlsx', 3, '需求名称', '', 'no title')
                        """)
            }
        }
        let store = try DuijieStore(path: path)
        #expect(try store.appliedMigrations().contains("v10-deal-imports"))
        #expect(try store.demands(event: "OLD").map(\.demand.title) == ["旧需求"])
        #expect(try store.rejectedRows(kind: "demands").map(\.rejection.row) == [3])
        try store.pool.read { db in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'import'") ?? ""
            #expect(sql.contains("'deals'"))
        }
        // Deals imports now record rejected rows under their own kind.
        let id = try store.dealTransaction { writer in
            try writer.recordImport(
                file: "d.xlsx", event: "OLD", imported: 0, updated: 0, unchanged: 0, skipped: 0,
                rejected: [.init(file: "d.xlsx", sheet: "S", row: 5, column: "合同金额", value: "-1", reason: "a negative amount")])
        }
        #expect(try store.rejectedRows(kind: "deals").map(\.importID) == [id])
    }
}
