import DuijieCore
import Judging
import Testing

@Suite struct FinalTallyTests {
    let panel = [
        FinalTally.Panelist(id: 1, judge: Judge(name: "王建国", affiliation: nil, avoid: ["华中科技大学"]), groups: []),
        FinalTally.Panelist(id: 2, judge: Judge(name: "李红梅", affiliation: "天津大学", avoid: []), groups: ["D-20"]),
    ]
    let institutions: [Int64: String] = [100: "华中科技大学", 101: "河北工业大学", 102: "天津大学"]

    func tally(_ log: [FinalTally.Entry], declared: [(groupID: Int64, teamIDs: [Int64])] = []) -> FinalTally {
        FinalTally(
            log: log, panel: panel, declared: declared, institution: { institutions[$0] ?? "" },
            groupKeys: { $0 == 10 ? ["D-10", "甲", "10"] : $0 == 20 ? ["D-20", "乙", "20"] : nil }, method: .mean,
            tiers: [AwardTier(name: "优胜奖", count: 1, perGroup: true)])
    }

    @Test func theLatestVersionCountsAndConflictsAreExcluded() {
        let result = tally([
            .init(id: 1, judgeID: 1, groupID: 10, teamID: 101, points: [700], conflict: nil),
            .init(id: 2, judgeID: 1, groupID: 10, teamID: 100, points: [900], conflict: nil),
            .init(id: 3, judgeID: 1, groupID: 10, teamID: 101, points: [800], conflict: nil),
        ])
        #expect(result.groups.count == 1)
        let ranking = result.groups[0].ranking
        #expect(ranking.first { $0.team == "101" }?.judgeTotals["王建国"] == 80)
        #expect(result.excluded.map(\.teamID) == [100] && result.excluded.first?.judge == "王建国")
        #expect(result.excluded.first?.reason.contains("华中科技大学") == true)
        // The same reason in both languages, from the catalogue.
        #expect(result.excluded.first?.message.chinese == "评委王建国须回避华中科技大学（该团队的单位：华中科技大学）")
        // 李红梅 sits only on D-20, so nothing is missing from her in group 10.
        #expect(result.missing.isEmpty)
    }

    @Test func declaredGroupsComeFirstAndShowWhoIsMissing() {
        let result = tally(
            [.init(id: 1, judgeID: 1, groupID: 10, teamID: 101, points: [700], conflict: nil)],
            declared: [(groupID: 20, teamIDs: [101, 102])])
        #expect(result.groups.map(\.group) == ["20", "10"])
        // In group 20: 王建国 owes both teams; 李红梅 owes 101 only (102 is her own institution).
        #expect(
            result.missing == [
                .init(judge: "王建国", groupID: 20, teamID: 101), .init(judge: "王建国", groupID: 20, teamID: 102),
                .init(judge: "李红梅", groupID: 20, teamID: 101),
            ])
    }

    @Test func aScoreOutsideADeclaredGroupNeverRanksAndIsListedAsVoid() {
        let log: [FinalTally.Entry] = [
            .init(id: 1, judgeID: 1, groupID: 20, teamID: 101, points: [700], conflict: nil),
            .init(id: 2, judgeID: 1, groupID: 20, teamID: 102, points: [600], conflict: nil),  // 102 left group 20
            .init(id: 3, judgeID: 1, groupID: 10, teamID: 102, points: [500], conflict: nil),  // group 10: undeclared
        ]
        let result = FinalTally(
            log: log, panel: panel, declared: [(groupID: 20, teamIDs: [101])], institution: { institutions[$0] ?? "" },
            groupKeys: { _ in nil }, method: .mean, tiers: [], removed: [(groupID: 20, teamID: 102, reason: "退赛")])
        #expect(result.groups.first { $0.group == "20" }?.ranking.map(\.team) == ["101"])
        #expect(result.groups.first { $0.group == "10" }?.ranking.map(\.team) == ["102"])  // its scores make it
        #expect(result.excluded == [.init(judge: "王建国", teamID: 102, message: Message("void.removed", "退赛"))])
        #expect(result.excluded.first?.reason == "void: removed from the group (退赛)")
        #expect(result.excluded.first?.message.chinese == "作废：已移出本组（退赛）")
    }

    @Test func groupRuleAdmitsOnlyTheDeclaredTeamsAndRemovalNeedsAReason() throws {
        #expect(PitchGroupRule.admits(team: 5, group: nil))
        #expect(PitchGroupRule.admits(team: 5, group: [4, 5]))
        #expect(!PitchGroupRule.admits(team: 6, group: [4, 5]))
        #expect(!PitchGroupRule.admits(team: 6, group: []))
        let names: (Int64) -> String = { "T\($0)" }
        // Removing an unscored team, or reordering, needs nothing.
        #expect(try PitchGroupRule.removedScored(current: [4, 5], new: [5], scored: [5], reason: nil, names: names) == [])
        #expect(throws: JudgingError(column: "团队", value: "", reason: .removesScoredTeams(["T4"]))) {
            try PitchGroupRule.removedScored(current: [4, 5], new: [5], scored: [4], reason: " ", names: names)
        }
        #expect(try PitchGroupRule.removedScored(current: [4, 5], new: [5], scored: [4], reason: "退赛", names: names) == [4])
    }

    @Test func setupTextsAreReadOrRefused() throws {
        #expect(try JudgingRules.parseCriteria("技术:30, 可行性:20.5").map(\.maxTenths) == [300, 205])
        #expect(throws: JudgingError.self) { try JudgingRules.parseCriteria("技术:1e30") }
        #expect(throws: JudgingError.self) { try JudgingRules.parseCriteria("技术:12.25") }
        #expect(try JudgingRules.parseStep("0.5") == 5)
        #expect(try JudgingRules.parseTiers("优胜奖:1:group,优秀奖::overall").map(\.count) == [1, nil])
        #expect(throws: JudgingError.self) { try JudgingRules.parseTiers("优胜奖:x:group") }
    }
}
