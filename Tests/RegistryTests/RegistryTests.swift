import DuijieCore
import Testing

@testable import Registry

func deal(
    stage: DealStage, amount: String? = "300万元", tech: String? = nil, category: String? = "技术开发", date: String = "2020-11-20",
    registration: String? = nil
) -> DealFields {
    func money(_ text: String?) -> Money? {
        guard let text, case .exact(let m)? = try? AmountParser.parse(text, defaultUnit: .wan) else { return nil }
        return m
    }
    return DealFields(
        enterprise: "河北联达过滤器材有限公司", solver: "河北工业大学", stage: stage, category: category, amount: money(amount),
        techAmount: money(tech), signDate: try? DateParser.parse(date), registration: registration)
}

@Suite struct RegistryTests {
    @Test func amountsParseLikeTheDemandSheets() throws {
        for (text, yuan) in [("300万元", "3000000.00"), ("0.12亿元", "12000000.00"), ("850,000元", "850000.00"), ("85万", "850000.00")]
        {
            guard case .exact(let money)? = try AmountParser.parse(text, defaultUnit: .wan) else {
                Issue.record("\(text)")
                continue
            }
            #expect(money.yuanString == yuan)
        }
    }

    @Test func stageMachine() {
        #expect(DealStage.intention.canMove(to: .signed))
        #expect(DealStage.signed.canMove(to: .registered))
        #expect(DealStage.intention.canMove(to: .voided))
        #expect(!DealStage.registered.canMove(to: .intention))
        #expect(!DealStage.signed.canMove(to: .intention))
        #expect(!DealStage.voided.canMove(to: .signed))
        #expect(DealStage.parse("已认定登记") == .registered)
        #expect(DealStage.parse("意向协议") == .intention)
        #expect(DealStage.parse("已签约") == .signed)
        #expect(DealStage.parse("其他") == nil)
    }

    @Test func ruleSetsFollowTheSignDate() {
        #expect(RuleSet.inForce(on: CivilDate(year: 2020, month: 11, day: 20)).id == "2001")
        #expect(RuleSet.inForce(on: CivilDate(year: 2026, month: 3, day: 1)).id == "2026")
        #expect(RuleSet.rules2001.category("技术许可合同") == "技术转让")
        #expect(RuleSet.rules2026.category("技术许可") == "技术许可")
        #expect(RuleSet.rules2001.category("技术培训") == nil)
        #expect(RuleSet.rules2001.registrationProblem("20201311000123") == nil)
        #expect(RuleSet.rules2001.registrationProblem("2020131100012") != nil)  // 13 digits
        #expect(RuleSet.rules2001.registrationProblem("20209911000123") != nil)  // no province 99
        #expect(RuleSet.rules2026.registrationProblem("2026131101000123") == nil)
        #expect(RuleSet.rules2026.registrationProblem("20261311000123") != nil)  // the old form after 2026
        #expect(RuleSet.rules2001.registrationProblem("2.0201311000123E13") != nil)
    }

    @Test func validationRefusesTheBadRows() {
        var negative = deal(stage: .signed, amount: nil)
        negative.amount = Money(fen: -100)
        #expect(DealValidator.validate(&negative).map(\.field).contains("amount"))
        var tooMuch = deal(stage: .signed, amount: "300万元", tech: "350万元")
        #expect(DealValidator.validate(&tooMuch).map(\.field) == ["tech_amount"])
        var unknown = deal(stage: .signed, category: "技术培训")
        #expect(DealValidator.validate(&unknown).map(\.field) == ["category"])
        var noNumber = deal(stage: .registered)
        #expect(DealValidator.validate(&noNumber).map(\.field) == ["registration"])
        var malformed = deal(stage: .registered, registration: "123")
        #expect(DealValidator.validate(&malformed).first?.reason.contains("14 digits") == true)
        var duplicate = deal(stage: .registered, registration: "20201311000123")
        #expect(
            DealValidator.validate(&duplicate, takenRegistrations: ["20201311000123"]).first?.reason.contains("already used")
                == true)
        var fine = deal(stage: .registered, tech: "280万元", category: "技术开发合同", registration: "20201311000124")
        #expect(DealValidator.validate(&fine).isEmpty)
        #expect(fine.category == "技术开发")
        var signedWithoutAmount = deal(stage: .signed, amount: nil)
        #expect(DealValidator.validate(&signedWithoutAmount).map(\.field) == ["amount"])
        var intention = deal(stage: .intention, amount: "100万")
        #expect(DealValidator.validate(&intention).isEmpty)
        #expect(intention.intentionAmount?.yuanString == "1000000.00" && intention.amount == nil)
    }

    @Test func historyReplayGivesTheCurrentState() {
        let created = deal(stage: .intention, amount: nil)
        var signed = created
        signed.stage = .signed
        signed.amount = Money(yuan: 3_000_000)
        var registered = signed
        registered.stage = .registered
        registered.registration = "20201311000123"
        let events = [
            DealEvent(kind: .created, state: created, changes: [:], actor: "import", reason: nil, at: "2020-10-28T09:00:00Z"),
            DealEvent(
                kind: .changed, state: signed, changes: DealEvent.differences(created, signed), actor: "cli",
                reason: "contract signed", at: "2020-11-20T09:00:00Z"),
            DealEvent(
                kind: .changed, state: registered, changes: DealEvent.differences(signed, registered), actor: "cli",
                reason: "认定登记", at: "2020-12-01T09:00:00Z"),
        ]
        #expect(DealEvent.fold(events) == registered)
        #expect(DealEvent.fold(Array(events.prefix(2))) == signed)
        #expect(events[1].changes["stage"] == ["intention", "signed"])
        #expect(events[1].changes["amount"] == [nil, "3000000.00"])
        #expect(events[2].changes.keys.sorted() == ["registration", "stage"])
    }
}
