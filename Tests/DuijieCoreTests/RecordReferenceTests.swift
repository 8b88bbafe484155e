import DuijieCore
import Testing

@Suite struct RecordReferenceTests {
    struct Team {
        var id: Int64
        var ref: String?
        var name: String
    }

    let teams = [
        Team(id: 1, ref: "T3", name: "化工过程强化团队"),
        Team(id: 3, ref: "T9", name: "激光焊接团队"),
        Team(id: 7, ref: nil, name: "智能制造团队"),
        Team(id: 8, ref: nil, name: "智能制造 团队"),
    ]

    func find(_ text: String) -> Int64? {
        RecordReference.resolve(text, in: teams, ref: \.ref, id: \.id, name: \.name)?.id
    }

    @Test func theCodeComesFirstThenTheIdThenAUniqueName() {
        #expect(find("T3") == 1)
        #expect(find(" T9 ") == 3)
        // "3" is nobody's code, so it is the id 3 — not the team whose code is T3.
        #expect(find("3") == 3)
        #expect(find("７") == 7 || find("７") == nil)  // a full-width digit is not an id; as a name it matches nobody
        #expect(find("激光焊接团队") == 3)
        #expect(find("激光焊接 团队") == 3)  // names compare as keys: spaces and punctuation do not count
        // Two teams share the key 智能制造团队: the name is ambiguous and picks neither.
        #expect(find("智能制造团队") == nil)
        #expect(find("") == nil)
        #expect(find("T4") == nil)
    }

    @Test func theStepsAreTheOnesTheStoreRuns() {
        #expect(RecordReference.lookups(" 12 ") == [.ref("12"), .id(12), .nameKey("12")])
        #expect(RecordReference.lookups("HS2020-065") == [.ref("HS2020-065"), .nameKey("hs2020065")])
        #expect(RecordReference.lookups("  ").isEmpty)
    }
}
