import DuijieCore
import Foundation
import Ingestion
import Judging
import Sheets
import Store

/// A score sheet that cannot be imported: every problem found, each with file, sheet, row, column and value.
public struct JudgeImportError: ClassifiedError {
    /// The problems, in sheet order.
    public var problems: [JudgingError]

    /// A sheet that cannot be used as it is.
    public var kind: FailureKind { .unusable }

    /// One line per problem.
    public var description: String {
        "the score sheet was not imported (\(problems.count) problem(s)); nothing was written:\n"
            + problems.prefix(50).map { "  " + $0.description }.joined(separator: "\n")
    }
}

/// An entry that does not count, and why.
public struct ExcludedDTO: Encodable, Sendable, Equatable {
    /// Judge name.
    public var judge: String
    /// Team ref or id.
    public var team: String
    /// Why, in English.
    public var reason: String
    /// Why, in Chinese (JSON `reason_zh`).
    public var reasonZH: String

    enum CodingKeys: String, CodingKey {
        case judge, team, reason
        case reasonZH = "reason_zh"
    }

    /// An exclusion with its reason from the catalogue.
    public init(judge: String, team: String, message: Message) {
        self.judge = judge
        self.team = team
        reason = message.description
        reasonZH = message.chinese
    }

    /// The reason in a page's language.
    public func reason(_ language: Language) -> String { language == .chinese ? reasonZH : reason }
}

/// What `judge import` did.
public struct JudgeImportDTO: Encodable, Sendable {
    /// New scores.
    public var imported = 0
    /// Scores identical to the latest version.
    public var unchanged = 0
    /// Scores that replaced an earlier version (kept as a new version with a reason).
    public var corrected = 0
    /// Judges added or updated from the judges file.
    public var judges = 0
    /// Conflicted entries: stored, never counted.
    public var excluded: [ExcludedDTO] = []
    /// Cells that say a judge did not score a team (`回避`): no score, a declared conflict.
    public var declaredConflicts: [ExcludedDTO] = []
    /// Things to check: the office's own final scores that differ from Duijie's, columns not read.
    public var warnings: [String] = []
    /// Rows skipped (totals, notes, sign-off lines).
    public var skipped = 0
    /// How each sheet was read, when asked (`--explain`).
    public var explain: ExplainDTO?
    /// True for a preview (`judge import --preview`): the counts are what the import would do; nothing was stored.
    public var preview: Bool?

    enum CodingKeys: String, CodingKey {
        case imported, unchanged, corrected, judges, excluded, warnings, skipped, explain, preview
        case declaredConflicts = "declared_conflicts"
    }

    /// An empty summary.
    public init() {}

    /// Adds another file's summary to this one.
    public mutating func add(_ other: JudgeImportDTO) {
        imported += other.imported
        unchanged += other.unchanged
        corrected += other.corrected
        judges += other.judges
        excluded += other.excluded
        declaredConflicts += other.declaredConflicts
        warnings += other.warnings
        skipped += other.skipped
        if let files = other.explain?.files { explain = ExplainDTO(files: (explain?.files ?? []) + files) }
    }
}

/// The published results.
public struct JudgeResultsDTO: Encodable, Sendable {
    /// One team's line.
    public struct Line: Encodable, Sendable {
        /// Team ref or id.
        public var team: String
        /// Team name.
        public var name: String
        /// Score, 2 decimals, rounded half-up.
        public var score: String
        /// Judges whose entries count.
        public var validJudges: Int
        /// Award, if any.
        public var award: String?
        /// Still tied after the tie-breaks.
        public var tied: Bool
        /// Each valid judge's total.
        public var judges: [String: String]

        enum CodingKeys: String, CodingKey {
            case team, name, score, award, tied, judges
            case validJudges = "valid_judges"
        }

        /// Encodes every key, `award` as null when none.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(team, forKey: .team)
            try c.encode(name, forKey: .name)
            try c.encode(score, forKey: .score)
            try c.encode(validJudges, forKey: .validJudges)
            try c.encode(award, forKey: .award)
            try c.encode(tied, forKey: .tied)
            try c.encode(judges, forKey: .judges)
        }
    }

    /// One group.
    public struct Group: Encodable, Sendable {
        /// Demand ref or id.
        public var demand: String
        /// Demand title.
        public var title: String
        /// Best first.
        public var ranking: [Line]
    }

    /// Which judge has not yet scored which team.
    public struct Missing: Encodable, Sendable {
        /// Judge.
        public var judge: String
        /// Demand ref or id.
        public var demand: String
        /// Team ref or id.
        public var team: String
    }

    /// The method.
    public var method: String
    /// The method in one sentence, printed with every result.
    public var rule: String
    /// Groups.
    public var groups: [Group]
    /// Entries that do not count.
    public var excluded: [ExcludedDTO]
    /// Entries not yet in.
    public var missing: [Missing]
}

