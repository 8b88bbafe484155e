import DuijieCore
import Foundation
import GRDB

/// The counts an import reports; `updated` + `unchanged` are the duplicates.
package struct ImportCounts: Sendable, Equatable {
    /// New records.
    package var imported = 0
    /// Records that existed and changed.
    package var updated = 0
    /// Records that existed and were the same.
    package var unchanged = 0
    /// Rows skipped on purpose (blank, totals, repeated headers, notes).
    package var skipped = 0

    /// Creates zero counts.
    package init() {}
}

/// The outcome of importing one file.
package struct ImportResult: Sendable {
    /// The import's id in the store.
    package var importID: Int64
    /// The counts.
    package var counts: ImportCounts
    /// The rows refused (at most `RecordSink.maxKeptRejections` are kept).
    package var rejected: [Rejection]
    /// How many rows were refused in all.
    package var rejectedCount: Int
    /// Whether strict mode refused the whole file.
    package var strictRefused: Bool
    /// What the store has to say about the import (rejected rows counted but not kept).
    package var warnings: [String]
}

/// Receives row outcomes during an import and writes them with prepared statements, in the caller's transaction.
package final class RecordSink<Record> {
    fileprivate(set) var counts = ImportCounts()
    /// The rejected rows kept (at most `RecordSink.maxKeptRejections`).
    fileprivate(set) var rejected: [Rejection] = []
    /// All rejected rows, kept or not.
    fileprivate(set) var rejectedCount = 0
    /// The `来源行` references the file's rows carried (a download to fix): the rejected rows this import resolves.
    package var fixes: [String] = []

    /// The most rejected rows one import keeps (and stores) for fixing; the rest are counted. Bounds what a hostile or
    /// wrong file can write into the store.
    package static var maxKeptRejections: Int { 5_000 }
    fileprivate let upsert: (Record) throws -> UpsertOutcome

    fileprivate init(upsert: @escaping (Record) throws -> UpsertOutcome) { self.upsert = upsert }

    /// Writes a valid record (inserted, updated, or counted as unchanged).
    package func write(_ record: Record) throws {
        switch try upsert(record) {
        case .inserted: counts.imported += 1
        case .updated: counts.updated += 1
        case .unchanged: counts.unchanged += 1
        }
    }

    /// Counts a refused row and keeps it for fixing while fewer than `maxKeptRejections` are kept.
    package func reject(_ rejection: Rejection) {
        rejectedCount += 1
        if rejected.count < RecordSink<Record>.maxKeptRejections { rejected.append(rejection) }
    }

    /// Counts a row skipped on purpose.
    package func skip() { counts.skipped += 1 }
}

enum UpsertOutcome { case inserted, updated, unchanged }

