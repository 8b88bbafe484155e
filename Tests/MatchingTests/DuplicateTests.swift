import DuijieCore
import Testing

@testable import Matching

/// The same achievement posted twice: same name, near-same text → one group; a list shows it once.
@Suite struct DuplicateTests {
    let text = "本发明开发的催化双金属-类芬顿-MBRR法耦合技术及工艺具有工艺流程简单、投资费用少、操作维护方便、运行成本低、处理效果稳定等特点"

    @Test func sameNameAndNearSameTextGroupTogether() {
        let groups = DuplicateGroups([
            team(1, "医药化工废水处理装置", ["资源环保"], achievements: text),
            team(2, "医药化工废水处理装置", ["水的生产和供应"], achievements: text + "。"),  // another category, a stop more
            team(3, "医药化工废水处理装置", ["资源环保"], achievements: "一种全新的膜分离工艺，用于高盐废水的零排放与资源化"),
            team(4, "另一个成果", ["资源环保"], achievements: text),  // same text, another name: not a duplicate
        ])
        #expect(groups.representative == [0, 0, 2, 3])
        #expect(!groups.isEmpty)
        #expect(DuplicateGroups([team(1, "甲", []), team(2, "乙", [])]).isEmpty)
    }

    @Test func aListShowsEachGroupOnceWithTheOthersAttached() {
        let groups = DuplicateGroups([
            team(1, "成果甲", [], achievements: text), team(2, "成果甲", [], achievements: text),
            team(3, "成果乙", [], achievements: "另一段文字，完全不同"), team(4, "成果丙", [], achievements: "第三段"),
        ])
        let ranked = [1, 0, 2, 3].enumerated().map { rank, index in
            RankedCandidate(index: index, raw: 1, affinity: 1 - Double(rank) / 10, score: 1 - Double(rank) / 10)
        }
        let collapsed = groups.collapse(ranked, top: 2)
        #expect(collapsed.map(\.index) == [1, 2])
        #expect(collapsed[0].duplicates == [0])
        // Room freed by a duplicate goes to the next distinct candidate.
        #expect(groups.collapse(ranked, top: 3).map(\.index) == [1, 2, 3])
    }
}
