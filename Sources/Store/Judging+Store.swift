import DuijieCore
import Foundation
import GRDB

/// A judge as stored: a row of `judge`, with the time the judge submitted their sheet (from `judge_submission`).
package struct StoredJudge: Sendable, Equatable, FetchableRecord {
    /// Row id.
    package var id: Int64
    /// Name.
    package var name: String
    /// Affiliation.
    package var affiliation: String?
    /// Institutions to avoid.
    package var avoid: [String]
    /// When the judge submitted (locked) their sheet, if they have.
    package var submittedAt: String?
    /// The groups (demand refs, titles or ids) the judge sits on; empty means every group.
    package var groups: [String] = []

    /// Reads a judge row joined with its submission; JSON columns that do not read back are `StoreError.corrupt`.
    package init(row: Row) throws {
        id = row["id"]
        name = row["name"]
        affiliation = row["affiliation"]
        avoid = try StoredJSON.decode([String].self, row["avoid"], table: "judge", row: row["id"], column: "avoid")
        submittedAt = row["submitted_at"]
        groups = try StoredJSON.decode([String].self, row["groups"], table: "judge", row: row["id"], column: "groups")
    }

    /// `SELECT` list and joins that read judges with their submissions.
    static let selection = "SELECT j.*, s.submitted_at FROM judge j LEFT JOIN judge_submission s ON s.judge_id = j.id"
}

/// One version of a judge's score for a team in a group: a row of the append-only `score_entry` log.
package struct StoredScore: Sendable, Equatable, FetchableRecord {
    /// Row id.
    package var id: Int64
    /// Judge id.
    package var judgeID: Int64
    /// Demand (group) id.
    package var demandID: Int64
    /// Team id.
    package var solverID: Int64
    /// Points per criterion in tenths (one element when only a total was given).
    package var points: [Int]
    /// Version, from 1.
    package var version: Int
    /// Why this version replaced the previous one.
    package var reason: String?
    /// Why the entry does not count, when it is conflicted.
    package var conflict: String?
    /// Where it came from (file and row, or "entered").
    package var source: String?
    /// When it was written.
    package var createdAt: String

    /// Reads a `score_entry` row; points that are not a JSON array of integers are `StoreError.corrupt`.
    package init(row: Row) throws {
        id = row["id"]
        judgeID = row["judge_id"]
        demandID = row["demand_id"]
        solverID = row["solver_id"]
        points = try StoredJSON.decode([Int].self, row["points"], table: "score_entry", row: row["id"], column: "points")
        version = row["version"]
        reason = row["reason"]
        conflict = row["conflict"]
        source = row["source"]
        createdAt = row["created_at"]
    }
}

/// A score to append.
package struct NewScore: Sendable {
    /// Judge id.
    package var judgeID: Int64
    /// Demand id.
    package var demandID: Int64
    /// Team id.
    package var solverID: Int64
    /// Points in tenths.
    package var points: [Int]
    /// Reason for a correction.
    package var reason: String?
    /// Conflict reason, when the entry must not count.
    package var conflict: String?
    /// Source.
    package var source: String?

    /// Creates a score to append.
    package init(
        judgeID: Int64, demandID: Int64, solverID: Int64, points: [Int], reason: String?, conflict: String?, source: String?
    ) {
        self.judgeID = judgeID
        self.demandID = demandID
        self.solverID = solverID
        self.points = points
        self.reason = reason
        self.conflict = conflict
        self.source = source
    }
}

extension DuijieStore {
    /// Judges of an event.
    package func judges(event: String) throws -> [StoredJudge] {
        try pool.read { db in
            try StoredJudge.fetchAll(
                db, sql: StoredJudge.selection + " WHERE j.event_code = ? ORDER BY j.id", arguments: [event])
        }
    }

    /// Every version of every score of an event, oldest first.
    package func scores(event: String) throws -> [StoredScore] {
        try pool.read { db in
            try StoredScore.fetchAll(db, sql: "SELECT * FROM score_entry WHERE event_code = ? ORDER BY id", arguments: [event])
        }
    }