/// The use cases behind `duijie judge …`.
public struct JudgeService: Sendable {
    let store: DuijieStore

    /// Creates the service over a store.
    public init(database: EventDatabase) { self.init(store: database.store) }

    package init(store: DuijieStore) { self.store = store }

    /// The rules of an event (the standard ones until set) and its default method.
    public func rules(event: String) throws -> (JudgingRules, AggregationMethod) {
        try Self.decodeRules(try store.judgingRules(event: event), event: event)
    }

    /// An event's stored rules and method, or the standard rules when none are set; stored rules that do not read
    /// back are `StoreError.corrupt`, never silently the standard ones.
    static func decodeRules(_ stored: (rules: String, method: String)?, event: String) throws -> (
        JudgingRules, AggregationMethod
    ) {
        guard let stored else { return (.standard, .trimmed) }
        let rules: JudgingRules
        do {
            rules = try JSONDecoder().decode(JudgingRules.self, from: Data(stored.rules.utf8))
        } catch {
            throw StoreError.corrupt(table: "judging_rules", row: nil, column: "rules of event \(event)")
        }
        guard let method = AggregationMethod(rawValue: stored.method) else {
            throw StoreError.corrupt(table: "judging_rules", row: nil, column: "method of event \(event)")
        }
        return (rules, method)
    }

    /// Sets an event's judging rules and default method (criteria `技术先进性:30,…`, step 0.5 or 0.1, tiers
    /// `优胜奖:1:group,优秀奖::overall`); what is not given keeps its current value.
    public func setup(
        event: String, criteria: String?, step: String?, tiers: String?, method: AggregationMethod?, name: String? = nil,
        date: String? = nil, place: String? = nil
    ) throws -> JudgingRules {
        // A date that cannot be read is its own error ("cannot read … as a date"), bad input.
        let isoDate = try date.flatMap { try DateParser.parse($0) }?.description
        let (loaded, current) = try rules(event: event)
        var rules = loaded
        if let criteria { rules.criteria = try JudgingRules.parseCriteria(criteria) }
        if let step { rules.stepTenths = try JudgingRules.parseStep(step) }
        if let tiers { rules.tiers = try JudgingRules.parseTiers(tiers) }
        let chosen = method ?? current
        let json = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        try store.judgingTransaction(event: event) { writer in
            try writer.setRules(json, method: chosen.rawValue)
            try writer.setEventDetails(name: name, date: isoDate, place: place)
        }
        return rules
    }

    /// Sets the teams pitching on a demand, in order (refs, names or ids), replacing the group's earlier list.
    /// Taking out a team that already has scores needs `reason` (`PitchGroupRule`): its scores stay in the log and
    /// count as void, with the reason, in the results.
    public func setGroup(event: String, demand: String, teams: [String], reason: String? = nil) throws {
        guard let demandRecord = try store.demand(demand, event: event) else {
            throw JudgingError(column: "需求", value: demand, reason: .unknownDemand)
        }
        var ids: [Int64] = []
        for team in teams {
            guard let solver = try store.solver(team) else {
                throw JudgingError(column: "团队", value: team, reason: .unknownTeam)
            }
            if !ids.contains(solver.id) { ids.append(solver.id) }
        }
        let labels = try teamLabels(event: event)
        try store.judgingTransaction(event: event) { writer in
            try Self.replaceGroup(writer, demandID: demandRecord.id, teams: ids, reason: reason, labels: labels)
        }
    }

    /// Replaces one group inside a transaction, refusing (or recording, with a reason) the removal of scored teams.
    private static func replaceGroup(
        _ writer: JudgingWriter, demandID: Int64, teams: [Int64], reason: String?, labels: [Int64: String]
    ) throws {
        let removed = try PitchGroupRule.removedScored(
            current: try writer.pitchGroup(demandID: demandID), new: teams, scored: try writer.scoredTeams(demandID: demandID),
            reason: reason, names: { labels[$0] ?? String($0) })
        try writer.setPitchGroup(demandID: demandID, solverIDs: teams)
        if let reason, !removed.isEmpty { try writer.recordRemovals(demandID: demandID, solverIDs: removed, reason: reason) }
    }

