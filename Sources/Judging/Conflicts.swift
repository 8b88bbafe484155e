import DuijieCore

/// A judge of the panel.
public struct Judge: Sendable, Hashable, Codable {
    /// The judge's name as score sheets write it.
    public var name: String
    /// Where the judge works.
    public var affiliation: String?
    /// Institutions the judge must avoid (回避单位).
    public var avoid: [String]

    /// Creates a judge.
    public init(name: String, affiliation: String?, avoid: [String]) {
        self.name = name
        self.affiliation = affiliation
        self.avoid = avoid
    }
}

/// The conflict-of-interest rule: a judge may not score a team whose institution they must avoid or share.
public enum ConflictRule {
    /// Why `judge` may not score a team of `institution`, or nil when they may.
    ///
    /// Names are compared as normalised keys (full-width folded, case, spaces and punctuation ignored); one name that
    /// begins with the other counts as the same institution, so a judge at 华中科技大学材料科学与工程学院, or one whose
    /// 回避单位 is 华中科技大学, conflicts with a team from 华中科技大学.
    public static func conflict(judge: Judge, institution: String) -> Message? {
        let team = TextNormalizer.key(institution)
        guard !team.isEmpty else { return nil }
        for avoided in judge.avoid where same(TextNormalizer.key(avoided), team) {
            return Message("conflict.avoid", judge.name, avoided, institution)
        }
        if let affiliation = judge.affiliation, same(TextNormalizer.key(affiliation), team) {
            return Message("conflict.works_at", judge.name, affiliation, institution)
        }
        return nil
    }

    static func same(_ a: String, _ b: String) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        if a == b { return true }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return short.count >= 4 && long.hasPrefix(short)
    }
}
