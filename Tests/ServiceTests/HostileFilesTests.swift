import DuijieCore
import Foundation
import Registry
import Service
import Store
import Testing

/// The inputs that crashed or hung a release build (`../shared/crashers`, beside the project).
let crasherFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/crashers")

@Suite struct HostileFilesTests {
    @Test func everyCrasherEndsWithOneSentenceAndWritesNothing() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: crasherFolder.path).filter { !$0.hasSuffix(".md") }
            .sorted()
        try #require(!names.isEmpty, "../shared/crashers is missing")
        for name in names where name != "deals_amount_ovf_then_report.xlsx" {
            let (store, dir) = try freshStore()
            defer { try? FileManager.default.removeItem(at: dir) }
            let summary = ImportService(store: store).run(
                ImportRequest(kind: .demands, files: [crasherFolder.appendingPathComponent(name)], event: "HS2020"))
            let error = try #require(summary.errors.first, "\(name) was read")
            #expect(error.hasPrefix(name), "\(error)")
            #expect(!error.contains("\n"))
            #expect(try store.demands(event: nil).isEmpty, "\(name) wrote demands")
        }
    }

    @Test func implausibleAmountsAreRefusedAndReportsNeverTrap() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = DealService(store: store).importDeals(
            [crasherFolder.appendingPathComponent("deals_amount_ovf_then_report.xlsx")], event: "HS2020")
        #expect(summary.imported == 0)
        #expect(summary.rejected.count == 2)
        #expect(summary.rejected.allSatisfy { $0.reason.contains("1万亿元") })
        // Amounts at the limit, stored many times over: the totals are exact and never overflow.
        let limit = AmountParser.plausibleLimit
        try store.dealTransaction { writer in
            for i in 0..<200 {
                _ = try writer.create(
                    DealFields(enterprise: "企业\(i)", solver: "团队", stage: .signed, amount: limit, techAmount: limit),
                    event: "HS2020",
                    actor: "test", reason: nil)
            }
        }
        let report = try DealService(store: store).report(event: "HS2020")
        #expect(report.signed.count == 200)
        #expect(report.signed.amountYuan == "200000000000000.00")
        #expect(report.signed.amountWan == "20000000000")
        // Even amounts that no check would let in (written straight into the store) add up without trapping.
        try store.dealTransaction { writer in
            for i in 0..<3 {
                _ = try writer.create(
                    DealFields(enterprise: "巨额\(i)", solver: "团队", stage: .signed, amount: Money(fen: Int64.max)), event: "BIG",
                    actor: "test", reason: nil)
            }
        }
        let big = try DealService(store: store).report(event: "BIG")
        #expect(big.signed.amountYuan == "276701161105643274.21")
    }

    @Test func aRowLimitAndATimeLimitStopAnUploadWithASentence() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = (1...50).map { "甲\($0),需求\($0)" }.joined(separator: "\n")
        let file = ImportFile(name: "big.csv", data: Data(("企业名称,需求名称\n" + rows).utf8))
        let summary = ImportService(store: store).run(
            ImportRequest(kind: .demands, sources: [file], event: "E", limits: ImportLimits(seconds: 60, rows: 20)))
        #expect(summary.errors.first?.contains("more than 20 rows") == true)
        #expect(try store.demands(event: nil).isEmpty)
        let slow = ImportService(store: store).run(
            ImportRequest(kind: .demands, sources: [file], event: "E", limits: ImportLimits(seconds: 0, rows: 1_000)))
        #expect(slow.errors.isEmpty || slow.errors.first?.contains("reading stopped") == true)
    }
}
