/// Which teams may be scored on a demand, and how a group may change once scores exist.
///
/// Once the organizers have declared a demand's group (`setGroup`, or the assignment used as groups), a score on
/// that demand belongs to its group or is refused — whatever the path (a judge's link, the API, `judge score`, a
/// score sheet), so a page left open while groups change cannot put a team into a group. A demand with no declared
/// group keeps the older way: its group is whatever teams the scores name.
public enum PitchGroupRule {
    /// Whether a score for `team` may be entered on a demand whose declared group is `group` (nil: none declared).
    public static func admits(team: Int64, group: [Int64]?) -> Bool {
        group.map { $0.contains(team) } ?? true
    }

    /// The teams a new list removes that already have scores. Refused without a reason (a blank one counts as
    /// none): `names` says how people call a team, for the message.
    public static func removedScored(
        current: [Int64], new: [Int64], scored: Set<Int64>, reason: String?, names: (Int64) -> String
    ) throws(JudgingError) -> [Int64] {
        let removed = current.filter { !new.contains($0) && scored.contains($0) }
        let blank = reason?.allSatisfy(\.isWhitespace) ?? true
        if !removed.isEmpty && blank {
            throw JudgingError(column: "团队", value: "", reason: .removesScoredTeams(removed.map(names)))
        }
        return removed
    }
}
