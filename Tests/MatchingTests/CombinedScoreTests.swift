import DuijieCore
import Testing

@testable import Matching

/// The n-gram cosine beside BM25F, the absolute affinity scale, and `strength` (issue 14).
@Suite struct CombinedScoreTests {
    let none = SynonymTable(groups: [])

    @Test func unigramsComeFromTheSamePassAsBigrams() {
        var unigrams: [UInt64]? = []
        let keys = Tokenizer.keys("激光焊接 PLC 膜", unigrams: &unigrams)
        #expect(keys == Tokenizer.keys("激光焊接 PLC 膜"))
        // Every character of the four-character run; the one-character run 膜 is already a term.
        #expect(unigrams == "激光焊接".unicodeScalars.map { TermKey.of(String($0)) })
    }

    @Test func theCosineOfATextWithItselfIsOneAndOfUnrelatedTextsZero() {
        let engine = MatchEngine(
            demands: [demand(1, "激光焊接装备", "薄网易烧穿")],
            solvers: [team(1, "甲", ["激光焊接装备"], achievements: "薄网易烧穿"), team(2, "乙", ["产业规划"])],
            synonyms: none)
        // Same grams in the same fields (title ↔ directions, description ↔ achievements carry equal weights); only the
        // team's one-character name 甲 differs.
        #expect(engine.cosine(demand: 0, solver: 0) > 0.99)
        #expect(engine.cosine(demand: 0, solver: 0) <= 1.000_001)
        #expect(engine.cosine(demand: 0, solver: 1) == 0)
    }

    @Test func aPairsAffinityDoesNotDependOnTheOtherTeams() {
        // The absolute scale: adding teams (which changes only which teams the pair competes with, and the idf)
        // leaves the order; and a list's best can be weak while another list's best is strong.
        let teams = [team(1, "焊接团队", ["激光焊接", "焊缝跟踪"]), team(2, "规划团队", ["产业规划"])]
        let engine = MatchEngine(demands: [demand(1, "激光焊接")], solvers: teams, synonyms: none)
        let alone = engine.rankSolvers(top: 5)[0].candidates
        let forward = engine.affinity(demand: 0, solver: 0)
        #expect(alone.first?.index == 0)
        #expect(abs((alone.first?.affinity ?? 0) - forward) < 1e-12)
        #expect(alone.first?.score == 1)
    }

    @Test func theCosinePrefersTheFocusedTeamOverOneThatMentionsThePhraseInPassing() {
        let focused = team(1, "甲", ["PVDF膜", "抗污染改性"], achievements: "PVDF中空纤维膜抗污染改性")
        let passing = team(
            2, "乙", ["道路桥梁", "混凝土"],
            achievements: "桥梁混凝土裂缝修补、沥青路面再生、隧道衬砌检测、边坡防护、PVDF膜抗污染改性、钢结构防腐、公路养护")
        let engine = MatchEngine(
            demands: [demand(1, "PVDF中空纤维膜抗污染改性", "膜在污水处理中易污堵")], solvers: [focused, passing], synonyms: none)
        #expect(engine.cosine(demand: 0, solver: 0) > engine.cosine(demand: 0, solver: 1))
        #expect(engine.rankSolvers(top: 2)[0].candidates.map(\.index) == [0, 1])
    }

    @Test func cosineWeightZeroRanksByBM25FAlone() {
        var options = MatchOptions()
        options.cosineWeight = 0
        let engine = MatchEngine(demands: sampleDemands, solvers: sampleTeams, options: options, synonyms: none)
        for ranking in engine.rankSolvers(top: 5) {
            let raws = ranking.candidates.map(\.raw)
            // No field or region term differs enough here to reorder: the affinity order is the BM25F order.
            #expect(raws == raws.sorted(by: >))
        }
    }

    @Test func badWeightsAreRefused() {
        for bad in [-1, .nan, .infinity, 1e9] {
            var options = MatchOptions()
            options.cosineWeight = bad
            #expect(throws: MatchingError.self) { try options.validate() }
        }
        #expect(throws: Never.self) { try MatchOptions().validate() }
    }

    @Test func strengthThresholds() {
        #expect(MatchStrength(affinity: MatchStrength.strongFrom) == .strong)
        #expect(MatchStrength(affinity: MatchStrength.strongFrom.nextDown) == .possible)
        #expect(MatchStrength(affinity: MatchStrength.possibleFrom) == .possible)
        #expect(MatchStrength(affinity: MatchStrength.possibleFrom.nextDown) == .weak)
        #expect(MatchStrength(affinity: 0) == .weak)
        let strong = RankedCandidate(index: 0, raw: 1, affinity: 0.5, score: 1)
        let weak = RankedCandidate(index: 1, raw: 1, affinity: 0.1, score: 0.2)
        #expect(MatchStrength(best: [weak, strong]) == .strong)
        #expect(MatchStrength(best: [weak]) == .weak)
        #expect(MatchStrength(best: [RankedCandidate]()) == .weak)
    }

    @Test func aTeamThatSolvesTheDemandIsStrongAndOneSharingOnlyBoilerplateIsWeak() {
        let demands = [
            demand(
                1, "PVDF中空纤维膜抗污染改性技术", "PVDF膜在污水处理中易污堵，需要亲水改性提高抗污染性能，可根据企业情况提供资金",
                field: "丝网与过滤")
        ]
        let teams = [
            team(
                1, "膜科学与技术团队", ["PVDF中空纤维膜", "抗污染改性", "亲水改性"],
                achievements: "PVDF中空纤维膜亲水改性，抗污染性能提高，用于污水处理"),
            team(2, "区域经济团队", ["产业规划", "科技金融"], achievements: "为企业提供资金规划和融资方案"),
        ]
        let engine = MatchEngine(demands: demands, solvers: teams, synonyms: none)
        let list = engine.rankSolvers(top: 2)[0].candidates
        #expect(list.first?.index == 0)
        #expect(list.first?.strength == .strong)
        #expect(list.first(where: { $0.index == 1 }).map(\.strength) ?? .weak == .weak)
        // The weak list alone: its best still scores 1.00, and strength says it is weak.
        let alone = MatchEngine(demands: demands, solvers: [teams[1]], synonyms: none).rankSolvers(top: 1)[0].candidates
        #expect(alone.first.map { $0.score == 1 && $0.strength == .weak } ?? true)
    }
}