    /// The (group, team) pairs an event's scores name, each once, in the order they were first scored.
    package func scoredPairs(event: String) throws -> [(demandID: Int64, solverID: Int64)] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT demand_id, solver_id FROM score_entry WHERE event_code = ?
                    GROUP BY demand_id, solver_id ORDER BY min(id)
                    """, arguments: [event]
            ).map { ($0["demand_id"], $0["solver_id"]) }
        }
    }

    /// Every version of every score one judge entered, oldest first.
    package func scores(judgeID: Int64) throws -> [StoredScore] {
        try pool.read { db in
            try StoredScore.fetchAll(db, sql: "SELECT * FROM score_entry WHERE judge_id = ? ORDER BY id", arguments: [judgeID])
        }
    }

    /// Every version of one judge's score for one team, oldest first (the score log's unique index).
    package func scores(judgeID: Int64, solverID: Int64) throws -> [StoredScore] {
        try pool.read { db in
            try StoredScore.fetchAll(
                db, sql: "SELECT * FROM score_entry WHERE judge_id = ? AND solver_id = ? ORDER BY id",
                arguments: [judgeID, solverID])
        }
    }

    /// Everything a score save needs, in one read transaction of point queries (never a whole table): the judge (by
    /// link or by name), the event's rules, and the demand and team the references pick (`RecordReference`). Nil
    /// when the link is unknown or revoked, or no judge of the event has that name.
    package func scoreSaveFacts(_ judge: ScoringJudge, demand: String, team: String) throws -> ScoreSaveFacts? {
        try pool.read { db in
            let found: (StoredJudge, String)?
            switch judge {
            case .link(let token):
                found = try Self.judge(db, token: token)
            case .named(let event, let name):
                found = try Self.judge(db, event: event, name: name).map { ($0, event) }
            }
            guard let (stored, event) = found else { return nil }
            let rules = try Row.fetchOne(
                db, sql: "SELECT rules, method FROM judging_rules WHERE event_code = ?", arguments: [event]
            ).map { (rules: $0["rules"] as String, method: $0["method"] as String) }
            let picked = try Self.findDemand(db, RecordReference.lookups(demand), event: event)
            let declared = try picked.map { try Self.pitchGroup(db, event: event, demandID: $0.id) } ?? []
            return ScoreSaveFacts(
                event: event, judge: stored, rules: rules, demand: picked,
                solver: try Self.findSolver(db, RecordReference.lookups(team)), group: declared.isEmpty ? nil : declared)
        }
    }

    /// The judge a live link belongs to, and the link's event: one indexed join.
    static func judge(_ db: Database, token: String) throws -> (StoredJudge, String)? {
        guard token.count == 32, token.allSatisfy({ $0.isHexDigit }) else { return nil }
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT j.*, s.submitted_at, l.event_code AS link_event FROM judge_link l JOIN judge j ON j.id = l.judge_id
                LEFT JOIN judge_submission s ON s.judge_id = j.id WHERE l.token = ? AND l.revoked_at IS NULL
                """,
            arguments: [token])
        guard let row else { return nil }
        return (try StoredJudge(row: row), row["link_event"])
    }

    /// A judge of `event` by name as score sheets and organizers write it (`TextNormalizer.personName`): the exact
    /// name through the (event, name) index, else the event's panel (tens of rows) compared by the normalised name.
    static func judge(_ db: Database, event: String, name: String) throws -> StoredJudge? {
        if let exact = try StoredJudge.fetchOne(
            db, sql: StoredJudge.selection + " WHERE j.event_code = ? AND j.name = ?", arguments: [event, name])
        {
            return exact
        }
        let wanted = TextNormalizer.personName(name)
        return try StoredJudge.fetchAll(db, sql: StoredJudge.selection + " WHERE j.event_code = ?", arguments: [event])
            .first { TextNormalizer.personName($0.name) == wanted }
    }

    /// Appends one score unless `decide` says otherwise, in one write transaction: it reads the latest version and
    /// whether the judge has submitted (the facts the entry rule needs), asks `decide`, then inserts. Returns whether
    /// a version was appended.
    package func appendScore(
        _ score: NewScore, event: String, decide: (_ latest: [Int]?, _ submitted: Bool) throws -> Bool
    ) throws -> Bool {
        try pool.write { db in
            let writer = JudgingWriter(db: db, event: event)
            let latest = try writer.latest(judgeID: score.judgeID, demandID: score.demandID, solverID: score.solverID)
            guard try decide(latest?.points, try writer.isSubmitted(judgeID: score.judgeID)) else { return false }
            try writer.insert(score, version: (latest?.version ?? 0) + 1)
            return true
        }
    }

    /// The final's pitch groups in order: each demand with its teams in pitching order.
    package func pitchGroups(event: String) throws -> [(demandID: Int64, solverIDs: [Int64])] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT demand_id, solver_id FROM pitch_slot WHERE event_code = ? ORDER BY group_position, position",
                arguments: [event])
            var groups: [(demandID: Int64, solverIDs: [Int64])] = []
            for row in rows {
                let demand: Int64 = row["demand_id"]
                if groups.last?.demandID == demand {
                    groups[groups.count - 1].solverIDs.append(row["solver_id"])
                } else {
                    groups.append((demand, [row["solver_id"]]))
                }
            }
            return groups
        }
    }

    /// The teams pitching on one demand, in pitching order.
    static func pitchGroup(_ db: Database, event: String, demandID: Int64) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT solver_id FROM pitch_slot WHERE event_code = ? AND demand_id = ? ORDER BY position",
            arguments: [event, demandID])
    }

    /// The teams taken out of a group after they were scored, with the organizers' reasons.
    package func pitchRemovals(event: String) throws -> [(groupID: Int64, teamID: Int64, reason: String)] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT demand_id, solver_id, reason FROM pitch_removal WHERE event_code = ? ORDER BY removed_at",
                arguments: [event]
            ).map { (groupID: $0["demand_id"], teamID: $0["solver_id"], reason: $0["reason"]) }
        }
    }

    /// The event's name, date and place.
    package func eventDetails(event: String) throws -> (name: String?, date: String?, place: String?) {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT name, event_date, place FROM event WHERE code = ?", arguments: [event])
            return (row?["name"], row?["event_date"], row?["place"])
        }
    }

    /// The judging rules and method of an event, as JSON, if set.
    package func judgingRules(event: String) throws -> (rules: String, method: String)? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT rules, method FROM judging_rules WHERE event_code = ?", arguments: [event])
                .map { (rules: $0["rules"], method: $0["method"]) }
        }
    }

    /// Writes judges, scores and submissions of one import or entry in one transaction; `body` gets a writer.
    package func judgingTransaction<T>(event: String, dryRun: Bool = false, _ body: (JudgingWriter) throws -> T) throws -> T {
        try write(dryRun: dryRun) { db in
            try db.execute(sql: "INSERT INTO event(code) VALUES (?) ON CONFLICT(code) DO NOTHING", arguments: [event])
            return try body(JudgingWriter(db: db, event: event))
        }
    }
}

