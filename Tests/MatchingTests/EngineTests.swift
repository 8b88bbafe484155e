import DuijieCore
import Foundation
import Testing

@testable import Matching

func demand(
    _ id: Int64, _ title: String, _ description: String = "", field: String? = nil, county: String? = nil,
    enterprise: String = "企业"
)
    -> MatchDemand
{
    MatchDemand(
        id: id,
        demand: Demand(
            ref: "D\(id)", enterprise: enterprise, county: county, field: field, title: title, description: description,
            source: SourceRef(file: "t", sheet: nil, row: 1)))
}

func team(
    _ id: Int64, _ name: String, _ directions: [String], institution: String = "大学", region: String? = nil,
    achievements: String = ""
)
    -> MatchSolver
{
    MatchSolver(
        id: id,
        solver: SolverProfile(
            ref: "T\(id)", name: name, institution: institution, region: region, directions: directions,
            achievements: achievements, source: SourceRef(file: "t", sheet: nil, row: 1)))
}

let sampleDemands = [
    demand(1, "过滤器烧蚀网自适应激光焊接装备", "薄网易烧穿，需研发视觉识别的自适应激光焊接装备", field: "丝网与过滤", county: "安平县"),
    demand(2, "PVDF中空纤维膜抗污染改性技术", "PVDF膜在污水处理中易污堵", field: "丝网与过滤", county: "安平县"),
    demand(3, "3D打印快速铸造砂型技术应用", "小批量复杂铸件开模成本高", field: "装备制造", county: "武邑县"),
    demand(4, "丝网编织机数控化改造", "需进行PLC伺服数控改造", field: "丝网与过滤"),
]
let sampleTeams = [
    team(1, "先进焊接团队", ["激光焊接", "焊缝视觉跟踪", "自适应控制"], institution: "河北工业大学", region: "天津市"),
    team(2, "膜科学与技术团队", ["聚偏氟乙烯膜", "膜分离", "抗污染改性"], institution: "天津大学", region: "天津市"),
    team(3, "先进成形团队", ["增材制造", "砂型打印", "快速铸造"], institution: "清华大学", region: "北京市"),
    team(4, "智能制造团队", ["CNC改造", "可编程控制器", "伺服控制"], institution: "唐山学院", region: "唐山市"),
    team(5, "区域经济团队", ["产业规划", "科技金融"], institution: "河北经贸大学", region: "石家庄市"),
]

@Suite struct EngineTests {
    let engine = MatchEngine(
        demands: sampleDemands, solvers: sampleTeams, synonyms: (try? SynonymTable.standard()) ?? SynonymTable(groups: []))

    @Test func eachDemandFindsItsTeamFirst() {
        let rankings = engine.rankSolvers(top: 3)
        #expect(rankings.map { $0.candidates.first?.index } == [0, 1, 2, 3])
    }

    @Test func synonymsBridgeTermsThatShareNoCharacters() {
        // 3D打印 ↔ 增材制造, PVDF ↔ 聚偏氟乙烯, 数控 ↔ CNC, PLC ↔ 可编程控制器 carry the match.
        let explanation = engine.explain(demand: 2, solver: 2)
        #expect(explanation.terms.contains { $0.phrase.contains("增材制造") })
        #expect(engine.explain(demand: 3, solver: 3).terms.contains { $0.phrase.contains("plc") })
    }

    @Test func scoresAreNormalisedWithinEachDemand() {
        for ranking in engine.rankSolvers(top: 5) where !ranking.candidates.isEmpty {
            #expect(ranking.candidates[0].score == 1)
            #expect(ranking.candidates.allSatisfy { $0.score > 0 && $0.score <= 1 && $0.raw > 0 })
            #expect(zip(ranking.candidates, ranking.candidates.dropFirst()).allSatisfy { $0.affinity >= $1.affinity })
        }
    }

    @Test func unrelatedTeamsGetNoScore() {
        let rankings = engine.rankSolvers(top: 5)
        #expect(!rankings.flatMap(\.candidates).contains { $0.index == 4 })
        #expect(engine.affinity(demand: 0, solver: 4) == 0)
    }

    @Test func deterministicAcrossRuns() {
        let again = MatchEngine(demands: sampleDemands, solvers: sampleTeams, synonyms: engine.synonyms)
        let a = engine.rankSolvers(top: 5).map { $0.candidates }
        let b = again.rankSolvers(top: 5).map { $0.candidates }
        #expect(a == b)
    }

    @Test func reverseRankingUsesTheSameAffinity() {
        let reverse = engine.rankDemands(top: 4)
        #expect(reverse[0].candidates.first?.index == 0)
        for ranking in reverse {
            for candidate in ranking.candidates {
                let forward = engine.affinity(demand: candidate.index, solver: ranking.subject)
                #expect(abs(forward - candidate.affinity) < 1e-9)
            }
        }
    }

    @Test func explanationsNameThePhraseFieldAndRegion() {
        let explanation = engine.explain(demand: 0, solver: 0)
        #expect(explanation.terms.first?.phrase.contains("激光焊接") == true)
        #expect(explanation.region == "京津冀")
        #expect(explanation.reasons.contains { $0.hasPrefix("matched 激光焊接") || $0.contains("激光焊接") })
        #expect(explanation.raw > 0)
        #expect(explanation.terms.allSatisfy { $0.contribution > 0 })
    }

    @Test func regionTermFavoursTheNearerOfTwoEqualTeams() {
        let teams = [
            team(1, "甲团队", ["激光焊接"], institution: "远方大学", region: "广州市"),
            team(2, "乙团队", ["激光焊接"], institution: "近处大学", region: "衡水市"),
        ]
        let local = MatchEngine(demands: [demand(1, "激光焊接", county: "安平县")], solvers: teams, synonyms: SynonymTable(groups: []))
        let ranking = local.rankSolvers(top: 2)[0]
        #expect(ranking.candidates.map(\.index) == [1, 0])
        #expect(ranking.candidates[0].raw == ranking.candidates[1].raw)
    }

    @Test func commonTermsWeighLessThanRareOnes() {
        // 技术 appears everywhere; 烧结 only in one demand and one team.
        let demands = (1...20).map { demand(Int64($0), "技术研究\($0)") } + [demand(21, "烧结技术")]
        let teams = [team(1, "甲", ["技术"]), team(2, "乙", ["烧结"])]
        let engine = MatchEngine(demands: demands, solvers: teams, synonyms: SynonymTable(groups: []))
        let ranking = engine.rankSolvers(top: 2)[20]
        #expect(ranking.candidates.first?.index == 1)
    }

    @Test func qualityMetrics() {
        let report = QualityMetrics.evaluate(ranked: [["a", "b", "c"], ["x", "y"], ["p"]], relevant: [["b"], ["z"], []])
        #expect(report.demandsJudged == 2)
        #expect(report.recallAt5 == 0.5)
        #expect(report.mrr == 0.25)
        #expect(abs(report.ndcgAt10 - (1 / log2(3.0)) / 2) < 1e-12)
    }
}