    /// How people call the teams that have scores or pitch in `event` (code and name), by id.
    private func teamLabels(event: String) throws -> [Int64: String] {
        let ids = Set(try store.scores(event: event).map(\.solverID) + store.pitchGroups(event: event).flatMap(\.solverIDs))
        return Dictionary(
            uniqueKeysWithValues: try store.solvers(ids: Array(ids)).map {
                ($0.id, ($0.solver.ref.map { $0 + " " } ?? "") + $0.solver.name)
            })
    }

    /// Sets every pitch group from an assignment run (its teams in the order the run lists them); taking out scored
    /// teams needs `reason`, as for `setGroup`.
    public func setGroups(event: String, fromRun run: Int64, reason: String? = nil) throws -> Int {
        let pairs = try store.assignment(run: run).pairs
        var order: [Int64] = []
        var teams: [Int64: [Int64]] = [:]
        for pair in pairs {
            if teams[pair.demandID] == nil { order.append(pair.demandID) }
            teams[pair.demandID, default: []].append(pair.solverID)
        }
        let labels = try teamLabels(event: event)
        try store.judgingTransaction(event: event) { writer in
            for demand in order {
                try Self.replaceGroup(writer, demandID: demand, teams: teams[demand] ?? [], reason: reason, labels: labels)
            }
        }
        return order.count
    }

    /// Imports a judges file (optional) and a score sheet in one transaction; any problem refuses the whole import.
    public func importScores(file: URL, judgesFile: URL?, event: String, explain: Bool = false) throws -> JudgeImportDTO {
        try importScores(ImportFile(url: file), judgesFile: judgesFile.map(ImportFile.init(url:)), event: event, explain: explain)
    }

