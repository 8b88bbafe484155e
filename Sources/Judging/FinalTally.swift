import DuijieCore

/// The final's results from the score log as it stands: the latest version of each judge's entry for each team, the
/// entries that do not count (a conflict of interest, recorded at entry or found by `ConflictRule` now), the groups
/// in their declared order (then any other group by its first score) with every team that pitched, the ranking and
/// awards by `Aggregator`, and who still has to score whom.
///
/// Groups and teams are the store's ids; the use case turns them into codes and names.
public struct FinalTally: Sendable {
    /// A judge of the panel with their id and the groups they sit on (none: every group).
    public struct Panelist: Sendable {
        /// The judge's id.
        public var id: Int64
        /// Name, affiliation and institutions to avoid.
        public var judge: Judge
        /// The groups (demand codes, titles or ids) the judge sits on.
        public var groups: [String]

        /// Makes a panelist.
        public init(id: Int64, judge: Judge, groups: [String]) {
            self.id = id
            self.judge = judge
            self.groups = groups
        }
    }

    /// One version of one score, as logged.
    public struct Entry: Sendable {
        /// The log's id: later versions have larger ids.
        public var id: Int64
        /// The judge.
        public var judgeID: Int64
        /// The group (demand).
        public var groupID: Int64
        /// The team.
        public var teamID: Int64
        /// Points per criterion in tenths (or one total).
        public var points: [Int]
        /// Why the entry does not count, when that was recorded with it.
        public var conflict: String?

        /// Makes an entry.
        public init(id: Int64, judgeID: Int64, groupID: Int64, teamID: Int64, points: [Int], conflict: String?) {
            self.id = id
            self.judgeID = judgeID
            self.groupID = groupID
            self.teamID = teamID
            self.points = points
            self.conflict = conflict
        }
    }

    /// An entry that does not count.
    public struct Excluded: Sendable, Equatable {
        /// The judge's name.
        public var judge: String
        /// The team.
        public var teamID: Int64
        /// Why, in both languages.
        public var message: Message
        /// Why, in English.
        public var reason: String { message.description }

        /// Makes an exclusion.
        public init(judge: String, teamID: Int64, message: Message) {
            self.judge = judge
            self.teamID = teamID
            self.message = message
        }
    }

    /// A score still to be given.
    public struct Missing: Sendable, Equatable {
        /// The judge's name.
        public var judge: String
        /// The group.
        public var groupID: Int64
        /// The team.
        public var teamID: Int64

        /// Makes a missing score.
        public init(judge: String, groupID: Int64, teamID: Int64) {
            self.judge = judge
            self.groupID = groupID
            self.teamID = teamID
        }
    }

    /// Each group's ranking, in group order (group and team as the ids' decimal text).
    public var groups: [GroupResult]
    /// Entries that do not count, in log order.
    public var excluded: [Excluded]
    /// Scores still to be given, by group, judge and team.
    public var missing: [Missing]

    /// Tallies `log` (oldest first). `declared` are the pitch groups in order with their teams in pitching order;
    /// a score for a team outside its demand's declared group never ranks and is listed as void, with the
    /// organizers' reason when the team was removed (`removed`); a group nobody declared is the teams its scores name. `institution` gives a team's institution (for conflicts); `groupKeys` a group's
    /// code, title and id (for who sits on it), nil when the group is unknown (then every judge does).
    public init(
        log: [Entry], panel: [Panelist], declared: [(groupID: Int64, teamIDs: [Int64])], institution: (Int64) -> String,
        groupKeys: (Int64) -> [String?]?, method: AggregationMethod, tiers: [AwardTier],
        removed: [(groupID: Int64, teamID: Int64, reason: String)] = []
    ) {
        struct Key: Hashable {
            var judge: Int64
            var group: Int64
            var team: Int64
        }
        var latest: [Key: Entry] = [:]
        var groupOrder: [Int64] = []
        var teamsByGroup: [Int64: [Int64]] = [:]
        for entry in log {
            latest[Key(judge: entry.judgeID, group: entry.groupID, team: entry.teamID)] = entry
            if teamsByGroup[entry.groupID] == nil { groupOrder.append(entry.groupID) }
            if !(teamsByGroup[entry.groupID] ?? []).contains(entry.teamID) {
                teamsByGroup[entry.groupID, default: []].append(entry.teamID)
            }
        }
        // Declared pitch groups come first, in their order, with exactly the teams that pitch (even before any
        // score); a group nobody declared keeps the teams its scores name.
        var inGroup: [Int64: Set<Int64>] = [:]
        if !declared.isEmpty {
            let scoredOrder = groupOrder
            groupOrder = declared.map(\.groupID) + scoredOrder.filter { id in !declared.contains { $0.groupID == id } }
            for group in declared {
                teamsByGroup[group.groupID] = group.teamIDs
                inGroup[group.groupID] = Set(group.teamIDs)
            }
        }
        struct Pair: Hashable {
            var group: Int64
            var team: Int64
        }
        let removals = Dictionary(
            removed.map { (Pair(group: $0.groupID, team: $0.teamID), $0.reason) }, uniquingKeysWith: { _, last in last })
        let byID = Dictionary(panel.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func conflict(_ panelist: Panelist, _ team: Int64) -> Message? {
            ConflictRule.conflict(judge: panelist.judge, institution: institution(team))
        }
        var valid: [ValidEntry] = []
        var excluded: [Excluded] = []
        for entry in latest.values.sorted(by: { $0.id < $1.id }) {
            guard let panelist = byID[entry.judgeID] else { continue }
            if let members = inGroup[entry.groupID], !members.contains(entry.teamID) {
                let why =
                    removals[Pair(group: entry.groupID, team: entry.teamID)].map { Message("void.removed", $0) }
                    ?? Message("void.not_in_group")
                excluded.append(Excluded(judge: panelist.judge.name, teamID: entry.teamID, message: why))
                continue
            }
            // The rule's own message when it still finds the conflict (both languages); the text stored with the
            // entry otherwise (a conflict recorded at entry that the panel no longer shows).
            if let reason = conflict(panelist, entry.teamID) ?? entry.conflict.map({ Message("text", $0) }) {
                excluded.append(Excluded(judge: panelist.judge.name, teamID: entry.teamID, message: reason))
                continue
            }
            valid.append(
                ValidEntry(
                    group: String(entry.groupID), team: String(entry.teamID), judge: panelist.judge.name,
                    points: entry.points))
        }
        groups = Aggregator.results(
            valid, groups: groupOrder.map { (group: String($0), teams: (teamsByGroup[$0] ?? []).map(String.init)) },
            method: method, tiers: tiers)
        self.excluded = excluded
        var missing: [Missing] = []
        for groupID in groupOrder {
            for panelist in panel
            where groupKeys(groupID).map({ JudgeGroups.sits(panelist.groups, onDemandKnownAs: $0) }) ?? true {
                for teamID in teamsByGroup[groupID] ?? []
                where latest[Key(judge: panelist.id, group: groupID, team: teamID)] == nil && conflict(panelist, teamID) == nil {
                    missing.append(Missing(judge: panelist.judge.name, groupID: groupID, teamID: teamID))
                }
            }
        }
        self.missing = missing
    }
}
