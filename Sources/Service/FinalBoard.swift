import Foundation
import Judging

/// The organizers' board during the final: who has entered what, what is missing, who has submitted, how many valid
/// judges each team has, and the entries that do not count.
public struct FinalBoardDTO: Encodable, Sendable {
    /// One judge's progress.
    public struct JudgeProgress: Encodable, Sendable, Equatable {
        /// The judge.
        public var judge: String
        /// Teams scored with a score that counts.
        public var entered: Int
        /// Teams still to score (conflicted teams are not owed).
        public var missing: Int
        /// Whether the judge submitted (locked) the sheet.
        public var submitted: Bool
    }

    /// One team's standing in its group.
    public struct TeamProgress: Encodable, Sendable, Equatable {
        /// Demand ref or id.
        public var demand: String
        /// Team ref or id.
        public var team: String
        /// Team name.
        public var name: String
        /// Judges whose score counts.
        public var validJudges: Int
        /// Judges who still owe a score.
        public var missing: Int
    }

    /// The event.
    public var event: String
    /// Judges in panel order.
    public var judges: [JudgeProgress]
    /// Teams in group and pitching order.
    public var teams: [TeamProgress]
    /// Entries that do not count (conflicts, void).
    public var excluded: [ExcludedDTO]
    /// Judges who have submitted, out of all.
    public var submitted: Int
}

extension JudgeService {
    /// The board of the final as it stands (one tally, the same the results use).
    public func board(event: String) throws -> FinalBoardDTO {
        let setup = try finalSetup(event: event)
        let results = try results(event: event, method: nil)
        let lines = results.groups.flatMap { group in group.ranking.map { (group.demand, $0) } }
        let judges = setup.judges.map { judge in
            FinalBoardDTO.JudgeProgress(
                judge: judge.name, entered: lines.filter { $0.1.judges[judge.name] != nil }.count,
                missing: results.missing.filter { $0.judge == judge.name }.count, submitted: judge.submitted)
        }
        // Teams in the order the groups pitch (the declared order, else the results' order).
        let teams = results.groups.flatMap { group in
            let order = setup.groups.first { $0.demand == group.demand }?.teams.map(\.team) ?? group.ranking.map(\.team)
            return order.compactMap { code in
                group.ranking.first { $0.team == code }.map { line in
                    FinalBoardDTO.TeamProgress(
                        demand: group.demand, team: line.team, name: line.name, validJudges: line.validJudges,
                        missing: results.missing.filter { $0.demand == group.demand && $0.team == line.team }.count)
                }
            }
        }
        return FinalBoardDTO(
            event: event, judges: judges, teams: teams, excluded: results.excluded,
            submitted: judges.filter(\.submitted).count)
    }
}
