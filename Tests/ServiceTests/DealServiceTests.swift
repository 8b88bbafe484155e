import DuijieCore
import Foundation
import Registry
import Service
import Sheets
import Store
import Testing

@Suite struct DealServiceTests {
    @Test func sampleDealsImportAndReportExactly() throws {
        let (store, dir) = try sampleStore()  // the demo imports deals/deals.xlsx
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try DealService(store: store).report(event: "HS2020")
        #expect(report.signed.count == 36)
        #expect(report.signed.amountYuan == "52000000.00")
        #expect(report.signed.amountWan == "5200")
        #expect(report.registered.count == 12)
        #expect(report.intention.count == 8)
        #expect(report.intention.amountYuan == "6800000.00")
        #expect(report.voided == 1)
        #expect(report.expectedInvestmentYuan == "660000000.00")
        #expect(report.expectedInvestmentWan == "66000")
        #expect(report.byCategory.reduce(0) { $0 + $1.count } == 36)  // signed only, intentions never mixed in
        #expect(report.byCounty.reduce(0) { $0 + $1.count } == 36)
        #expect(report.sciencePlan.count == 12)
        // A registration number stored as a number cell comes back as the same digits.
        #expect(report.sciencePlan.first?.registration == "20201311000101")
        #expect(report.sciencePlan.allSatisfy { $0.registration.count == 14 && $0.registration.allSatisfy(\.isNumber) })
        // Re-import changes nothing.
        let again = DealService(store: store).importDeals(
            [sampleEvent.appendingPathComponent("deals/deals.xlsx")], event: "HS2020")
        #expect(again.imported == 0 && again.updated == 0 && again.unchanged == 45)
        #expect(again.rejected.count == 4)
        #expect(again.skipped == 1)  // the 合计 row
    }

    @Test func badRowsAreRejectedWithReasons() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = DealService(store: store).importDeals(
            [sampleEvent.appendingPathComponent("deals/deals.xlsx")], event: "HS2020")
        let reasons = summary.rejected.map(\.reason)
        #expect(summary.rejected.map(\.row) == [49, 50, 51, 52])
        #expect(reasons[0].contains("above the contract amount"))
        #expect(reasons[1].contains("no registration number"))
        #expect(reasons[2].contains("unknown contract category '技术培训'"))
        #expect(reasons[3].contains("already used"))
        #expect(summary.rejected[0].column == "技术交易额(万元)")
        // The rejected rows are kept, whole, for fixing: also the one refused at storing time (number in use).
        let kept = try CatalogService(store: store).rejected(kind: "deals")
        #expect(kept.map(\.rejection.row) == [49, 50, 51, 52])
        #expect(kept.allSatisfy { $0.kind == "deals" && $0.importID == summary.files[0].importID })
        #expect(kept[3].rejection.cells.values.contains { $0.hasPrefix("2020") && $0.count == 14 })
        #expect(kept[0].rejection.cells.count >= 5)
    }

    @Test func historyStageMachineAndConversion() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = DealService(store: store)
        var intention = DealFields(
            enterprise: "衡水益通管业有限责任公司", solver: "石家庄铁道大学", stage: .intention, intentionAmount: Money(yuan: 1_000_000))
        let first = try service.add(intention, event: "HS2020", reason: "签约仪式")
        intention.stage = .signed
        intention.amount = Money(yuan: 3_000_000)
        intention.category = "技术开发"
        intention.signDate = CivilDate(year: 2020, month: 11, day: 20)
        let second = try service.add(intention, event: "HS2020", reason: "合同签订")
        #expect(first.id == second.id)
        var registered = intention
        registered.stage = .registered
        registered.registration = "20201311000999"
        registered.techAmount = Money(yuan: 2_800_000)
        _ = try service.add(registered, event: "HS2020", reason: "认定登记")
        // Going back is refused; voiding is an event.
        #expect(throws: DealError.self) { try service.add(intention, event: "HS2020", reason: nil) }
        let history = try service.history(first.id)
        #expect(history.map(\.kind) == [.created, .changed, .changed])
        #expect(DealEvent.fold(history) == registered)
        #expect(history[1].changes["stage"] == ["intention", "signed"])
        #expect(history[1].reason == "合同签订")
        let report = try service.report(event: "HS2020")
        #expect(report.conversion["intentions"] == "1" && report.conversion["converted"] == "1")
        try service.void(first.id, reason: "企业撤回")
        #expect(try service.history(first.id).last?.kind == .voided)
        #expect(try service.report(event: "HS2020").signed.count == 0)
        // Another deal may not reuse the number.
        var other = registered
        other.enterprise = "另一家企业"
        #expect(throws: DealError.self) { try service.add(other, event: "HS2020", reason: nil) }
    }

    @Test func exportsOpenBackWithTheProjectsOwnReader() throws {
        let (store, dir) = try sampleStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try DealService(store: store).report(event: "HS2020")
        let encoder = JSONEncoder()
        let data = try encoder.encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["signed"] as? [String: Any])?["amount_yuan"] as? String == "52000000.00")
        #expect(object["by_category"] is [Any] && object["by_county"] is [Any] && object["by_field"] is [Any])
    }
}
