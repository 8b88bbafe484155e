import Foundation
import Testing

@testable import Judging

func entry(_ group: String, _ team: String, _ judge: String, _ total: Int) -> ValidEntry {
    ValidEntry(group: group, team: team, judge: judge, points: [total * 10])
}

@Suite struct AggregationTests {
    @Test func meanIsThePlainAverage() {
        let entries = [entry("G", "A", "j1", 80), entry("G", "A", "j2", 85), entry("G", "A", "j3", 88)]
        let result = Aggregator.results(entries, groups: [("G", ["A"])], method: .mean, tiers: [])
        #expect(result[0].ranking[0].score == Decimal(253) / 3)  // 84.333…
        #expect(result[0].ranking[0].display == "84.33")
    }

    @Test func trimmedDropsOneHighestAndOneLowestEvenWhenTied() {
        // Totals 90 90 80 70 70 60 → drop one 90 and the 60: (90 + 80 + 70 + 70) / 4 = 77.5
        let totals = [90, 90, 80, 70, 70, 60]
        let entries = totals.enumerated().map { entry("G", "A", "j\($0.offset)", $0.element) }
        let result = Aggregator.results(entries, groups: [("G", ["A"])], method: .trimmed, tiers: [])
        #expect(result[0].ranking[0].score == Decimal(string: "77.5"))
        // Fewer than five valid judges: plain mean.
        let four = Aggregator.results(Array(entries.prefix(4)), groups: [("G", ["A"])], method: .trimmed, tiers: [])
        #expect(four[0].ranking[0].score == Decimal(330) / 4)
    }

    @Test func zscoreCorrectsLenientAndHarshJudges() {
        // j1 is lenient (90, 80), j2 harsh (60, 50): both put A 10 points above B.
        let entries = [
            entry("G", "A", "j1", 90), entry("G", "B", "j1", 80), entry("G", "A", "j2", 60), entry("G", "B", "j2", 50),
        ]
        let result = Aggregator.results(entries, groups: [("G", ["A", "B"])], method: .zscore, tiers: [])
        // Each judge: mean ± 5, population SD 5 → z = +1 for A, −1 for B. All totals: mean 70, SD √250.
        let sd = 250.0.squareRoot()
        #expect(result[0].ranking.map(\.team) == ["A", "B"])
        #expect(result[0].ranking[0].meanZ == 1)
        #expect(abs(NSDecimalNumber(decimal: result[0].ranking[0].score).doubleValue - (70 + sd)) < 1e-9)
        #expect(result[0].ranking[1].display == Aggregator.rounded(Decimal(70 - sd)))
    }

    @Test func roundingIsHalfUpForDisplayOnly() {
        #expect(Aggregator.rounded(Decimal(string: "87.345")!) == "87.35")
        #expect(Aggregator.rounded(Decimal(string: "87.344")!) == "87.34")
        #expect(Aggregator.rounded(Decimal(string: "87")!) == "87.00")
        // 84.333… and 84.33 rank apart even though both display 84.33.
        let entries =
            [entry("G", "A", "j1", 80), entry("G", "A", "j2", 85), entry("G", "A", "j3", 88)] + [
                ValidEntry(group: "G", team: "B", judge: "j1", points: [842]),
                ValidEntry(group: "G", team: "B", judge: "j2", points: [844]),
                ValidEntry(group: "G", team: "B", judge: "j3", points: [843]),
            ]
        let result = Aggregator.results(entries, groups: [("G", ["B", "A"])], method: .mean, tiers: [])
        #expect(result[0].ranking.map(\.team) == ["A", "B"])  // 84.333… > 84.3
    }

