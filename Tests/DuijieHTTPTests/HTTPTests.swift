import DuijieHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Service
import Store
import Testing

let sampleEvent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/sample-event")

/// A store with the sample event, in a temporary folder.
func demoStore() throws -> (DuijieStore, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-http-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let store = try DuijieStore(path: dir.appendingPathComponent("h.sqlite").path)
    _ = try DemoPipeline(store: store).run(folder: sampleEvent)
    let accounts = AccountService(store: store, cost: 4)
    try accounts.add(name: "organizer", role: .organizer, password: "organizer-pw")
    try accounts.add(name: "reporter", role: .reporter, password: "reporter-pw")
    return (store, dir)
}

/// HTTP Basic headers for an account.
func basic(_ name: String, _ password: String) -> HTTPFields {
    [.authorization: "Basic " + Data("\(name):\(password)".utf8).base64EncodedString()]
}

/// The organizer's and the reporter's credentials in the demo store.
let asOrganizer = basic("organizer", "organizer-pw")
let asReporter = basic("reporter", "reporter-pw")

func object(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) }

@Suite struct HTTPTests {
    @Test func everyDocumentedRouteAnswers() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let token = try JudgeService(store: store).links(event: "HS2020")[0].token
        let signin = try AccountService(store: store).signinToken(name: "organizer")
        let run = try MatchService(store: store).assign(AssignRequest(event: "HS2020", demands: ["HS2020-065"])).run
        // Two saved mappings: deleting number 1 leaves one for showing number 1, whatever the order.
        for signature in ["单位|难题", "单位|难题|情况"] {
            try store.saveMapping(
                kind: "demands", signature: signature, json: #"{"fields":{"单位":"enterprise"}}"#, savedBy: "test")
        }
        let app = buildApplication(database: EventDatabase(store: store))
        try await app.test(.router) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) { try object($0.body) as? [String: Any] }
            let paths = try #require(document?["paths"] as? [String: [String: Any]])
            // The document lists exactly the router's routes.
            let documented = Set(paths.flatMap { path, methods in methods.keys.map { "\($0) \(path)" } })
            let routed = Set(
                buildRouter(database: EventDatabase(store: store)).routes.map { "\($0.method.rawValue.lowercased()) \($0.path)" })
            #expect(
                documented == routed,
                "only documented: \(documented.subtracting(routed)); only routed: \(routed.subtracting(documented))")
            for (path, methods) in paths {
                for method in methods.keys {
                    var uri = path.replacingOccurrences(of: "{kind}", with: "demands")
                        .replacingOccurrences(of: "{token}", with: path.hasPrefix("/signin") ? signin : token)
                        .replacingOccurrences(of: "{demand}", with: "HS2020-065").replacingOccurrences(of: "{id}", with: "1")
                        .replacingOccurrences(of: "{run}", with: String(run)).replacingOccurrences(of: "{key}", with: "1")
                    if ["/api/judge/results", "/api/judge/setup", "/api/judge/links"].contains(uri) { uri += "?event=HS2020" }
                    if uri == "/api/import/demands" { uri += "?filename=x.csv" }
                    if uri.hasPrefix("/organize/") || uri.hasPrefix("/api/match/demands/") { uri += "?event=HS2020" }
                    let status = try await client.execute(
                        uri: uri, method: method == "post" ? .post : method == "delete" ? .delete : .get, headers: asOrganizer,
                        body: ByteBuffer(string: "企业名称,需求名称\n甲,乙\n")
                    ) { $0.status }
                    #expect(status != .notFound, "\(method) \(uri)")
                    #expect(status.code < 500, "\(method) \(path) → \(status)")
                }
            }
        }
    }

    @Test func apiMatchesTheCLIContracts() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = buildApplication(database: EventDatabase(store: store))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let body = try object(response.body) as? [String: String]
                #expect(body == ["status": "ok"])
            }
            // Two-character Chinese substring search.
            try await client.execute(uri: "/api/demands?q=%E6%BF%80%E5%85%89", method: .get, headers: asReporter) { response in
                let list = try #require(try object(response.body) as? [[String: Any]])
                #expect(!list.isEmpty)
                #expect(
                    list.allSatisfy {
                        ($0["title"] as? String ?? "").contains("激光") || ($0["description"] as? String ?? "").contains("激光")
                    })
            }
            try await client.execute(uri: "/api/match?event=HS2020&top=3", method: .get, headers: asOrganizer) { response in
                let body = try #require(try object(response.body) as? [String: Any])
                #expect(body["run"] is Int)
                #expect((body["demands"] as? [Any])?.count ?? 0 >= 190)
            }
            try await client.execute(uri: "/api/judge/results?event=HS2020&method=zscore", method: .get, headers: asReporter) {
                response in
                let body = try #require(try object(response.body) as? [String: Any])
                #expect(body["method"] as? String == "zscore")
                #expect((body["groups"] as? [Any])?.count == 3)
            }
            try await client.execute(uri: "/api/report?event=HS2020", method: .get, headers: asReporter) { response in
                let body = try #require(try object(response.body) as? [String: Any])
                #expect((body["signed"] as? [String: Any])?["amount_yuan"] as? String == "52000000.00")
            }
        }
    }

    @Test func errorsAreJSONWithTheRightStatus() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = buildApplication(database: EventDatabase(store: store))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/judge/results?event=HS2020&method=median", method: .get, headers: asReporter) {
                response in
                #expect(response.status == .badRequest)
                let body = try #require(try object(response.body) as? [String: [String: String]])
                #expect(body["error"]?["message"]?.contains("mean, trimmed or zscore") == true)
            }
            try await client.execute(
                uri: "/api/import/photos?filename=a.png", method: .post, headers: asOrganizer, body: ByteBuffer(string: "x")
            ) {
                response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/import/demands?filename=bad.xlsx", method: .post, headers: asOrganizer,
                body: ByteBuffer(bytes: [0x50, 0x4B, 3, 4, 9, 9])
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("bad.xlsx"))
            }
            try await client.execute(uri: "/nowhere", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func pagesEscapeWhatTheyShow() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("x.csv")
        try Data("企业名称,需求名称\n<b>坏</b>公司,<script>alert(1)</script>\n".utf8).write(to: csv)
        _ = ImportService(store: store).run(ImportRequest(kind: .demands, files: [csv], event: "X"))
        let app = buildApplication(database: EventDatabase(store: store))
        try await app.test(.router) { client in
            try await client.execute(uri: "/?q=alert&event=X", method: .get, headers: asReporter) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!page.contains("<script>alert"))
                #expect(page.contains("<svg"))
                #expect(page.contains("技术需求"))
            }
            try await client.execute(uri: "/?lang=en", method: .get, headers: asReporter) {
                #expect(String(buffer: $0.body).contains("Demands"))
            }
        }
    }

    @Test func uploadImportsASheet() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = buildApplication(database: EventDatabase(store: store))
        try await app.test(.router) { client in
            let sheet = ByteBuffer(string: "企业名称,需求名称,预计投入\n甲公司,新需求,50\n乙公司,,10\n")
            try await client.execute(
                uri: "/api/import/demands?filename=new.csv&event=UP", method: .post, headers: asOrganizer, body: sheet
            ) {
                response in
                #expect(response.status == .ok)
                let body = try #require(try object(response.body) as? [String: Any])
                #expect(body["imported"] as? Int == 1)
                #expect((body["rejected"] as? [[String: Any]])?.first?["row"] as? Int == 3)
            }
        }
    }

    @Test func judgesSeeOnlyTheirOwnSheetAndResubmittingIsIdempotent() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        let links = Dictionary(uniqueKeysWithValues: try service.links(event: "HS2020").map { ($0.judge, $0.token) })
        #expect(links.count == 7)
        #expect(links.values.allSatisfy { $0.count == 32 })
        let wang = try #require(links["王建国"])
        let li = try #require(links["李红梅"])
        let app = buildApplication(database: EventDatabase(store: store))
        try await app.test(.router) { client in
            try await client.execute(uri: "/judge/\(wang)", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(page.contains("王建国"))
                #expect(!page.contains("李红梅"))
                #expect(page.contains("回避"))  // T015 of 华中科技大学
                #expect(page.contains("localStorage"))
            }
            try await client.execute(uri: "/judge/\(wang)?lang=en", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("score sheet"))
                #expect(page.contains("Conflict of interest"))
                #expect(page.contains("name=\"lang\" value=\"en\""))
            }
            try await client.execute(uri: "/judge/0123456789abcdef0123456789abcdef", method: .get) {
                #expect($0.status == .notFound)
            }
            // The demo's paper sheets are submitted: a change needs a reason; the same points again change nothing.
            let before = try service.history(event: "HS2020", judge: "李红梅", team: "T006").count
            let current = try #require(try service.sheet(token: li)?.groups.first?.teams.first { $0.team == "T006" }?.points)
            var form = "demand=HS2020-033&team=T006"
            for (i, p) in current.enumerated() { form += "&p\(i)=\(p)" }
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/judge/\(li)/score", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: form)
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location]?.contains("saved=") == true)
                }
            }
            #expect(try service.history(event: "HS2020", judge: "李红梅", team: "T006").count == before)
            // A changed score without a reason is refused with the reason shown on the page.
            try await client.execute(
                uri: "/judge/\(li)/score", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "demand=HS2020-033&team=T006&p0=20&p1=20&p2=10&p3=10")
            ) { response in
                #expect(response.headers[.location]?.contains("error=") == true)
            }
            // The conflicted judge cannot score the avoided team through the page either.
            try await client.execute(
                uri: "/judge/\(wang)/score", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "demand=HS2020-065&team=T015&p0=20&p1=20&p2=10&p3=10&reason=x")
            ) { response in
                #expect(response.headers[.location]?.contains("error=") == true)
            }
            // Once HS2020-065's group is declared, a stale page's post for a team of another group is refused and
            // stores nothing; the page says which group the team is not in.
            let group = try #require(
                try service.results(event: "HS2020", method: .mean).groups.first { $0.demand == "HS2020-065" }
            ).ranking.map(\.team)
            try service.setGroup(event: "HS2020", demand: "HS2020-065", teams: group)
            let log = try service.history(event: "HS2020", judge: "王建国", team: "T006").count
            try await client.execute(
                uri: "/judge/\(wang)/score", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "demand=HS2020-065&team=T006&p0=20&p1=20&p2=10&p3=10")
            ) { response in
                let location = response.headers[.location] ?? ""
                #expect(location.contains("error="))
                #expect(location.removingPercentEncoding?.contains("HS2020-065") == true)
            }
            #expect(try service.history(event: "HS2020", judge: "王建国", team: "T006").count == log)
            #expect(
                try service.results(event: "HS2020", method: .mean).groups.first { $0.demand == "HS2020-065" }?.ranking.map(
                    \.team)
                    == group)
        }
        // Revoked links stop working.
        #expect(try service.revokeLinks(event: "HS2020", judge: "王建国") == 1)
        try await app.test(.router) { client in
            try await client.execute(uri: "/judge/\(wang)", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func twoHundredJudgesSavingAtOnceStoreEveryScoreOnce() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two hundred judges on a fresh event with one demand and one team.
        let event = "LOAD"
        let judges = dir.appendingPathComponent("judges.csv")
        try Data(("评委,单位\n" + (1...200).map { "评委\($0),单位\($0)\n" }.joined()).utf8).write(to: judges)
        let demands = dir.appendingPathComponent("d.csv")
        try Data("需求编号,企业名称,需求名称\nL-1,甲公司,负载测试需求\n".utf8).write(to: demands)
        _ = ImportService(store: store).run(ImportRequest(kind: .demands, files: [demands], event: event))
        let scores = dir.appendingPathComponent("s.csv")
        try Data("评委,需求编号,团队编号,总分\n评委1,L-1,T001,80\n".utf8).write(to: scores)
        _ = try JudgeService(store: store).importScores(file: scores, judgesFile: judges, event: event)
        let links = try JudgeService(store: store).links(event: event).filter { $0.judge != "评委1" }
        #expect(links.count == 199)
        let app = buildApplication(database: EventDatabase(store: store))
        try await app.test(.router) { client in
            try await withThrowingTaskGroup(of: (Bool, HTTPResponse.Status).self) { group in
                for (index, link) in links.enumerated() {
                    // Half save as the page's script does (JSON back), half as a page without script (a redirect).
                    let script = index.isMultiple(of: 2)
                    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                    if script { headers[.accept] = "application/json" }
                    group.addTask {
                        try await client.execute(
                            uri: "/judge/\(link.token)/score", method: .post, headers: headers,
                            body: ByteBuffer(string: "demand=L-1&team=T001&p0=\(20 + index % 10)&p1=25&p2=15&p3=15")
                        ) { (script, $0.status) }
                    }
                }
                for try await (script, status) in group { #expect(status == (script ? .ok : .seeOther)) }
            }
        }
        let results = try JudgeService(store: store).results(event: event, method: .mean)
        #expect(results.groups.first?.ranking.first?.validJudges == 200)
        for link in links {
            #expect(try JudgeService(store: store).history(event: event, judge: link.judge, team: "T001").count == 1)
        }
    }

    @Test func theJudgesPhoneSavesInPlaceSumsSummarisesAndLocks() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = JudgeService(store: store)
        let panel = dir.appendingPathComponent("panel.csv")
        try Data("评委,单位,回避单位,评审组\n周新,衡水学院,,HS2020-065\n".utf8).write(to: panel)
        _ = try service.importJudges(file: panel, event: "HS2020")
        let token = try #require(try service.links(event: "HS2020").first { $0.judge == "周新" }).token
        let app = buildApplication(database: EventDatabase(store: store))
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        try await app.test(.router) { client in
            // The sheet: each team's anchor and total, its saved points for the draft check, the summary.
            let page = try await client.execute(uri: "/judge/\(token)", method: .get) { String(buffer: $0.body) }
            #expect(page.contains("id=\"t-HS2020-065-T001\"") && page.contains("data-saved=") && page.contains("<output>"))
            #expect(page.contains("id=\"summary\"") && page.contains("还有团队未评分： 3"))
            // Saved by the script: JSON back, the judge stays on the page.
            var json = form
            json[.accept] = "application/json"
            try await client.execute(
                uri: "/judge/\(token)/score", method: .post, headers: json,
                body: ByteBuffer(string: "demand=HS2020-065&team=T001&c:技术先进性=25&c:方案可行性=24.5&c:团队实力=18&c:经济社会效益=15")
            ) { response in
                #expect(response.status == .ok)
                let answer = try #require(try object(response.body) as? [String: Any])
                #expect(
                    answer["ok"] as? Bool == true && answer["scored"] as? Int == 1 && answer["team_total"] as? String == "82.5")
            }
            try await client.execute(
                uri: "/judge/\(token)/score", method: .post, headers: json,
                body: ByteBuffer(string: "demand=HS2020-065&team=T015&c:技术先进性=99&c:方案可行性=1&c:团队实力=1&c:经济社会效益=1")
            ) { response in
                #expect(response.status == .unprocessableContent)
                let answer = try object(response.body) as? [String: Any]
                #expect(answer?["ok"] as? Bool == false)
            }
            // Without the script: back to the team's own anchor.
            try await client.execute(
                uri: "/judge/\(token)/score", method: .post, headers: form,
                body: ByteBuffer(string: "demand=HS2020-065&team=T015&c:技术先进性=20&c:方案可行性=20&c:团队实力=15&c:经济社会效益=15")
            ) { #expect($0.headers[.location]?.hasSuffix("#t-HS2020-065-T015") == true) }
            // The sheet's submit goes to the summary first; only the summary's confirmation locks it.
            try await client.execute(uri: "/judge/\(token)/submit", method: .post, headers: form, body: ByteBuffer(string: "")) {
                #expect($0.headers[.location]?.hasSuffix("#summary") == true)
            }
            #expect(try service.finalSetup(event: "HS2020").judges.first { $0.name == "周新" }?.submitted == false)
            try await client.execute(
                uri: "/judge/\(token)/submit", method: .post, headers: form, body: ByteBuffer(string: "confirm=yes")
            ) { #expect($0.status == .seeOther) }
            let locked = try await client.execute(uri: "/judge/\(token)", method: .get) { String(buffer: $0.body) }
            #expect(locked.contains("已保存合计 <strong>82.5</strong>") && locked.contains("<details>"))
            #expect(!locked.contains("name=\"confirm\""))
            // A withdrawn or unknown link: a Chinese page saying what to do.
            try await client.execute(uri: "/judge/0123456789abcdef0123456789abcdef", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("评分链接已失效"))
            }
        }
    }
}
