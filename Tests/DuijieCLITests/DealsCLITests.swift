import Foundation
import Sheets
import Testing

@Suite(.serialized) struct DealsCLITests {
    @Test func importReportAndExportContracts() throws {
        let scratch = try Scratch()
        let file = sampleEvent.appendingPathComponent("deals/deals.xlsx").path
        let run = try duijie(["deals", "import", file, "--event", "HS2020", "--db", scratch.db, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try run.json() as? [String: Any])
        for key in ["imported", "updated", "unchanged", "skipped", "rejected"] { #expect(summary[key] != nil) }
        #expect((summary["rejected"] as? [[String: Any]])?.first?["row"] as? Int == 49)
        let report = try #require(try duijie(["report", "--db", scratch.db, "--json"]).json() as? [String: Any])
        let signed = try #require(report["signed"] as? [String: Any])
        #expect(signed["count"] as? Int == 36)
        #expect(signed["amount_yuan"] as? String == "52000000.00")
        #expect(signed["tech_amount_yuan"] is String)
        #expect((report["intention"] as? [String: Any])?["count"] as? Int == 8)
        #expect((report["registered"] as? [String: Any])?["count"] as? Int == 12)
        let byCategory = try #require(report["by_category"] as? [[String: Any]])
        #expect(byCategory.allSatisfy { $0["category"] is String && $0["count"] is Int && $0["amount_yuan"] is String })
        // Exports: XLSX read back by the project's own reader; CSV safe from formula injection.
        let xlsx = scratch.dir.appendingPathComponent("report.xlsx")
        #expect(try duijie(["report", "--db", scratch.db, "--export", xlsx.path]).status == 0)
        let workbook = try WorkbookOpener.open(xlsx)
        var texts: [String] = []
        try workbook.readRows(of: workbook.sheets[0]) { row in texts += row.cells.map(\.text) }
        #expect(texts.contains("52000000.00"))
        #expect(texts.contains("20201311000101"))
        let csv = scratch.dir.appendingPathComponent("report.csv")
        #expect(try duijie(["report", "--db", scratch.db, "--export", csv.path]).status == 0)
        #expect(try String(contentsOf: csv, encoding: .utf8).contains("52000000.00"))
    }

    @Test func addAndHistory() throws {
        let scratch = try Scratch()
        let add = try duijie([
            "deals", "add", "--enterprise", "衡水益通管业有限责任公司", "--solver", "石家庄铁道大学", "--stage", "signed", "--amount", "0.12亿元",
            "--category", "技术开发", "--date", "2020-11-20", "--db", scratch.db, "--json",
        ])
        #expect(add.status == 0, "\(add.stderr)")
        let id = try #require((try add.json() as? [String: Any])?["id"] as? String)
        let bad = try duijie([
            "deals", "add", "--enterprise", "甲", "--solver", "乙", "--stage", "signed", "--amount", "100万", "--tech-amount",
            "120万",
            "--db", scratch.db,
        ])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("above the contract amount"))
        let badDate = try duijie([
            "deals", "add", "--enterprise", "甲", "--solver", "乙", "--stage", "signed", "--amount", "100万", "--date", "明年",
            "--db", scratch.db,
        ])
        #expect(badDate.status == 1)
        #expect(badDate.stderr.contains("--date"))
        let history = try duijie(["deals", "history", id, "--db", scratch.db])
        #expect(history.stdout.contains("created"))
        let report = try #require(try duijie(["report", "--db", scratch.db, "--json"]).json() as? [String: Any])
        #expect((report["signed"] as? [String: Any])?["amount_yuan"] as? String == "12000000.00")
    }
}
