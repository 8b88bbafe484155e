import DuijieCore
import GRDB

/// Inserts or updates demands, matching by ref, else by enterprise + normalised title.
enum DemandWriter {
    static func fingerprint(_ d: Demand) -> Int64 {
        Fingerprint.of([
            d.ref, d.enterprise, d.county, d.field, d.title, d.description, d.goals, d.cooperationMode,
            d.budget.money.map { String($0.fen) }, d.budget == .negotiable ? "negotiable" : nil, d.contact, d.phone,
            d.deadline?.description,
        ])
    }

    static func upsert(_ incoming: Demand, event: String, importID: Int64, db: Database) throws -> UpsertOutcome {
        var demand = incoming
        let key = demand.naturalKey
        var existing: (id: Int64, fingerprint: Int64)?
        if let ref = demand.ref {
            let byRef = try db.cachedStatement(sql: "SELECT id, fingerprint FROM demand WHERE event_code = ? AND ref = ?")
            if let row = try Row.fetchOne(byRef, arguments: [event, ref]) { existing = (row[0], row[1]) }
        }
        if existing == nil {
            let sql =
                demand.ref == nil
                ? "SELECT id, fingerprint, ref FROM demand WHERE event_code = ? AND natural_key = ? ORDER BY id LIMIT 1"
                : "SELECT id, fingerprint, ref FROM demand WHERE event_code = ? AND natural_key = ? AND ref IS NULL ORDER BY id LIMIT 1"
            if let row = try Row.fetchOne(try db.cachedStatement(sql: sql), arguments: [event, key]) {
                existing = (row[0], row[1])
                // A sheet without refs never erases the ref an earlier sheet gave the same demand.
                if demand.ref == nil { demand.ref = row[2] }
            }
        }
        let print = fingerprint(demand)
        if let existing, existing.fingerprint == print { return .unchanged }
        let values: StatementArguments = [
            demand.ref, key, demand.enterprise, demand.county, demand.field, demand.title, demand.description,
            demand.goals, demand.cooperationMode, demand.budget.money?.fen, demand.budget == .negotiable,
            demand.contact, demand.phone, demand.deadline?.description, print, demand.source.file, demand.source.sheet,
            demand.source.row, importID,
        ]
        if let existing {
            let update = try db.cachedStatement(
                sql: """
                    UPDATE demand SET ref = ?, natural_key = ?, enterprise = ?, county = ?, field = ?, title = ?,
                    description = ?, goals = ?, cooperation_mode = ?, budget_fen = ?, budget_negotiable = ?, contact = ?,
                    phone = ?, deadline = ?, fingerprint = ?, source_file = ?, source_sheet = ?, source_row = ?, import_id = ?
                    WHERE id = ?
                    """)
            try update.execute(arguments: values + [existing.id])
            return .updated
        }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO demand(ref, natural_key, enterprise, county, field, title, description, goals, cooperation_mode,
                budget_fen, budget_negotiable, contact, phone, deadline, fingerprint, source_file, source_sheet, source_row,
                import_id, event_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try insert.execute(arguments: values + [event])
        return .inserted
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

    static func upsert(_ incoming: SolverProfile, importID: Int64, db: Database) throws -> UpsertOutcome {
        var solver = incoming
        let key = solver.naturalKey
        var existing: (id: Int64, fingerprint: Int64)?
        if let ref = solver.ref {
            let byRef = try db.cachedStatement(sql: "SELECT id, fingerprint FROM solver WHERE ref = ?")
            if let row = try Row.fetchOne(byRef, arguments: [ref]) { existing = (row[0], row[1]) }
        }
        if existing == nil {
            let sql =
                solver.ref == nil
                ? "SELECT id, fingerprint, ref FROM solver WHERE natural_key = ? ORDER BY id LIMIT 1"
                : "SELECT id, fingerprint, ref FROM solver WHERE natural_key = ? AND ref IS NULL ORDER BY id LIMIT 1"
            if let row = try Row.fetchOne(try db.cachedStatement(sql: sql), arguments: [key]) {
                existing = (row[0], row[1])
                if solver.ref == nil { solver.ref = row[2] }
            }
        }
        let directions = directionsJSON(solver.directions)
        let print = Fingerprint.of([
            solver.ref, solver.name, solver.institution, solver.region, directions, solver.achievements, solver.contact,
            solver.phone,
        ])
        if let existing, existing.fingerprint == print { return .unchanged }
        let values: StatementArguments = [
            solver.ref, key, solver.name, solver.institution, solver.region, directions, solver.achievements,
            solver.contact, solver.phone, print, solver.source.file, solver.source.sheet, solver.source.row, importID,
        ]
        if let existing {
            let update = try db.cachedStatement(
                sql: """
                    UPDATE solver SET ref = ?, natural_key = ?, name = ?, institution = ?, region = ?, directions = ?,
                    achievements = ?, contact = ?, phone = ?, fingerprint = ?, source_file = ?, source_sheet = ?,
                    source_row = ?, import_id = ? WHERE id = ?
                    """)
            try update.execute(arguments: values + [existing.id])
            return .updated
        }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO solver(ref, natural_key, name, institution, region, directions, achievements, contact, phone,
                fingerprint, source_file, source_sheet, source_row, import_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try insert.execute(arguments: values)
        return .inserted
    }
}