    @Test func tieBreaksAndFlaggedTies() {
        // A and B both average 80; A has more valid judges.
        var entries = [entry("G", "A", "j1", 80), entry("G", "A", "j2", 80), entry("G", "A", "j3", 80)]
        entries += [entry("G", "B", "j1", 70), entry("G", "B", "j2", 90)]
        // C and D average 75 with two judges; C's median is higher? Equal medians → first criterion decides.
        entries += [
            ValidEntry(group: "G", team: "C", judge: "j1", points: [300, 450]),
            ValidEntry(group: "G", team: "C", judge: "j2", points: [250, 500]),
            ValidEntry(group: "G", team: "D", judge: "j1", points: [200, 550]),
            ValidEntry(group: "G", team: "D", judge: "j2", points: [250, 500]),
        ]
        entries += [entry("G", "E", "j1", 60), entry("G", "F", "j1", 60)]
        let result = Aggregator.results(entries, groups: [("G", ["F", "E", "D", "C", "B", "A"])], method: .mean, tiers: [])
        #expect(result[0].ranking.map(\.team) == ["A", "B", "C", "D", "E", "F"])
        #expect(result[0].ranking.map(\.tied) == [false, false, false, false, true, true])
    }

    @Test func awardsOnePerGroupThenTheRest() {
        let entries = [
            entry("G1", "A", "j", 90), entry("G1", "B", "j", 80), entry("G1", "C", "j", 70),
            entry("G2", "D", "j", 85), entry("G2", "E", "j", 75),
        ]
        let result = Aggregator.results(
            entries, groups: [("G1", ["A", "B", "C"]), ("G2", ["D", "E"])], method: .mean, tiers: JudgingRules.standard.tiers)
        #expect(result[0].ranking.map(\.award) == ["优胜奖", "优秀奖", "优秀奖"])
        #expect(result[1].ranking.map(\.award) == ["优胜奖", "优秀奖"])
        let limited = Aggregator.results(
            entries, groups: [("G1", ["A", "B", "C"]), ("G2", ["D", "E"])], method: .mean,
            tiers: [AwardTier(name: "一等奖", count: 1, perGroup: false), AwardTier(name: "二等奖", count: 2, perGroup: false)])
        let awarded = limited.flatMap { group in group.ranking.compactMap { team in team.award.map { team.team + $0 } } }
        #expect(awarded.sorted() == ["A一等奖", "B二等奖", "D二等奖"])
    }
}

@Suite struct RulesTests {
    @Test func conflictRuleIncludesASchoolOfTheUniversity() {
        let judge = Judge(name: "王教授", affiliation: "华中科技大学材料科学与工程学院", avoid: ["华中科技大学"])
        #expect(ConflictRule.conflict(judge: judge, institution: "华中科技大学") != nil)
        #expect(ConflictRule.conflict(judge: judge, institution: "华中 科技大学 ") != nil)
        #expect(ConflictRule.conflict(judge: judge, institution: "华南理工大学") == nil)
        let colleague = Judge(name: "李研究员", affiliation: "华中科技大学材料科学与工程学院", avoid: [])
        #expect(ConflictRule.conflict(judge: colleague, institution: "华中科技大学") != nil)  // shares the university
        let outsider = Judge(name: "张工", affiliation: "河北省科技厅", avoid: ["天津大学"])
        #expect(ConflictRule.conflict(judge: outsider, institution: "天津大学") != nil)
        #expect(ConflictRule.conflict(judge: outsider, institution: "天津工业大学") == nil)
    }

    @Test func pointsAreReadWithinMaximumAndStep() {
        let rules = JudgingRules.standard
        #expect(rules.tenths("26.5", max: 300) == .success(265))
        #expect(rules.tenths("２６", max: 300) == .success(260))
        #expect(rules.tenths("30", max: 300) == .success(300))
        #expect(rules.tenths("31", max: 300) == .failure(.aboveMaximum(300)))
        #expect(rules.tenths("26.3", max: 300) == .failure(.finerThanStep(5)))
        #expect(rules.tenths("26.25", max: 300) == .failure(.finerThanStep(5)))
        #expect(rules.tenths("优秀", max: 300) == .failure(.notANumber))
        #expect(rules.tenths("-1", max: 300) == .failure(.notANumber))
        var tenths = rules
        tenths.stepTenths = 1
        #expect(tenths.tenths("26.3", max: 300) == .success(263))
    }
}