extension DuijieStore {
    /// One write transaction that commits, or — a dry run, for a preview — does everything and then rolls it back,
    /// so the preview's counts are the import's own and nothing is stored.
    func write<T>(dryRun: Bool, _ body: (Database) throws -> T) throws -> T {
        guard dryRun else { return try pool.write(body) }
        return try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .rollback
            }
            return result!  // set whenever inTransaction returns without throwing
        }
    }

    /// Imports demands of `event` from one file in one transaction. `feed` reads the file into the sink;
    /// if it throws, nothing is written. With `strict`, any rejected row refuses every record of the file.
    package func importDemands(
        file: String, event: String, strict: Bool, dryRun: Bool = false, feed: (RecordSink<Demand>) throws -> Void
    ) throws -> ImportResult {
        try write(dryRun: dryRun) { db in
            try db.execute(sql: "INSERT INTO event(code) VALUES (?) ON CONFLICT(code) DO NOTHING", arguments: [event])
            let importID = try Self.beginImport(db, kind: "demands", file: file, event: event)
            let writer = try DemandWriter.Session(event: event, importID: importID, db: db)
            let sink = RecordSink<Demand> { demand in try writer.upsert(demand) }
            return try Self.finish(db, importID: importID, strict: strict, sink: sink, feed: feed)
        }
    }

    /// Imports solver profiles from one file in one transaction; see `importDemands`.
    package func importSolvers(
        file: String, strict: Bool, dryRun: Bool = false, feed: (RecordSink<SolverProfile>) throws -> Void
    ) throws -> ImportResult {
        try write(dryRun: dryRun) { db in
            let importID = try Self.beginImport(db, kind: "solvers", file: file, event: nil)
            let writer = try SolverWriter.Session(importID: importID, db: db)
            let sink = RecordSink<SolverProfile> { solver in try writer.upsert(solver) }
            return try Self.finish(db, importID: importID, strict: strict, sink: sink, feed: feed)
        }
    }

    /// Stores rejected rows of an import for fixing, with their cells and column order.
    static func keep(_ rejected: [Rejection], importID: Int64, db: Database) throws {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO rejected_row(import_id, file, sheet, row, column_name, value, reason, cells, column_order, reason_zh)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for rejection in rejected {
            let cells = String(decoding: try encoder.encode(rejection.cells), as: UTF8.self)
            let order = String(decoding: try encoder.encode(rejection.order), as: UTF8.self)
            try insert.execute(arguments: [
                importID, rejection.file, rejection.sheet, rejection.row, rejection.column, rejection.value,
                rejection.reason, cells, order, rejection.reasonZH,
            ])
        }
    }

    /// Marks the rejected rows named by `references` (`file | sheet | row`, from a download to fix) as resolved by
    /// `importID`: the row came back, fixed or rejected again under the new import with its current problem.
    static func resolve(_ references: [String], by importID: Int64, db: Database) throws {
        guard !references.isEmpty else { return }
        let update = try db.cachedStatement(
            sql: """
                UPDATE rejected_row SET resolved_by = ?
                WHERE resolved_by IS NULL AND import_id != ? AND file = ? AND coalesce(sheet, '') = ? AND row = ?
                """)
        for reference in Set(references) {
            guard let (file, sheet, row) = RowReference.parse(reference) else { continue }
            try update.execute(arguments: [importID, importID, file, sheet ?? "", row])
        }
    }

    private static func beginImport(_ db: Database, kind: String, file: String, event: String?) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO import(kind, file, event_code, status, imported, updated, unchanged, skipped, rejected)
                VALUES (?, ?, ?, 'imported', 0, 0, 0, 0, 0)
                """, arguments: [kind, file, event])
        return db.lastInsertedRowID
    }

    private static func finish<Record>(
        _ db: Database, importID: Int64, strict: Bool, sink: RecordSink<Record>,
        feed: (RecordSink<Record>) throws -> Void
    ) throws -> ImportResult {
        var refused = false
        try db.inSavepoint {
            try feed(sink)
            refused = strict && sink.rejectedCount > 0
            return refused ? .rollback : .commit
        }
        var counts = sink.counts
        if refused { counts = ImportCounts() }
        try Self.keep(sink.rejected, importID: importID, db: db)
        if !refused { try Self.resolve(sink.fixes, by: importID, db: db) }
        try db.execute(
            sql: """
                UPDATE import SET status = ?, imported = ?, updated = ?, unchanged = ?, skipped = ?, rejected = ?
                WHERE id = ?
                """,
            arguments: [
                refused ? "strict-rejected" : "imported", counts.imported, counts.updated, counts.unchanged,
                counts.skipped, sink.rejectedCount, importID,
            ])
        var warnings: [String] = []
        if sink.rejectedCount > sink.rejected.count {
            warnings.append(
                "\(sink.rejectedCount) rows were rejected; the first \(sink.rejected.count) are kept for fixing, the rest only counted"
            )
        }
        return ImportResult(
            importID: importID, counts: counts, rejected: sink.rejected, rejectedCount: sink.rejectedCount,
            strictRefused: refused, warnings: warnings)
    }
}
