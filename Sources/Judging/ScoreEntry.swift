import DuijieCore

/// The rules for saving one judge's points for one team in one group, whoever types them (the judge's phone, an
/// organizer copying a paper sheet).
public enum ScoreEntryRule {
    /// What to do with a new entry, given the latest stored version (nil when none) and whether the judge's sheet is
    /// submitted: the same points again change nothing (a phone resubmitting after a dropped connection); a submitted
    /// sheet takes a correction only with a reason; anything else is a new version.
    ///
    /// - Returns: true to append a version, false when nothing changes.
    /// - Throws: `JudgingError` (`locked`) naming `judge` for a correction of a submitted sheet without a reason.
    public static func shouldAppend(
        points: [Int], latest: [Int]?, submitted: Bool, reason: String?, judge: String
    ) throws(JudgingError) -> Bool {
        if latest == points { return false }
        if submitted, (reason ?? "").allSatisfy(\.isWhitespace) {
            throw JudgingError(column: "评委", value: judge, reason: .locked)
        }
        return true
    }
}

/// Which pitch groups a judge sits on.
public enum JudgeGroups {
    /// Whether a judge whose groups are `groups` (demand codes, titles or ids as the judges file writes them; none
    /// means every group) sits on the group of a demand known by `keys` (its code, title and id).
    public static func sits(_ groups: [String], onDemandKnownAs keys: [String?]) -> Bool {
        guard !groups.isEmpty else { return true }
        let known = keys.compactMap { $0.map(TextNormalizer.key) }
        return groups.contains { known.contains(TextNormalizer.key($0)) }
    }
}
