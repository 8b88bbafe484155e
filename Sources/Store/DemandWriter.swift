import DuijieCore
import GRDB

/// Inserts or updates demands, matching by ref, else by enterprise + normalised title.
enum DemandWriter {
    static func fingerprint(_ d: Demand) -> Int64 {
        Fingerprint.of([
            d.ref, d.enterprise, d.county, d.field, d.title, d.description, d.goals, d.cooperationMode,
            d.budget.money.map { String($0.fen) }, d.budget == .negotiable ? "negotiable" : nil, d.contact, d.phone,
            d.deadline?.description, d.partner,
        ])
    }

    /// Writes demands of one event during one import.
    final class Session {
        private var index: RecordIndex
        private let event: String
        private let importID: Int64
        private let db: Database

        init(event: String, importID: Int64, db: Database) throws {
            self.event = event
            self.importID = importID
            self.db = db
            index = try RecordIndex(
                db, sql: "SELECT id, ref, natural_key, fingerprint FROM demand WHERE event_code = ? ORDER BY id",
                arguments: [event])
        }

        func upsert(_ incoming: Demand) throws -> UpsertOutcome {
            var demand = incoming
            let key = demand.naturalKey
            let existing = index.match(ref: demand.ref, key: key)
            // A sheet without refs never erases the ref an earlier sheet gave the same demand.
            if demand.ref == nil, let existing { demand.ref = existing.ref }
            let print = DemandWriter.fingerprint(demand)
            if let existing, existing.fingerprint == print { return .unchanged }
            var values: [SQLValue] = [
                .text(demand.ref), .text(key), .text(demand.enterprise), .text(demand.county), .text(demand.field),
                .text(demand.title), .text(demand.description), .text(demand.goals), .text(demand.cooperationMode),
                .integer(demand.budget.money?.fen), .bool(demand.budget == .negotiable), .text(demand.contact),
                .text(demand.phone), .text(demand.deadline?.description), .integer(print), .text(demand.source.file),
                .text(demand.source.sheet), .integer(Int64(demand.source.row)), .integer(importID), .text(demand.partner),
            ]
            if let existing {
                let update = try db.cachedStatement(
                    sql: """
                        UPDATE demand SET ref = ?, natural_key = ?, enterprise = ?, county = ?, field = ?, title = ?,
                        description = ?, goals = ?, cooperation_mode = ?, budget_fen = ?, budget_negotiable = ?,
                        contact = ?, phone = ?, deadline = ?, fingerprint = ?, source_file = ?, source_sheet = ?,
                        source_row = ?, import_id = ?, partner = ? WHERE id = ?
                        """)
                values.append(.integer(existing.id))
                try DirectStatement(statement: update, db: db).execute(values)
                index.remember(RecordIndex.Entry(id: existing.id, fingerprint: print, ref: demand.ref), key: key)
                return .updated
            }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO demand(ref, natural_key, enterprise, county, field, title, description, goals,
                    cooperation_mode, budget_fen, budget_negotiable, contact, phone, deadline, fingerprint, source_file,
                    source_sheet, source_row, import_id, partner, event_code)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            values.append(.text(event))
            try DirectStatement(statement: insert, db: db).execute(values)
            index.remember(RecordIndex.Entry(id: db.lastInsertedRowID, fingerprint: print, ref: demand.ref), key: key)
            return .inserted
        }
    }
}

/// Inserts or updates solver profiles, matching by ref, else by institution + normalised team name.
enum SolverWriter {
    static func directionsJSON(_ directions: [String]) -> String {
        "[" + directions.map(jsonString).joined(separator: ",") + "]"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Writes solver profiles during one import.
    final class Session {
        private var index: RecordIndex
        private let importID: Int64
        private let db: Database

        init(importID: Int64, db: Database) throws {
            self.importID = importID
            self.db = db
            index = try RecordIndex(
                db, sql: "SELECT id, ref, natural_key, fingerprint FROM solver ORDER BY id", arguments: [])
        }

        func upsert(_ incoming: SolverProfile) throws -> UpsertOutcome {
            var solver = incoming
            let key = solver.naturalKey
            let existing = index.match(ref: solver.ref, key: key)
            if solver.ref == nil, let existing { solver.ref = existing.ref }
            let directions = SolverWriter.directionsJSON(solver.directions)
            let print = Fingerprint.of([
                solver.ref, solver.name, solver.institution, solver.region, directions, solver.achievements,
                solver.contact, solver.phone,
            ])
            if let existing, existing.fingerprint == print { return .unchanged }
            var values: [SQLValue] = [
                .text(solver.ref), .text(key), .text(solver.name), .text(solver.institution), .text(solver.region),
                .text(directions), .text(solver.achievements), .text(solver.contact), .text(solver.phone), .integer(print),
                .text(solver.source.file), .text(solver.source.sheet), .integer(Int64(solver.source.row)),
                .integer(importID),
            ]
            if let existing {
                let update = try db.cachedStatement(
                    sql: """
                        UPDATE solver SET ref = ?, natural_key = ?, name = ?, institution = ?, region = ?, directions = ?,
                        achievements = ?, contact = ?, phone = ?, fingerprint = ?, source_file = ?, source_sheet = ?,
                        source_row = ?, import_id = ? WHERE id = ?
                        """)
                values.append(.integer(existing.id))
                try DirectStatement(statement: update, db: db).execute(values)
                index.remember(RecordIndex.Entry(id: existing.id, fingerprint: print, ref: solver.ref), key: key)
                return .updated
            }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO solver(ref, natural_key, name, institution, region, directions, achievements, contact,
                    phone, fingerprint, source_file, source_sheet, source_row, import_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            try DirectStatement(statement: insert, db: db).execute(values)
            index.remember(RecordIndex.Entry(id: db.lastInsertedRowID, fingerprint: print, ref: solver.ref), key: key)
            return .inserted
        }
    }
}
