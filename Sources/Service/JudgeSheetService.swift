import DuijieCore
import Foundation
import Judging
import Store

/// What a judge sees on their phone: their groups, each team's form, their own latest points, progress.
public struct JudgeSheetDTO: Encodable, Sendable {
    /// A criterion with its maximum and step, as the form shows them.
    public struct CriterionDTO: Encodable, Sendable {
        /// Name.
        public var name: String
        /// Maximum points.
        public var max: String
        /// Smallest step.
        public var step: String
    }

    /// One team to score.
    public struct TeamDTO: Encodable, Sendable {
        /// Team ref or id.
        public var team: String
        /// Team name.
        public var name: String
        /// The judge must not score this team (and why, in English).
        public var conflict: String?
        /// Why, in Chinese (JSON `conflict_zh`).
        public var conflictZH: String?

        enum CodingKeys: String, CodingKey {
            case team, name, conflict, points
            case conflictZH = "conflict_zh"
        }
        /// The judge's latest points per criterion, when scored.
        public var points: [String]?
    }

    /// One pitch group.
    public struct GroupDTO: Encodable, Sendable {
        /// Demand ref or id.
        public var demand: String
        /// Demand title.
        public var title: String
        /// Teams in pitching order.
        public var teams: [TeamDTO]
    }

    /// The judge.
    public var judge: String
    /// The event.
    public var event: String
    /// Whether the sheet is submitted (locked).
    public var submitted: Bool
    /// The criteria.
    public var criteria: [CriterionDTO]
    /// The groups.
    public var groups: [GroupDTO]
    /// Teams scored / teams to score.
    public var scored: Int
    /// Teams to score (conflicted ones excluded).
    public var total: Int
}

extension JudgeService {
    /// A judge's sheet by name, for paper: what their phone would show (nil for a judge without a live link).
    public func paperSheet(event: String, judge: String) throws -> JudgeSheetDTO? {
        guard let token = try links(event: event).first(where: { $0.judge == judge })?.token else { return nil }
        return try sheet(token: token)
    }

    /// The paper sheet's rows in the layout `judge import` reads back: 评委, 需求编号, 团队编号, 团队名称, one column per
    /// criterion (its maximum in the header, `技术先进性(30)`, which the reader takes as the maximum), 总分; one row
    /// per team the judge scores (conflicted teams left out). The points are blank, for a pen or a keyboard.
    public static func paperRows(_ sheet: JudgeSheetDTO) -> [[String]] {
        var rows = [["评委", "需求编号", "团队编号", "团队名称"] + sheet.criteria.map { "\($0.name)(\($0.max))" } + ["总分"]]
        for group in sheet.groups {
            for team in group.teams where team.conflict == nil {
                rows.append(
                    [sheet.judge, group.demand, team.team, team.name] + Array(repeating: "", count: sheet.criteria.count + 1))
            }
        }
        return rows
    }

    /// Per-judge links for an event (token → judge), created when missing.
    public func links(event: String) throws -> [(judge: String, token: String)] { try store.judgeLinks(event: event) }

    /// Revokes a judge's links.
    public func revokeLinks(event: String, judge: String) throws -> Int { try store.revokeJudgeLinks(event: event, judge: judge) }

    /// The judge behind a live token, or nil.
    public func judge(token: String) throws -> (name: String, event: String)? {
        try store.judge(forToken: token).map { ($0.judge.name, $0.event) }
    }

    /// The pitch groups of an event: declared ones in order, then any others found in scores.
    func pitchGroups(event: String) throws -> [(demandID: Int64, solverIDs: [Int64])] {
        var groups = try store.pitchGroups(event: event)
        for (demandID, solverID) in try store.scoredPairs(event: event) {
            if let index = groups.firstIndex(where: { $0.demandID == demandID }) {
                if !groups[index].solverIDs.contains(solverID) { groups[index].solverIDs.append(solverID) }
            } else {
                groups.append((demandID, [solverID]))
            }
        }
        return groups
    }

    /// The sheet a token's judge may see and fill in; nil for an unknown or revoked token.
    public func sheet(token: String) throws -> JudgeSheetDTO? {
        guard let (judge, event) = try store.judge(forToken: token) else { return nil }
        let (rules, _) = try rules(event: event)
        // Only the groups' demands and teams and this judge's own scores are read, never the whole event.
        let pitched = try pitchGroups(event: event)
        let demands = Dictionary(
            uniqueKeysWithValues: try store.demands(ids: pitched.map(\.demandID)).map { ($0.id, $0) })
        let solvers = Dictionary(
            uniqueKeysWithValues: try store.solvers(ids: Array(Set(pitched.flatMap(\.solverIDs)))).map { ($0.id, $0) })
        var latest: [String: [Int]] = [:]
        for score in try store.scores(judgeID: judge.id) {
            latest["\(score.demandID)/\(score.solverID)"] = score.points
        }
        let asJudge = Judge(name: judge.name, affiliation: judge.affiliation, avoid: judge.avoid)
        var scored = 0
        var total = 0
        let groups = pitched.filter { group in
            demands[group.demandID].map { JudgeService.sits(judge.groups, on: $0) } ?? judge.groups.isEmpty
        }.map { group in
            JudgeSheetDTO.GroupDTO(
                demand: demands[group.demandID]?.demand.ref ?? String(group.demandID),
                title: demands[group.demandID]?.demand.title ?? "",
                teams: group.solverIDs.map { solverID in
                    let solver = solvers[solverID]
                    let conflict = ConflictRule.conflict(
                        judge: asJudge, institution: solver.map { $0.solver.institution ?? $0.solver.name } ?? "")
                    let points = latest["\(group.demandID)/\(solverID)"]
                    if conflict == nil {
                        total += 1
                        if points != nil { scored += 1 }
                    }
                    return JudgeSheetDTO.TeamDTO(
                        team: solver?.solver.ref ?? String(solverID), name: solver?.solver.name ?? "",
                        conflict: conflict?.description, conflictZH: conflict?.chinese, points: points?.map(Judging.points))
                })
        }
        return JudgeSheetDTO(
            judge: judge.name, event: event, submitted: judge.submittedAt != nil,
            criteria: rules.criteria.map {
                .init(name: $0.name, max: Judging.points($0.maxTenths), step: Judging.points(rules.stepTenths))
            }, groups: groups, scored: scored, total: total)
    }
}
