import DuijieCore
import Matching
import Testing

@Suite struct ExclusionRuleTests {
    let demands = [
        Demand(ref: "D1", enterprise: "河北联达过滤器材有限公司", title: "激光焊接", source: SourceRef(file: "d", sheet: nil, row: 2)),
        Demand(
            ref: "D2", enterprise: "衡水新光新材料科技有限公司", title: "水性树脂", partner: "河北工业大学",
            source: SourceRef(file: "d", sheet: nil, row: 3)),
    ]
    let solvers = [
        SolverProfile(ref: "T1", name: "激光团队", institution: "河北工业大学", source: SourceRef(file: "s", sheet: nil, row: 2)),
        SolverProfile(ref: "T2", name: "树脂团队", institution: "天津大学", source: SourceRef(file: "s", sheet: nil, row: 3)),
        SolverProfile(ref: "T3", name: "过滤团队", institution: "河北联达过滤器材有限公司", source: SourceRef(file: "s", sheet: nil, row: 4)),
    ]

    @Test func conflictsOfInterestAreBlockedWithoutAList() {
        let rule = ExclusionRule(demands: demands, solvers: solvers)
        #expect(rule.blocks(Pair(demand: 0, solver: 2)))  // the demand's own enterprise
        #expect(rule.blocks(Pair(demand: 1, solver: 0)))  // the declared partner
        #expect(!rule.blocks(Pair(demand: 0, solver: 0)))
    }

    @Test func anExclusionListNamesPairsTeamsEverywhereAndInstitutions() throws {
        var rule = ExclusionRule(demands: demands, solvers: solvers)
        let refs = ["D1": 0, "D2": 1]
        let teams = ["T1": 0, "T2": 1, "T3": 2]
        try rule.addExclusions(
            "# 回避\nD1,T2\n*，T1\nD2\t天津大学\n", source: "exclude.csv", demand: { refs[$0] }, solver: { teams[$0] })
        #expect(rule.blocks(Pair(demand: 0, solver: 1)))
        #expect(rule.blocks(Pair(demand: 0, solver: 0)) && rule.blocks(Pair(demand: 1, solver: 0)))
        #expect(rule.blocks(Pair(demand: 1, solver: 1)))  // 天津大学 is an institution for D2
        #expect(throws: MatchingError.self) {
            try rule.addExclusions("D9,T1", source: "exclude.csv", demand: { refs[$0] }, solver: { teams[$0] })
        }
        do {
            try rule.addExclusions("just one column", source: "exclude.csv", demand: { refs[$0] }, solver: { teams[$0] })
            Issue.record("a line without two columns was accepted")
        } catch {
            #expect(error.description.contains("exclude.csv, line 1"))
        }
    }
}