    /// Imports a score sheet (and a judges file) held on disk or in memory; any problem refuses the whole import.
    /// The office's own 最后得分/名次 columns are compared with Duijie's results and differences are warned about.
    ///
    /// `preview` does everything in a transaction that is rolled back: the counts are the import's, nothing is stored,
    /// and how each sheet was read is included.
    public func importScores(
        _ file: ImportFile, judgesFile: ImportFile?, event: String, explain: Bool = false, limits: ImportLimits? = nil,
        preview: Bool = false, mapping: ColumnMapping = ColumnMapping(), saveMapping: Bool = false, savedBy: String = "cli"
    ) throws -> JudgeImportDTO {
        let explain = explain || preview
        let mappings = MappingService(store: store)
        let (rules, method) = try rules(event: event)
        let panelRead = try judgesFile.map {
            try JudgeSheets.readPanel($0, limits: limits, saved: try mappings.saved(kind: .judges))
        }
        let panelFile = panelRead?.entries ?? []
        let demands = try store.demands(event: event)
        let solvers = try store.solvers()
        var known: [String: Judge] = [:]
        var sits: [String: [String]] = [:]
        for judge in try store.judges(event: event) {
            let name = TextNormalizer.personName(judge.name)
            known[name] = Judge(name: judge.name, affiliation: judge.affiliation, avoid: judge.avoid)
            sits[name] = judge.groups
        }
        for member in panelFile {
            known[member.name] = Judge(name: member.name, affiliation: member.affiliation, avoid: member.avoid)
            if let groups = member.groups { sits[member.name] = groups }
        }
        let content = try JudgeSheets.readScores(
            file, rules: rules, panel: known, demands: demands, solvers: solvers, limits: limits, mapping: mapping,
            saved: try mappings.saved(kind: .scores))
        let rows = content.rows
        // A judge scores only the groups they sit on.
        let strays = rows.filter { !JudgeService.sits(sits[$0.judge] ?? [], on: $0.demand) }
        if !strays.isEmpty {
            throw JudgeImportError(
                problems: strays.map {
                    JudgingError(
                        column: "评委", value: "\($0.judge)\" (\($0.place)), \"\($0.demand.demand.ref ?? $0.demand.demand.title)",
                        reason: .notAssigned)
                })
        }
        // A row for a team outside its demand's declared group is refused (a sheet printed before the groups changed).
        let declared = try store.pitchGroups(event: event)
        if !declared.isEmpty {
            let groups = Dictionary(declared.map { ($0.demandID, $0.solverIDs) }, uniquingKeysWith: { first, _ in first })
            let outside = rows.filter { !PitchGroupRule.admits(team: $0.solver.id, group: groups[$0.demand.id]) }
            if !outside.isEmpty {
                let labels = try teamLabels(event: event)
                throw JudgeImportError(
                    problems: outside.map { row in
                        JudgingError(
                            column: "团队", value: "\(labels[row.solver.id] ?? row.solver.solver.name)\" (\(row.place))",
                            reason: .notInGroup(
                                demand: row.demand.demand.ref ?? row.demand.demand.title,
                                group: (groups[row.demand.id] ?? []).map { labels[$0] ?? String($0) }))
                    })
            }
        }
        var summary = try store.judgingTransaction(event: event, dryRun: preview) { writer in
            var summary = JudgeImportDTO()
            var judgeIDs: [String: Int64] = [:]
            for member in panelFile {
                judgeIDs[member.name] = try writer.upsertJudge(
                    name: member.name, affiliation: member.affiliation, avoid: member.avoid, groups: member.groups)
                summary.judges += 1
            }
            for (name, judge) in known.sorted(by: { $0.key < $1.key }) where judgeIDs[name] == nil {
                judgeIDs[name] = try writer.upsertJudge(name: judge.name, affiliation: judge.affiliation, avoid: judge.avoid)
            }
            for row in rows {
                let judge = known[row.judge]!
                let judgeID = judgeIDs[row.judge]!
                let institution = row.solver.solver.institution ?? row.solver.solver.name
                let conflict = ConflictRule.conflict(judge: judge, institution: institution)
                if let conflict {
                    summary.excluded.append(
                        ExcludedDTO(judge: row.judge, team: row.solver.solver.ref ?? String(row.solver.id), message: conflict))
                }
                let latest = try writer.latest(judgeID: judgeID, demandID: row.demand.id, solverID: row.solver.id)
                if let latest, latest.points == row.points {
                    summary.unchanged += 1
                    continue
                }
                try writer.append(
                    NewScore(
                        judgeID: judgeID, demandID: row.demand.id, solverID: row.solver.id, points: row.points,
                        reason: latest == nil ? nil : "corrected by \(row.place)", conflict: conflict?.description,
                        source: row.place))
                if latest == nil { summary.imported += 1 } else { summary.corrected += 1 }
            }
            // Paper sheets are signed: every judge with a row is submitted (locked).
            for name in Set(rows.map(\.judge)) { try writer.submit(judgeID: judgeIDs[name]!) }
            return summary
        }
        summary.declaredConflicts = content.marked.map {
            ExcludedDTO(
                judge: $0.judge, team: $0.solver.solver.ref ?? String($0.solver.id),
                message: Message("conflict.marked", $0.place))
        }
        summary.skipped = content.report.skippedCount
        summary.warnings = (panelRead?.report.warnings ?? []) + content.report.warnings + content.warnings
        if !content.office.isEmpty, !preview {
            // The office's own totals are compared with the stored scores, which a preview does not leave.
            summary.warnings += try officeDifferences(content.office, event: event, method: method)
        }
        if preview { summary.preview = true }
        if saveMapping, !preview, !mapping.isEmpty {
            _ = try mappings.save(mapping, kind: .scores, sheets: content.report.sheets, savedBy: savedBy)
        }
        if explain {
            var files = [ExplainDTO.File(file: file.name, sheets: SheetSamples.sheets(content.report, rejected: []))]
            if let judgesFile, let panelRead {
                files.append(
                    ExplainDTO.File(
                        file: judgesFile.name, sheets: SheetSamples.sheets(panelRead.report, rejected: [])))
            }
            summary.explain = ExplainDTO(files: files, preview: preview ? true : nil)
        }
        return summary
    }

