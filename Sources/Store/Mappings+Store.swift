import DuijieCore
import Foundation
import GRDB

/// A column mapping as stored: the kind of sheet, the header signature it is remembered under, the mapping as JSON
/// (header → field, and the header row), who saved it and when.
package struct StoredMapping: Sendable, Equatable, FetchableRecord {
    package var kind: String
    package var signature: String
    /// `{"fields": {header: field}, "headerRow": n}` as saved.
    package var json: String
    package var savedBy: String
    package var savedAt: String

    package init(row: Row) {
        kind = row["kind"]
        signature = row["signature"]
        json = row["mapping"]
        savedBy = row["saved_by"]
        savedAt = row["saved_at"]
    }
}

extension DuijieStore {
    /// Saves (or replaces) the mapping of `kind` sheets whose header has `signature`.
    package func saveMapping(kind: String, signature: String, json: String, savedBy: String) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO column_mapping(kind, signature, mapping, saved_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT(kind, signature) DO UPDATE SET mapping = excluded.mapping, saved_by = excluded.saved_by,
                        saved_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                    """, arguments: [kind, signature, json, savedBy])
        }
    }

    /// The saved mappings, of one kind or all, by kind then signature.
    package func mappings(kind: String? = nil) throws -> [StoredMapping] {
        try pool.read { db in
            try StoredMapping.fetchAll(
                db,
                sql: "SELECT * FROM column_mapping WHERE ?1 IS NULL OR kind = ?1 ORDER BY kind, signature",
                arguments: [kind])
        }
    }

    /// Removes a saved mapping; false when there was none.
    package func removeMapping(kind: String, signature: String) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM column_mapping WHERE kind = ? AND signature = ?", arguments: [kind, signature])
            return db.changesCount > 0
        }
    }
}
