import DuijieCore
import Registry
import Testing

@Suite struct LedgerAndReportTests {
    func deal(
        _ enterprise: String, _ solver: String, _ stage: DealStage, wan: Int64 = 10, registration: String? = nil,
        county: String? = nil, ref: String? = nil
    ) -> DealFields {
        DealFields(
            ref: ref, enterprise: enterprise, solver: solver, stage: stage, amount: Money(fen: wan * 1_000_000),
            county: county, registration: registration)
    }

    @Test func theLedgerDecidesCreateChangeUnchangedAndRefusals() {
        var ledger = DealLedger([
            .init(id: 1, current: deal("甲公司", "乙大学", .intention)),
            .init(id: 2, current: deal("丙公司", "丁大学", .registered, registration: "20201311000101")),
        ])
        #expect(ledger.decide(deal("新公司", "乙大学", .signed)) == .create)
        #expect(ledger.decide(deal("甲公司", "乙大学", .intention)) == .unchanged(id: 1))
        // Enterprise and party match after normalisation; the stage moves forward.
        let forward = ledger.decide(deal("甲 公司", "乙大学", .signed))
        guard case .change(let id, let old, let new) = forward else {
            Issue.record("expected a change, got \(forward)")
            return
        }
        #expect(id == 1 && old.stage == .intention && new.stage == .signed)
        ledger.changed(1, to: new)
        // Back from signed to intention: refused as a conflict.
        guard case .refuse(let back) = ledger.decide(deal("甲公司", "乙大学", .intention)) else {
            Issue.record("a stage moving back was not refused")
            return
        }
        #expect(back.conflict && back.field == "阶段")
        // A registration number another deal holds: refused as a conflict.
        guard case .refuse(let taken) = ledger.decide(deal("甲公司", "乙大学", .registered, registration: "20201311000101"))
        else {
            Issue.record("a number in use was not refused")
            return
        }
        #expect(taken.conflict && taken.value == "20201311000101")
        ledger.created(3, deal("新公司", "乙大学", .signed, ref: "HT-1"))
        #expect(ledger.match(deal("别的名字", "别的团队", .signed, ref: "HT-1"))?.id == 3)
    }

    @Test func breakdownsAreOrderedByAmountNotByItsText() {
        // 9万 and 10万: as text "90000.00" sorts above "100000.00"; by value 10万 comes first.
        let report = DealReport([
            .init(id: 1, event: nil, current: deal("甲", "乙", .signed, wan: 9, county: "枣强县"), wasIntention: false),
            .init(id: 2, event: nil, current: deal("丙", "丁", .signed, wan: 10, county: "安平县"), wasIntention: true),
            .init(id: 3, event: nil, current: deal("戊", "己", .signed, wan: 10, county: "冀州区"), wasIntention: false),
            .init(id: 4, event: nil, current: deal("庚", "辛", .intention, wan: 5), wasIntention: true),
        ])
        #expect(report.breakdowns[.county]?.map(\.name) == ["冀州区", "安平县", "枣强县"])
        #expect(report.signed.count == 3 && report.signed.amount.yuanString == "290000.00")
        #expect(report.everIntention == 2 && report.converted == 1)
        #expect(report.breakdowns[.county]?.first?.amount == MoneyTotal([Money(fen: 10_000_000)]))
    }

    @Test func moneyTotalsCompareByValueBeyondSixtyFourBits() {
        let big = MoneyTotal([Money(fen: .max), Money(fen: .max)])
        let small = MoneyTotal([Money(fen: .max)])
        let negative = MoneyTotal([Money(fen: -5)])
        #expect(small < big && negative < small && negative < MoneyTotal())
        #expect(!(big < big))
    }
}
