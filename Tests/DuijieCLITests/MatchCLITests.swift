import Foundation
import Testing

@Suite(.serialized) struct MatchCLITests {
    func sampleDB() throws -> Scratch {
        let scratch = try Scratch()
        let run = try duijie(["demo", "--db", scratch.db, "--fixtures", sampleEvent.path])
        #expect(run.status == 0)
        return scratch
    }

    @Test func matchJSONContract() throws {
        let scratch = try sampleDB()
        let run = try duijie(["match", "--db", scratch.db, "--event", "HS2020", "--top", "4", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try run.json() as? [String: Any])
        #expect(object["run"] is Int)
        let demands = try #require(object["demands"] as? [[String: Any]])
        #expect(demands.count >= 190)
        let first = try #require(demands.first)
        #expect(first["demand"] is String)
        let candidates = try #require(first["candidates"] as? [[String: Any]])
        #expect(!candidates.isEmpty && candidates.count <= 4)
        for candidate in candidates {
            #expect(candidate["solver"] is String)
            let score = try #require(candidate["score"] as? Double)
            #expect(score > 0 && score <= 1)
            #expect((candidate["raw"] as? Double ?? 0) > 0)
            #expect(!(candidate["reasons"] as? [String] ?? []).isEmpty)
        }
        // Without a ref, a demand is named by its id.
        #expect(demands.contains { ($0["demand"] as? String).map { Int($0) != nil } ?? false })
    }

    @Test func reverseSwapsTheRoles() throws {
        let scratch = try sampleDB()
        let run = try duijie(["match", "--reverse", "--db", scratch.db, "--top", "2", "--json"])
        let object = try #require(try run.json() as? [String: Any])
        let solvers = try #require(object["solvers"] as? [[String: Any]])
        #expect(solvers.first?["solver"] is String)
        #expect(((solvers.first?["candidates"] as? [[String: Any]])?.first?["demand"]) is String)
    }

    @Test func assignJSONContract() throws {
        let scratch = try sampleDB()
        let exclude = scratch.dir.appendingPathComponent("x.csv")
        try Data("HS2020-065,T042\n".utf8).write(to: exclude)
        let run = try duijie([
            "assign", "--db", scratch.db, "--event", "HS2020", "--per-demand", "3", "--capacity", "1", "--distinct-institutions",
            "--exclude", exclude.path, "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try run.json() as? [String: Any])
        #expect(object["run"] is Int)
        #expect((object["objective"] as? Double ?? 0) > 0)
        let assignments = try #require(object["assignments"] as? [[String: Any]])
        let welding = try #require(assignments.first { $0["demand"] as? String == "HS2020-065" })
        #expect(!(welding["solvers"] as? [String] ?? []).contains("T042"))
        let unfilled = try #require(object["unfilled"] as? [[String: Any]])
        #expect(!unfilled.isEmpty)  // 205 demands × 3 teams cannot fit 73 teams × 1
        #expect(unfilled.allSatisfy { ($0["demand"] is String) && (($0["reason"] as? String)?.contains("needs 3") ?? false) })
        // Every team at most once (capacity 1).
        let all = assignments.flatMap { $0["solvers"] as? [String] ?? [] }
        #expect(all.count == Set(all).count)
    }

    @Test func qualityAndPins() throws {
        let scratch = try sampleDB()
        let quality = try duijie([
            "match", "quality", "--db", scratch.db, "--labels", sampleEvent.appendingPathComponent("labels.tsv").path, "--json",
        ])
        let report = try #require(try quality.json() as? [String: Any])
        #expect((report["recall_at_5"] as? Double ?? 0) >= 0.93)
        #expect(try duijie(["match", "pin", "HS2020-065", "T061", "--db", scratch.db]).status == 0)
        let missing = try duijie(["match", "pin", "HS2020-999", "T061", "--db", scratch.db])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("HS2020-999"))
    }
}