/// Writes judging records inside a transaction opened by `judgingTransaction`.
package struct JudgingWriter {
    let db: Database
    let event: String

    /// Adds or updates a judge; returns the id.
    package func upsertJudge(name: String, affiliation: String?, avoid: [String], groups: [String]? = nil) throws -> Int64 {
        let json = String(decoding: try JSONEncoder().encode(avoid), as: UTF8.self)
        let groupsJSON = String(decoding: try JSONEncoder().encode(groups ?? []), as: UTF8.self)
        // Without `groups` (a score sheet naming a judge) the judge's groups stay as they were.
        try db.execute(
            sql: """
                INSERT INTO judge(event_code, name, affiliation, avoid, groups) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(event_code, name) DO UPDATE SET affiliation = excluded.affiliation, avoid = excluded.avoid,
                    groups = CASE WHEN ? THEN excluded.groups ELSE judge.groups END
                """, arguments: [event, name, affiliation, json, groupsJSON, groups != nil])
        return try Int64.fetchOne(db, sql: "SELECT id FROM judge WHERE event_code = ? AND name = ?", arguments: [event, name])!
    }

    /// Sets the event's name, date (ISO) and place; nil keeps the current value.
    package func setEventDetails(name: String?, date: String?, place: String?) throws {
        try db.execute(
            sql: """
                UPDATE event SET name = coalesce(?, name), event_date = coalesce(?, event_date), place = coalesce(?, place)
                WHERE code = ?
                """, arguments: [name, date, place, event])
    }

    /// The teams pitching on a demand now, in pitching order.
    package func pitchGroup(demandID: Int64) throws -> [Int64] {
        try DuijieStore.pitchGroup(db, event: event, demandID: demandID)
    }

    /// The teams with any score on a demand in the log.
    package func scoredTeams(demandID: Int64) throws -> Set<Int64> {
        Set(
            try Int64.fetchAll(
                db, sql: "SELECT DISTINCT solver_id FROM score_entry WHERE event_code = ? AND demand_id = ?",
                arguments: [event, demandID]))
    }

    /// Records why scored teams were taken out of a demand's group.
    package func recordRemovals(demandID: Int64, solverIDs: [Int64], reason: String) throws {
        for solverID in solverIDs {
            try db.execute(
                sql: """
                    INSERT INTO pitch_removal(event_code, demand_id, solver_id, reason) VALUES (?, ?, ?, ?)
                    ON CONFLICT(event_code, demand_id, solver_id) DO UPDATE SET reason = excluded.reason,
                        removed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                    """, arguments: [event, demandID, solverID, reason])
        }
    }

    /// Replaces the teams pitching on a demand, in pitching order; the group keeps its place or goes last. A team
    /// put back loses its removal record.
    package func setPitchGroup(demandID: Int64, solverIDs: [Int64]) throws {
        for solverID in solverIDs {
            try db.execute(
                sql: "DELETE FROM pitch_removal WHERE event_code = ? AND demand_id = ? AND solver_id = ?",
                arguments: [event, demandID, solverID])
        }
        let existing = try Int.fetchOne(
            db, sql: "SELECT group_position FROM pitch_slot WHERE event_code = ? AND demand_id = ? LIMIT 1",
            arguments: [event, demandID])
        let last = try Int.fetchOne(
            db, sql: "SELECT max(group_position) FROM pitch_slot WHERE event_code = ?", arguments: [event])
        let position = existing ?? ((last ?? 0) + 1)
        try db.execute(sql: "DELETE FROM pitch_slot WHERE event_code = ? AND demand_id = ?", arguments: [event, demandID])
        for (order, solverID) in solverIDs.enumerated() {
            try db.execute(
                sql: "INSERT INTO pitch_slot(event_code, demand_id, solver_id, group_position, position) VALUES (?, ?, ?, ?, ?)",
                arguments: [event, demandID, solverID, position, order + 1])
        }
    }

    /// Sets the event's judging rules and method.
    package func setRules(_ rules: String, method: String) throws {
        try db.execute(
            sql: """
                INSERT INTO judging_rules(event_code, rules, method) VALUES (?, ?, ?)
                ON CONFLICT(event_code) DO UPDATE SET rules = excluded.rules, method = excluded.method
                """, arguments: [event, rules, method])
    }

    /// The latest version of a score, if any.
    package func latest(judgeID: Int64, demandID: Int64, solverID: Int64) throws -> (version: Int, points: [Int])? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT version, points FROM score_entry WHERE judge_id = ? AND demand_id = ? AND solver_id = ?
                ORDER BY version DESC LIMIT 1
                """, arguments: [judgeID, demandID, solverID]
        ).map { row in
            (
                row["version"],
                try StoredJSON.decode([Int].self, row["points"], table: "score_entry", row: row["id"], column: "points")
            )
        }
    }

    /// Whether the judge has submitted (locked) their sheet.
    package func isSubmitted(judgeID: Int64) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM judge_submission WHERE judge_id = ?", arguments: [judgeID]) ?? 0 > 0
    }

    /// Locks a judge's sheet.
    package func submit(judgeID: Int64) throws {
        try db.execute(sql: "INSERT INTO judge_submission(judge_id) VALUES (?) ON CONFLICT DO NOTHING", arguments: [judgeID])
    }

    /// Appends a new version of a score; returns its version.
    @discardableResult
    package func append(_ score: NewScore) throws -> Int {
        let version = (try latest(judgeID: score.judgeID, demandID: score.demandID, solverID: score.solverID)?.version ?? 0) + 1
        try insert(score, version: version)
        return version
    }

    /// Inserts a score as `version` (a `ScoreEntryRecord`).
    func insert(_ score: NewScore, version: Int) throws {
        try ScoreEntryRecord(score, event: event, version: version).insert(db)
    }
}

extension DuijieStore {
    /// The judge (and event) a link's token belongs to, unless the link was revoked.
    package func judge(forToken token: String) throws -> (judge: StoredJudge, event: String)? {
        try pool.read { db in try Self.judge(db, token: token).map { (judge: $0.0, event: $0.1) } }
    }

    /// Every judge of the event with a live link, creating missing links (128 random bits, hex).
    package func judgeLinks(event: String) throws -> [(judge: String, token: String)] {
        let panel = try judges(event: event)
        return try pool.write { db in
            var result: [(String, String)] = []
            for judge in panel {
                if let token = try String.fetchOne(
                    db, sql: "SELECT token FROM judge_link WHERE judge_id = ? AND revoked_at IS NULL", arguments: [judge.id])
                {
                    result.append((judge.name, token))
                    continue
                }
                let token = RandomToken.make()
                try db.execute(
                    sql: "INSERT INTO judge_link(token, judge_id, event_code) VALUES (?, ?, ?)",
                    arguments: [token, judge.id, event])
                result.append((judge.name, token))
            }
            return result
        }
    }

    /// Revokes a judge's links; returns how many.
    @discardableResult
    package func revokeJudgeLinks(event: String, judge: String) throws -> Int {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE judge_link SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                    WHERE revoked_at IS NULL AND event_code = ? AND judge_id IN (SELECT id FROM judge WHERE event_code = ? AND name = ?)
                    """, arguments: [event, event, judge])
            return db.changesCount
        }
    }
}