    /// The office's own final scores and ranks that differ from Duijie's (by the event's method, two decimals).
    private func officeDifferences(_ office: [OfficeFinal], event: String, method: AggregationMethod) throws -> [String] {
        let results = try results(event: event, method: method)
        var warnings: [String] = []
        for figure in office {
            let demand = figure.demand.demand.ref ?? String(figure.demand.id)
            let team = figure.solver.solver.ref ?? String(figure.solver.id)
            guard let group = results.groups.first(where: { $0.demand == demand }),
                let position = group.ranking.firstIndex(where: { $0.team == team })
            else { continue }
            let line = group.ranking[position]
            if let final = figure.final, let written = Decimal(string: final), let ours = Decimal(string: line.score) {
                var rounded = written
                var value = written
                NSDecimalRound(&rounded, &value, 2, .plain)
                if rounded != ours {
                    warnings.append(
                        "\(figure.place): the sheet's 最后得分 for \(team) is \(final); Duijie's \(method.rawValue) score is \(line.score) (the sheet's figure is not used)"
                    )
                }
            }
            if let rank = figure.rank, let written = Int(rank), written != position + 1 {
                warnings.append(
                    "\(figure.place): the sheet's 名次 for \(team) is \(rank); Duijie ranks it \(position + 1) in its group (the sheet's rank is not used)"
                )
            }
        }
        return warnings
    }

    /// Enters one judge's points for a team (criteria in order). Refused when conflicted, or when the judge has
    /// submitted and no `reason` is given; otherwise appended as a new version.
    public func enter(event: String, judge name: String, team: String, demand: String, points texts: [String], reason: String?)
        throws
    {
        guard let facts = try store.scoreSaveFacts(.named(event: event, name: name), demand: demand, team: team) else {
            throw JudgingError(column: "评委", value: name, reason: .judgeNotOnPanel)
        }
        try save(facts, team: team, demand: demand, reason: reason) { _ in texts }
    }

    /// A judge enters points through their link: `points` gets the event's criteria (names, in order) and returns the
    /// texts for them (the form reads its fields by criterion). One read of what the save needs, one write. Returns
    /// false for an unknown or revoked link.
    public func enter(
        token: String, team: String, demand: String, reason: String?, points: ([String]) throws -> [String]
    ) throws -> Bool {
        guard let facts = try store.scoreSaveFacts(.link(token), demand: demand, team: team) else { return false }
        try save(facts, team: team, demand: demand, reason: reason, points: points)
        return true
    }

    /// Checks an entry against the rules (criteria, step and maxima, the judge's groups, conflicts of interest, a
    /// locked sheet) and appends it as a new version unless it repeats the latest.
    private func save(
        _ facts: ScoreSaveFacts, team: String, demand: String, reason: String?, points texts: ([String]) throws -> [String]
    ) throws {
        let rules = try Self.decodeRules(facts.rules, event: facts.event).0
        let judge = facts.judge
        guard let solver = facts.solver else { throw JudgingError(column: "团队", value: team, reason: .unknownTeam) }
        guard let demandRecord = facts.demand else {
            throw JudgingError(column: "需求", value: demand, reason: .unknownDemand)
        }
        let written = try texts(rules.criteria.map(\.name))
        guard written.count == rules.criteria.count else {
            throw JudgingError(
                column: rules.criteria.map(\.name).joined(separator: ","), value: written.joined(separator: ","),
                reason: .missingColumn)
        }
        var points: [Int] = []
        for (criterion, text) in zip(rules.criteria, written) {
            switch rules.tenths(text, max: criterion.maxTenths) {
            case .success(let value): points.append(value)
            case .failure(let why): throw JudgingError(column: criterion.name, value: text, reason: why)
            }
        }
        guard JudgeService.sits(judge.groups, on: demandRecord) else {
            throw JudgingError(column: "评委", value: judge.name, reason: .notAssigned)
        }
        guard PitchGroupRule.admits(team: solver.id, group: facts.group) else {
            let labels = try teamLabels(event: facts.event)
            throw JudgingError(
                column: "团队", value: labels[solver.id] ?? team,
                reason: .notInGroup(
                    demand: demandRecord.demand.ref ?? demandRecord.demand.title,
                    group: (facts.group ?? []).map { labels[$0] ?? String($0) }))
        }
        let asJudge = Judge(name: judge.name, affiliation: judge.affiliation, avoid: judge.avoid)
        if let conflict = ConflictRule.conflict(judge: asJudge, institution: solver.solver.institution ?? solver.solver.name) {
            throw JudgingError(column: "团队", value: team, reason: .conflict(conflict))
        }
        let entry = NewScore(
            judgeID: judge.id, demandID: demandRecord.id, solverID: solver.id, points: points, reason: reason,
            conflict: nil, source: "entered")
        _ = try store.appendScore(entry, event: facts.event) { latest, submitted in
            try ScoreEntryRule.shouldAppend(
                points: points, latest: latest, submitted: submitted, reason: reason, judge: judge.name)
        }
    }

