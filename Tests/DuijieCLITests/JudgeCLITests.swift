import Foundation
import Testing

@Suite(.serialized) struct JudgeCLITests {
    @Test func resultsJSONContract() throws {
        let scratch = try Scratch()
        #expect(try duijie(["demo", "--db", scratch.db, "--fixtures", sampleEvent.path]).status == 0)
        let run = try duijie(["judge", "results", "--event", "HS2020", "--method", "trimmed", "--db", scratch.db, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try run.json() as? [String: Any])
        #expect(object["method"] as? String == "trimmed")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == 3)
        for group in groups {
            #expect(group["demand"] is String)
            let ranking = try #require(group["ranking"] as? [[String: Any]])
            for line in ranking {
                #expect(line["team"] is String)
                #expect((line["score"] as? String)?.range(of: #"^\d+\.\d\d$"#, options: .regularExpression) != nil)
                #expect(line["valid_judges"] is Int)
                #expect(line.keys.contains("award"))
            }
        }
        let excluded = try #require(object["excluded"] as? [[String: Any]])
        #expect(excluded.count == 1)
        #expect(excluded.first?["judge"] as? String == "王建国")
        #expect(excluded.first?["team"] as? String == "T015")
        #expect((excluded.first?["reason"] as? String)?.isEmpty == false)
    }

    @Test func importFromSheetsAndPublish() throws {
        let scratch = try Scratch()
        // Demands and teams only (no final), then the final through the contract command.
        #expect(
            try duijie(["import", "demands"] + (try sampleFiles("demands")) + ["--db", scratch.db, "--event", "HS2020"]).status
                == 0)
        #expect(try duijie(["import", "solvers"] + (try sampleFiles("solvers")) + ["--db", scratch.db]).status == 0)
        let final = sampleEvent.appendingPathComponent("final")
        let run = try duijie([
            "judge", "import", final.appendingPathComponent("scores.xlsx").path, "--judges",
            final.appendingPathComponent("judges.xlsx").path,
            "--event", "HS2020", "--db", scratch.db, "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try run.json() as? [String: Any])
        #expect(summary["imported"] as? Int == 63)
        #expect(summary["judges"] as? Int == 7)
        for format in ["csv", "xlsx", "json"] {
            let out = scratch.dir.appendingPathComponent("公示.\(format)").path
            #expect(try duijie(["judge", "export", out, "--event", "HS2020", "--db", scratch.db]).status == 0)
            #expect(FileManager.default.fileExists(atPath: out))
        }
        let csv = try String(contentsOfFile: scratch.dir.appendingPathComponent("公示.csv").path, encoding: .utf8)
        #expect(csv.contains("王建国"))
        #expect(csv.contains("trimmed"))
    }

    @Test func badSheetExitsWithTheRow() throws {
        let scratch = try Scratch()
        #expect(try duijie(["demo", "--db", scratch.db, "--fixtures", sampleEvent.path]).status == 0)
        let csv = scratch.dir.appendingPathComponent("bad.csv")
        try Data("评委,需求编号,团队编号,总分\n李红梅,HS2020-033,T006,101\n".utf8).write(to: csv)
        let run = try duijie(["judge", "import", csv.path, "--event", "HS2020", "--db", scratch.db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.csv, row 2, column '总分': '101' is above the maximum 100"))
    }
}
