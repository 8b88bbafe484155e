import DuijieCore
import Foundation
import Judging
import Service
import Store
import Testing

let finalFolder = sampleEvent.appendingPathComponent("final")

/// The sample event with its final imported.
func finalStore() throws -> (DuijieStore, URL) {
    let (store, dir) = try sampleStore()
    return (store, dir)
}

@Suite struct JudgeServiceTests {
    @Test func theFinalIsReproducedWithAllThreeMethods() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        for method in AggregationMethod.allCases {
            let results = try service.results(event: "HS2020", method: method)
            #expect(results.method == method.rawValue)
            #expect(results.groups.count == 3)
            #expect(results.groups.allSatisfy { $0.ranking.count == 3 })
            let awards = results.groups.flatMap { $0.ranking.compactMap(\.award) }
            #expect(awards.filter { $0 == "优胜奖" }.count == 3)
            #expect(awards.filter { $0 == "优秀奖" }.count == 6)
            #expect(results.excluded.count == 1)
            #expect(results.excluded.first?.judge == "王建国")
            #expect(results.excluded.first?.team == "T015")
            #expect(results.excluded.first?.reason == "judge 王建国 must avoid 华中科技大学, the institution of the team (华中科技大学)")
            let welding = try #require(results.groups.first { $0.demand == "HS2020-065" })
            #expect(welding.ranking.first { $0.team == "T015" }?.validJudges == 6)
            #expect(welding.ranking.first { $0.team == "T001" }?.validJudges == 7)
            #expect(results.missing.isEmpty)
            #expect(
                results.groups.flatMap(\.ranking).allSatisfy {
                    $0.score.range(of: #"^\d+\.\d\d$"#, options: .regularExpression) != nil
                })
        }
    }

    @Test func meanMatchesTheSheetComputedByHand() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Recompute T001's mean from the stored log, independently of the aggregator.
        let solvers = try store.solvers()
        let t001 = try #require(solvers.first { $0.solver.ref == "T001" })
        let totals = try store.scores(event: "HS2020").filter { $0.solverID == t001.id }.map { $0.points.reduce(0, +) }
        #expect(totals.count == 7)
        let expected = Decimal(totals.reduce(0, +)) / Decimal(totals.count) / 10
        let line = try JudgeService(store: store).results(event: "HS2020", method: .mean).groups
            .flatMap(\.ranking).first { $0.team == "T001" }
        #expect(line?.score == Aggregator.rounded(expected))
    }

    @Test func importingTheSameSheetAgainChangesNothing() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let again = try JudgeService(store: store).importScores(
            file: finalFolder.appendingPathComponent("scores.xlsx"), judgesFile: nil, event: "HS2020")
        #expect(again.imported == 0)
        #expect(again.unchanged == 63)
        #expect(again.excluded.count == 1)
    }

    @Test func badSheetsAreRefusedWholeWithRowNumbers() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try store.scores(event: "HS2020").count
        let csv = dir.appendingPathComponent("bad.csv")
        try Data(
            """
            评委,需求编号,团队编号,技术先进性,方案可行性,团队实力,经济社会效益
            李红梅,HS2020-033,T006,31,25,18,17
            李红梅,HS2020-033,T999,25,25,18,17
            无名氏,HS2020-033,T046,25,25,18,17
            李红梅,HS2020-033,T046,25.3,25,18,17
            李红梅,HS2020-999,T046,25,25,18,17
            陈立新,HS2020-033,T026,20,20,15,15

            """.utf8
        ).write(to: csv)
        do {
            _ = try JudgeService(store: store).importScores(file: csv, judgesFile: nil, event: "HS2020")
            Issue.record("a bad sheet was imported")
        } catch let error as JudgeImportError {
            #expect(error.problems.map(\.row) == [2, 3, 4, 5, 6])
            #expect(error.problems[0].reason == .aboveMaximum(300))
            #expect(error.problems[0].column == "技术先进性")
            #expect(error.problems[1].reason == .unknownTeam)
            #expect(error.problems[2].reason == .judgeNotOnPanel)
            #expect(error.problems[3].reason == .finerThanStep(5))
            #expect(error.problems[4].reason == .unknownDemand)
            #expect(error.description.contains("bad.csv, row 2, column '技术先进性': '31' is above the maximum 30"))
        }
        #expect(try store.scores(event: "HS2020").count == before)  // nothing half-imported, not even row 7
    }

    @Test func lockingAndCorrectionsKeepEveryVersion() throws {
        let (store, dir) = try sampleStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        // The demo imported paper sheets, so every judge is submitted: a change needs a reason.
        #expect(throws: JudgingError.self) {
            try service.enter(
                event: "HS2020", judge: "李红梅", team: "T006", demand: "HS2020-033", points: ["28", "28", "18", "18"], reason: nil)
        }
        try service.enter(
            event: "HS2020", judge: "李红梅", team: "T006", demand: "HS2020-033", points: ["28", "28", "18", "18"],
            reason: "typing error on the paper sheet")
        let history = try service.history(event: "HS2020", judge: "李红梅", team: "T006")
        #expect(history.map(\.version) == [1, 2])
        #expect(history[1].reason == "typing error on the paper sheet")
        #expect(history[1].tenths == [280, 280, 180, 180])
        let results = try service.results(event: "HS2020", method: .mean)
        #expect(results.groups[0].ranking.first { $0.team == "T006" }?.judges["李红梅"] == "92")
    }

    @Test func conflictedEntryIsRefusedAtEntry() throws {
        let (store, dir) = try sampleStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try JudgeService(store: store).enter(
                event: "HS2020", judge: "王建国", team: "T015", demand: "HS2020-065", points: ["25", "25", "15", "15"], reason: "x")
            Issue.record("a conflicted score was accepted")
        } catch let error as JudgingError {
            guard case .conflict(let detail) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(detail.description.contains("华中科技大学") && detail.chinese.contains("须回避"))
        }
        #expect(throws: JudgingError.self) {
            try JudgeService(store: store).enter(
                event: "HS2020", judge: "李红梅", team: "T006", demand: "HS2020-033", points: ["25", "25"], reason: "x")
        }
    }

    @Test func wideSheetsWithTeamsAsColumnsAreDetected() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("wide.csv")
        try Data("评委,需求编号,T006,T046,T026\n李红梅,HS2020-033,90,82.5,71\n刘海燕,HS2020-033,93,,75\n".utf8).write(to: csv)
        let result = try JudgeService(store: store).importScores(file: csv, judgesFile: nil, event: "HS2020")
        #expect(result.corrected == 5)  // totals replace the criteria sheets' entries, each as a new version
        let history = try JudgeService(store: store).history(event: "HS2020", judge: "李红梅", team: "T046")
        #expect(history.last?.tenths == [825])
        #expect(history.last?.reason == "corrected by wide.csv, row 2")
        let results = try JudgeService(store: store).results(event: "HS2020", method: .mean)
        #expect(results.groups[0].ranking.first { $0.team == "T046" }?.judges["李红梅"] == "82.5")
    }

    @Test func eventRulesAreConfigurable() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        let rules = try service.setup(
            event: "HS2020", criteria: nil, step: "0.1", tiers: "一等奖:1:overall,二等奖:2:overall,优秀奖::overall", method: .zscore)
        #expect(rules.stepTenths == 1)
        let results = try service.results(event: "HS2020", method: nil)
        #expect(results.method == "zscore")
        let awards = results.groups.flatMap { $0.ranking.compactMap(\.award) }
        #expect(awards.filter { $0 == "一等奖" }.count == 1)
        #expect(awards.filter { $0 == "二等奖" }.count == 2)
        #expect(awards.filter { $0 == "优秀奖" }.count == 6)
        #expect(throws: JudgingError.self) {
            try service.setup(event: "HS2020", criteria: "技术:abc", step: nil, tiers: nil, method: nil)
        }
        #expect(throws: JudgingError.self) {
            try service.setup(event: "HS2020", criteria: nil, step: "0.25", tiers: nil, method: nil)
        }
        // A date that cannot be read says so (not "as points"), as bad input.
        do {
            _ = try service.setup(event: "HS2020", criteria: nil, step: nil, tiers: nil, method: nil, date: "下周三")
            Issue.record("a date that cannot be read was accepted")
        } catch let error as DuijieError {
            #expect(error.kind == .invalid)
            #expect(error.description.contains("'下周三' as a date"), "\(error)")
        }
    }
    @Test func declaredPitchGroupsOrderResultsAndShowWhoIsMissing() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        _ = try service.setup(
            event: "HS2020", criteria: nil, step: nil, tiers: nil, method: nil, name: "2020衡水市创新挑战赛", date: "2020年10月28日",
            place: "衡水市")
        #expect(try store.eventDetails(event: "HS2020").date == "2020-10-28")
        try service.setGroup(event: "HS2020", demand: "内接式波纹管衬砌结构关键技术", teams: ["T069", "T012", "T036", "T019"])
        let results = try service.results(event: "HS2020", method: .mean)
        #expect(results.groups.first?.title == "内接式波纹管衬砌结构关键技术")
        #expect(results.groups.first?.ranking.count == 4)
        #expect(results.groups.first?.ranking.last?.team == "T019")
        #expect(results.groups.first?.ranking.last?.validJudges == 0)
        #expect(results.missing.filter { $0.team == "T019" }.count == 7)
        #expect(throws: JudgingError.self) { try service.setGroup(event: "HS2020", demand: "HS2020-033", teams: ["T999"]) }
        let run = try MatchService(store: store).assign(
            AssignRequest(event: "HS2020", perDemand: 3, distinctInstitutions: true, demands: ["HS2020-065"]))
        #expect(try service.setGroups(event: "HS2020", fromRun: run.run) == 1)
    }

    @Test func judgesScoreOnlyTheGroupsTheySitOn() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        // Two judges move to one group each (by ref and by title); the others keep every group.
        let panel = dir.appendingPathComponent("panel.csv")
        try Data("评委,单位,回避单位,评审组\n李红梅,河北省科学技术厅,,HS2020-065\n张志强,天津大学化工学院,天津大学,装备制造用长寿命耐水解水性醇酸树脂的研发\n".utf8)
            .write(to: panel)
        #expect(try service.importJudges(file: panel, event: "HS2020") == 2)
        let setup = try service.finalSetup(event: "HS2020")
        #expect(setup.judges.first { $0.name == "李红梅" }?.groups == ["HS2020-065"])
        #expect(setup.judges.first { $0.name == "王建国" }?.groups == [])
        let links = Dictionary(uniqueKeysWithValues: try service.links(event: "HS2020").map { ($0.judge, $0.token) })
        let li = try #require(try service.sheet(token: links["李红梅"]!))
        #expect(li.groups.map(\.demand) == ["HS2020-065"])
        #expect(li.total == 3)
        let zhang = try #require(try service.sheet(token: links["张志强"]!))
        #expect(zhang.groups.map(\.demand) == ["HS2020-033"])
        #expect(try service.sheet(token: links["王建国"]!)?.groups.count == 3)
        // Entering a score on another group is refused, with or without a reason.
        #expect(throws: JudgingError(column: "评委", value: "李红梅", reason: .notAssigned)) {
            try service.enter(
                event: "HS2020", judge: "李红梅", team: "T006", demand: "HS2020-033", points: ["20", "20", "10", "10"], reason: "x")
        }
        // A score sheet with such a row is refused whole, naming it.
        let sheet = dir.appendingPathComponent("stray.csv")
        try Data("评委,需求编号,团队编号,总分\n李红梅,HS2020-033,T006,80\n".utf8).write(to: sheet)
        #expect(throws: JudgeImportError.self) { try service.importScores(file: sheet, judgesFile: nil, event: "HS2020") }
        // A score sheet naming a judge keeps the judge's groups.
        let own = dir.appendingPathComponent("own.csv")
        try Data("评委,需求编号,团队编号,总分\n李红梅,HS2020-065,T001,81\n".utf8).write(to: own)
        _ = try service.importScores(file: own, judgesFile: nil, event: "HS2020")
        #expect(try service.finalSetup(event: "HS2020").judges.first { $0.name == "李红梅" }?.groups == ["HS2020-065"])
    }
    @Test func aScoreOutsideItsGroupIsRefusedOnEveryPathAndGroupChangesAreExplicit() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        let before = try service.results(event: "HS2020", method: .mean)
        let group = try #require(before.groups.first { $0.demand == "HS2020-065" }).ranking.map(\.team)
        #expect(group.count >= 3 && !group.contains("T006"))
        try service.setGroup(event: "HS2020", demand: "HS2020-065", teams: group)
        let points = ["20", "20", "10", "10"]
        // `judge score` (by name) and a judge's link — a page left open while the groups changed posts exactly this.
        #expect {
            try service.enter(event: "HS2020", judge: "王建国", team: "T006", demand: "HS2020-065", points: points, reason: nil)
        } throws: { error in
            guard let error = error as? JudgingError, case .notInGroup(let demand, let members) = error.reason else {
                return false
            }
            return demand == "HS2020-065" && members.count == group.count && "\(error)".contains("T006")
                && "\(error)".contains(group[0])
        }
        let token = try #require(try service.links(event: "HS2020").first { $0.judge == "王建国" }).token
        #expect(throws: JudgingError.self) {
            _ = try service.enter(token: token, team: "T006", demand: "HS2020-065", reason: nil) { _ in points }
        }
        // A score sheet with such a row is refused whole, naming the row.
        let sheet = dir.appendingPathComponent("stray.csv")
        try Data("评委,需求编号,团队编号,总分\n王建国,HS2020-065,T006,80\n".utf8).write(to: sheet)
        #expect {
            try service.importScores(file: sheet, judgesFile: nil, event: "HS2020")
        } throws: { error in "\(error)".contains("T006") && "\(error)".contains("row 2") }
        // Nothing was stored: the group and its ranking are as before.
        let unchanged = try service.results(event: "HS2020", method: .mean)
        #expect(unchanged.groups.first { $0.demand == "HS2020-065" }?.ranking.map(\.team).sorted() == group.sorted())

        // Taking a scored team out needs a reason; with one, its scores stay in the log and count as void.
        let kept = Array(group.dropLast())
        #expect {
            try service.setGroup(event: "HS2020", demand: "HS2020-065", teams: kept, reason: "  ")
        } throws: { error in
            guard let error = error as? JudgingError, case .removesScoredTeams(let teams) = error.reason else { return false }
            return teams.count == 1 && teams[0].hasPrefix(group.last!)
        }
        try service.setGroup(event: "HS2020", demand: "HS2020-065", teams: kept, reason: "团队退赛")
        let after = try service.results(event: "HS2020", method: .mean)
        let ranking = try #require(after.groups.first { $0.demand == "HS2020-065" }).ranking
        #expect(ranking.map(\.team).sorted() == kept.sorted())
        let void = after.excluded.filter { $0.team == group.last! }
        #expect(!void.isEmpty && void.allSatisfy { $0.reason.contains("团队退赛") && $0.reason.contains("void") })
        // Put back, the team ranks again and its removal is forgotten.
        try service.setGroup(event: "HS2020", demand: "HS2020-065", teams: group)
        let back = try service.results(event: "HS2020", method: .mean)
        #expect(back.groups.first { $0.demand == "HS2020-065" }?.ranking.count == group.count)
        #expect(!back.excluded.contains { $0.team == group.last! && $0.reason.contains("void") })
    }
    @Test func thePaperSheetIsReadBackByTheScoreImport() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        // A new judge on one group, whose phone died: the paper sheet lists that group's teams, the import reads it.
        let panel = dir.appendingPathComponent("panel.csv")
        try Data("评委,单位,回避单位,评审组\n周新,衡水学院,,HS2020-065\n".utf8).write(to: panel)
        #expect(try service.importJudges(file: panel, event: "HS2020") == 1)
        let sheet = try #require(try service.paperSheet(event: "HS2020", judge: "周新"))
        var rows = JudgeService.paperRows(sheet)
        #expect(rows[0].prefix(4) == ["评委", "需求编号", "团队编号", "团队名称"])
        #expect(rows[0].contains("技术先进性(30)") && rows[0].last == "总分")
        #expect(rows.dropFirst().map { $0[2] }.sorted() == ["T001", "T015", "T042"])
        for r in rows.indices.dropFirst() {
            rows[r].replaceSubrange(4..., with: ["25", "24.5", "18", "15", "82.5"])
        }
        let file = dir.appendingPathComponent("paper.csv")
        try TableExport.data(rows, rows: rows, sheet: "评分表", format: .csv).write(to: file)
        let imported = try service.importScores(file: file, judgesFile: nil, event: "HS2020")
        #expect(imported.imported == 3)
        let history = try service.history(event: "HS2020", judge: "周新", team: "T001")
        #expect(history.last?.tenths == [250, 245, 180, 150])
        #expect(try service.paperSheet(event: "HS2020", judge: "无此人") == nil)
    }
    @Test func theBoardShowsEachJudgesProgressAndEachTeamsValidJudges() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        let board = try service.board(event: "HS2020")
        let results = try service.results(event: "HS2020", method: nil)
        #expect(board.judges.count == 7)
        #expect(board.submitted == board.judges.filter(\.submitted).count)
        // Every team of every group, with the results' valid judges; what a judge entered and owes adds up.
        #expect(board.teams.count == results.groups.reduce(0) { $0 + $1.ranking.count })
        for team in board.teams {
            let line = results.groups.first { $0.demand == team.demand }?.ranking.first { $0.team == team.team }
            #expect(line?.validJudges == team.validJudges)
        }
        #expect(board.judges.reduce(0) { $0 + $1.missing } == results.missing.count)
        #expect(board.excluded.count == results.excluded.count && !board.excluded.isEmpty)  // 王建国 avoids 华中科技大学
        // A judge added late owes every team of their group and has entered nothing.
        let panel = dir.appendingPathComponent("panel.csv")
        try Data("评委,单位,回避单位,评审组\n周新,衡水学院,,HS2020-065\n".utf8).write(to: panel)
        _ = try service.importJudges(file: panel, event: "HS2020")
        let late = try #require(try service.board(event: "HS2020").judges.first { $0.judge == "周新" })
        #expect(late.entered == 0 && late.missing == 3 && !late.submitted)
    }
}