    /// Whether a judge with these groups (demand refs, titles or ids; none = all) sits on a demand's group.
    static func sits(_ groups: [String], on demand: StoredDemand) -> Bool {
        JudgeGroups.sits(groups, onDemandKnownAs: [demand.demand.ref, demand.demand.title, String(demand.id)])
    }

    /// Locks a judge's sheet: later changes need a reason.
    public func submit(event: String, judge name: String) throws {
        guard
            let judge = try store.judges(event: event).first(where: {
                TextNormalizer.personName($0.name) == TextNormalizer.personName(name)
            })
        else {
            throw JudgingError(column: "评委", value: name, reason: .judgeNotOnPanel)
        }
        try store.judgingTransaction(event: event) { writer in try writer.submit(judgeID: judge.id) }
    }

    /// Every version of one judge's score for one team, oldest first.
    public func history(event: String, judge name: String, team: String) throws -> [ScoreVersionDTO] {
        guard let facts = try store.scoreSaveFacts(.named(event: event, name: name), demand: "", team: team),
            let solver = facts.solver
        else { return [] }
        return try store.scores(judgeID: facts.judge.id, solverID: solver.id).map {
            ScoreVersionDTO(
                version: $0.version, tenths: $0.points, reason: $0.reason, source: $0.source, conflict: $0.conflict,
                at: $0.createdAt)
        }
    }

    /// Rankings, awards, exclusions and what is still missing, by `method` (the event's when nil).
    public func results(event: String, method requested: AggregationMethod?) throws -> JudgeResultsDTO {
        let (rules, stored) = try rules(event: event)
        let method = requested ?? stored
        let judges = try store.judges(event: event)
        let log = try store.scores(event: event)
        let declared = try store.pitchGroups(event: event)
        // Only the demands and teams of the final are read, not the whole catalogue.
        let demands = Dictionary(
            uniqueKeysWithValues: try store.demands(ids: Array(Set(log.map(\.demandID) + declared.map(\.demandID))))
                .map { ($0.id, $0) })
        let solvers = Dictionary(
            uniqueKeysWithValues: try store.solvers(ids: Array(Set(log.map(\.solverID) + declared.flatMap(\.solverIDs))))
                .map { ($0.id, $0) })
        let tally = FinalTally(
            log: log.map {
                FinalTally.Entry(
                    id: $0.id, judgeID: $0.judgeID, groupID: $0.demandID, teamID: $0.solverID, points: $0.points,
                    conflict: $0.conflict)
            },
            panel: judges.map {
                FinalTally.Panelist(
                    id: $0.id, judge: Judge(name: $0.name, affiliation: $0.affiliation, avoid: $0.avoid), groups: $0.groups)
            },
            declared: declared.map { (groupID: $0.demandID, teamIDs: $0.solverIDs) },
            institution: { solvers[$0].map { $0.solver.institution ?? $0.solver.name } ?? "" },
            groupKeys: { demands[$0].map { [$0.demand.ref, $0.demand.title, String($0.id)] } },
            method: method, tiers: rules.tiers, removed: try store.pitchRemovals(event: event))
        func label(_ solverID: Int64) -> String { solvers[solverID]?.solver.ref ?? String(solverID) }
        func demandLabel(_ id: Int64) -> String { demands[id]?.demand.ref ?? String(id) }
        return JudgeResultsDTO(
            method: method.rawValue, rule: method.rule,
            groups: tally.groups.map { group in
                let demandID = Int64(group.group)!
                return JudgeResultsDTO.Group(
                    demand: demandLabel(demandID), title: demands[demandID]?.demand.title ?? "",
                    ranking: group.ranking.map { team in
                        let solverID = Int64(team.team)!
                        return JudgeResultsDTO.Line(
                            team: label(solverID), name: solvers[solverID]?.solver.name ?? "", score: team.display,
                            validJudges: team.validJudges, award: team.award, tied: team.tied,
                            judges: team.judgeTotals.mapValues { "\($0)" })
                    })
            },
            excluded: tally.excluded.map { ExcludedDTO(judge: $0.judge, team: label($0.teamID), message: $0.message) },
            missing: tally.missing.map {
                JudgeResultsDTO.Missing(judge: $0.judge, demand: demandLabel($0.groupID), team: label($0.teamID))
            })
    }

    /// The method in one sentence, as printed with every result.
    public static func describe(_ method: AggregationMethod) -> String { method.rule }
}