/// Who is saving a score: a judge through their link, or an organizer naming the judge.
package enum ScoringJudge: Sendable {
    /// The judge's link token.
    case link(String)
    /// A judge of the event by name.
    case named(event: String, name: String)
}

/// What a score save needs, read at once (`DuijieStore.scoreSaveFacts`).
package struct ScoreSaveFacts: Sendable {
    /// The event.
    package var event: String
    /// The judge.
    package var judge: StoredJudge
    /// The event's rules and method as stored (JSON, method name), when set.
    package var rules: (rules: String, method: String)?
    /// The demand (group) the reference picks, if any.
    package var demand: StoredDemand?
    /// The team the reference picks, if any.
    package var solver: StoredSolver?
    /// The demand's declared group (team ids); nil when it has none.
    package var group: [Int64]?
}

/// A new row of the append-only score log, written through GRDB's record API (the points as a JSON column).
struct ScoreEntryRecord: Encodable, PersistableRecord {
    static let databaseTableName = "score_entry"
    var eventCode: String
    var judgeID: Int64
    var demandID: Int64
    var solverID: Int64
    var points: [Int]
    var totalTenths: Int
    var version: Int
    var reason: String?
    var conflict: String?
    var source: String?

    enum CodingKeys: String, CodingKey {
        case eventCode = "event_code"
        case judgeID = "judge_id"
        case demandID = "demand_id"
        case solverID = "solver_id"
        case points
        case totalTenths = "total_tenths"
        case version, reason, conflict, source
    }

    init(_ score: NewScore, event: String, version: Int) {
        eventCode = event
        judgeID = score.judgeID
        demandID = score.demandID
        solverID = score.solverID
        points = score.points
        totalTenths = score.points.reduce(0, +)
        self.version = version
        reason = score.reason
        conflict = score.conflict
        source = score.source
    }
}
