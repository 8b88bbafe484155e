import DuijieCore
import Foundation
import Ingestion
import Judging
import Store

/// How a final is set up, for the organizers' page and `GET /api/judge/setup`.
public struct FinalSetupDTO: Encodable, Sendable {
    /// One pitch group.
    public struct Group: Encodable, Sendable {
        /// The demand's ref (or id).
        public var demand: String
        /// The demand's title.
        public var title: String
        /// The teams in pitching order: ref (or id) and name.
        public var teams: [Team]
    }

    /// One team of a group.
    public struct Team: Encodable, Sendable {
        /// The team's ref (or id).
        public var team: String
        /// The team's name.
        public var name: String
    }

    /// One judge of the panel.
    public struct Judge: Encodable, Sendable {
        /// The judge's name.
        public var name: String
        /// The judge's affiliation.
        public var affiliation: String?
        /// Institutions the judge must not score.
        public var avoid: [String]
        /// Whether the judge has submitted (locked) their sheet.
        public var submitted: Bool
        /// The groups the judge sits on (demand refs or titles); empty means every group.
        public var groups: [String]
    }

    /// The event code.
    public var event: String
    /// The final's name, date and place.
    public var name: String?
    /// The final's date (ISO).
    public var date: String?
    /// The final's place.
    public var place: String?
    /// Criteria as `name:max` items, the step and the award tiers, in the `judge setup` syntax.
    public var criteria: String
    /// The points step.
    public var step: String
    /// The award tiers.
    public var tiers: String
    /// The default aggregation method.
    public var method: String
    /// The pitch groups.
    public var groups: [Group]
    /// The panel.
    public var judges: [Judge]
}

extension JudgeService {
    /// The final's setup as it stands.
    public func finalSetup(event: String) throws -> FinalSetupDTO {
        let (rules, method) = try rules(event: event)
        let details = try store.eventDetails(event: event)
        // Only the groups' demands and teams are read, not the whole catalogue (the board asks every few seconds).
        let declared = try pitchGroups(event: event)
        let demands = Dictionary(
            uniqueKeysWithValues: try store.demands(ids: declared.map(\.demandID)).map { ($0.id, $0) })
        let solvers = Dictionary(
            uniqueKeysWithValues: try store.solvers(ids: Array(Set(declared.flatMap(\.solverIDs)))).map { ($0.id, $0) })
        let groups = declared.map { group in
            FinalSetupDTO.Group(
                demand: demands[group.demandID]?.demand.ref ?? String(group.demandID),
                title: demands[group.demandID]?.demand.title ?? "",
                teams: group.solverIDs.map {
                    FinalSetupDTO.Team(team: solvers[$0]?.solver.ref ?? String($0), name: solvers[$0]?.solver.name ?? "")
                })
        }
        return FinalSetupDTO(
            event: event, name: details.name, date: details.date, place: details.place,
            criteria: rules.criteria.map { "\($0.name):\(Judging.points($0.maxTenths))" }.joined(separator: ","),
            step: Judging.points(rules.stepTenths),
            tiers: rules.tiers.map { "\($0.name):\($0.count.map(String.init) ?? ""):\($0.perGroup ? "group" : "overall")" }
                .joined(separator: ","),
            method: method.rawValue, groups: groups,
            judges: try store.judges(event: event).map {
                FinalSetupDTO.Judge(
                    name: $0.name, affiliation: $0.affiliation, avoid: $0.avoid, submitted: $0.submittedAt != nil,
                    groups: $0.groups)
            })
    }

    /// Imports the panel from a judges file (评委, 单位, 回避单位); returns how many judges it names.
    public func importJudges(file: URL, event: String) throws -> Int {
        try importJudges(ImportFile(url: file), event: event)
    }

    /// Imports a judges file held on disk or in memory; returns how many judges it holds.
    ///
    /// `mapping` corrects how the panel is read (over a saved mapping for its header); `saveMapping` remembers it.
    public func importJudges(
        _ file: ImportFile, event: String, limits: ImportLimits? = nil, mapping: ColumnMapping = ColumnMapping(),
        saveMapping: Bool = false, savedBy: String = "cli"
    ) throws -> Int {
        let mappings = MappingService(store: store)
        let read = try JudgeSheets.readPanel(
            file, limits: limits, mapping: mapping, saved: try mappings.saved(kind: .judges))
        let count = try store.judgingTransaction(event: event) { writer in
            for member in read.entries {
                _ = try writer.upsertJudge(
                    name: member.name, affiliation: member.affiliation, avoid: member.avoid, groups: member.groups)
            }
            return read.entries.count
        }
        if saveMapping, !mapping.isEmpty {
            _ = try mappings.save(mapping, kind: .judges, sheets: read.report.sheets, savedBy: savedBy)
        }
        return count
    }

    /// What importing a judges panel would do, without writing: how the file was read and how many judges are new,
    /// changed or the same (compared by name, as the import matches them).
    public func previewJudges(
        _ file: ImportFile, event: String, limits: ImportLimits? = nil, mapping: ColumnMapping = ColumnMapping()
    ) throws -> ExplainDTO {
        let mappings = MappingService(store: store)
        let read = try JudgeSheets.readPanel(
            file, limits: limits, mapping: mapping, saved: try mappings.saved(kind: .judges))
        var existing: [String: StoredJudge] = [:]
        for judge in try store.judges(event: event) { existing[TextNormalizer.personName(judge.name)] = judge }
        var counts = PreviewCountsDTO(new: 0, updated: 0, unchanged: 0, skipped: read.report.skippedCount, rejected: 0)
        for member in read.entries {
            guard let stored = existing[member.name] else {
                counts.new += 1
                continue
            }
            let same =
                stored.affiliation == member.affiliation && stored.avoid == member.avoid
                && (member.groups == nil || stored.groups == member.groups!)
            if same { counts.unchanged += 1 } else { counts.updated += 1 }
        }
        let sheets = SheetSamples.sheets(read.report, rejected: [])
        return ExplainDTO(
            files: [ExplainDTO.File(file: file.name, sheets: sheets, would: counts, warnings: read.report.warnings)],
            preview: true)
    }
}
