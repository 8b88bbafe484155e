import Foundation
import Service
import Store
import TestSupport
import Testing

/// Every SQL statement a store runs, as GRDB's trace reports it.
final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: [String] = []
    private var recording = false

    func record(_ sql: String) { lock.withLock { if recording { statements.append(sql) } } }

    /// The statements `body` runs.
    func during(_ body: () throws -> Void) rethrows -> [String] {
        lock.withLock {
            statements = []
            recording = true
        }
        defer { lock.withLock { recording = false } }
        try body()
        return lock.withLock { statements }
    }
}

/// A judge's score save touches the database a fixed number of times, whatever the size of the event: one read of
/// what it needs (by point queries) and one write.
@Suite struct ScoreSaveTests {
    /// The sample event with its final imported, in a store whose statements are logged.
    func tracedFinal(_ folder: TemporaryFolder, log: StatementLog) throws -> DuijieStore {
        let store = try DuijieStore(path: folder.path("trace.sqlite"), trace: { log.record($0) })
        _ = try DemoPipeline(store: store).run(folder: Fixtures.sampleEvent)
        return store
    }

    /// Adds `count` generated teams and demands, so a whole-table read would show in the figures.
    func grow(_ store: DuijieStore, by count: Int, folder: TemporaryFolder) throws {
        var teams = "团队编号,团队名称,依托单位,研究方向\n"
        var demands = "需求编号,需求名称,企业名称,需求描述\n"
        for i in 0..<count {
            teams += "G\(i),生成团队\(i),生成大学\(i % 50),焊接工艺与装备\(i)\n"
            demands += "GD\(i),生成需求\(i),生成企业\(i),需要一种新的焊接工艺\(i)\n"
        }
        try Data(teams.utf8).write(to: folder.url.appendingPathComponent("teams.csv"))
        try Data(demands.utf8).write(to: folder.url.appendingPathComponent("demands.csv"))
        let service = ImportService(store: store)
        let solvers = service.run(
            ImportRequest(kind: .solvers, files: [folder.url.appendingPathComponent("teams.csv")]))
        let added = service.run(
            ImportRequest(kind: .demands, files: [folder.url.appendingPathComponent("demands.csv")], event: "HS2020"))
        #expect(solvers.imported == count && added.imported == count)
    }

    @Test func aJudgesScoreSaveIsOneReadAndOneWriteWhateverTheEventsSize() throws {
        let folder = try TemporaryFolder("score-save")
        let log = StatementLog()
        let store = try tracedFinal(folder, log: log)
        let service = JudgeService(store: store)
        let token = try #require(try service.links(event: "HS2020").first { $0.judge == "李红梅" }?.token)
        func save(_ points: [String]) throws -> [String] {
            try log.during {
                let found = try service.enter(token: token, team: "T006", demand: "HS2020-033", reason: "改分") { criteria in
                    #expect(criteria.count == points.count)
                    return points
                }
                #expect(found)
            }
        }
        let small = try save(["20", "20", "10", "10"])
        try grow(store, by: 3_000, folder: folder)
        let large = try save(["21", "20", "10", "10"])
        // The same statements whatever the number of demands and teams…
        #expect(small.count == large.count, "\(small) vs \(large)")
        // …and few of them: a read transaction of point queries, a write transaction of three.
        #expect(large.count <= 14, "\(large.joined(separator: "\n"))")
        let transactions = large.filter { $0.hasPrefix("BEGIN") }
        #expect(transactions.count == 2, "\(large.joined(separator: "\n"))")
        // No statement reads a whole table of demands, teams or scores.
        for sql in large where sql.hasPrefix("SELECT") {
            for table in ["demand", "solver", "score_entry", "judge"] where sql.contains("FROM \(table)") {
                #expect(sql.contains("WHERE"), "\(sql)")
            }
        }
        #expect(
            large.filter { $0.hasPrefix("INSERT INTO \"score_entry\"") || $0.hasPrefix("INSERT INTO score_entry") }.count == 1)
        // The saved points are what the judge sent, as the newest version.
        let history = try service.history(event: "HS2020", judge: "李红梅", team: "T006")
        #expect(history.last?.tenths == [210, 200, 100, 100])
        // Sending the same points again (a phone resubmitting) reads, finds nothing to change and writes nothing.
        let again = try save(["21", "20", "10", "10"])
        #expect(!again.contains { $0.hasPrefix("INSERT") })
    }
}

/// One reference rule everywhere: what names a team or a demand in matching names it in judging too.
@Suite struct ReferenceRuleTests {
    @Test func aTeamNamedByNameOrIdIsFoundInMatchingAndJudgingAlike() throws {
        let folder = try TemporaryFolder("references")
        let store = try DuijieStore(path: folder.path("r.sqlite"))
        _ = try DemoPipeline(store: store).run(folder: Fixtures.sampleEvent)
        let team = try #require(try store.solver("T061"))
        let demand = try #require(try store.demand("HS2020-065", event: "HS2020"))
        // By code, by id and by its (unique) name, the store's point queries and the in-memory rule agree.
        for reference in ["T061", String(team.id), team.solver.name] {
            #expect(try store.solver(reference)?.id == team.id, "\(reference)")
        }
        for reference in ["HS2020-065", String(demand.id), demand.demand.title] {
            #expect(try store.demand(reference, event: "HS2020")?.id == demand.id, "\(reference)")
        }
        // Matching pins by the team's name (before, only by code or id)…
        let match = MatchService(store: store)
        try match.setPin(demand: demand.demand.title, solver: team.solver.name, event: "HS2020", action: .pin)
        #expect(try match.decisions(demand: "HS2020-065", event: "HS2020").map(\.team) == ["T061"])
        // …and judging groups take the same references.
        let judging = JudgeService(store: store)
        try judging.setGroup(event: "HS2020", demand: String(demand.id), teams: [team.solver.name, "T001"])
        let setup = try judging.finalSetup(event: "HS2020")
        let group = try #require(setup.groups.first { $0.demand == "HS2020-065" })
        // The declared order first; teams scored on the demand but not declared follow.
        #expect(Array(group.teams.map(\.team).prefix(2)) == ["T061", "T001"])
    }
}
