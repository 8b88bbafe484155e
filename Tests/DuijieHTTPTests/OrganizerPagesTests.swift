import DuijieHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Service
import Sheets
import Store
import Testing

/// A multipart body with text fields and one file.
func multipart(fields: [(String, String)], file: (name: String, filename: String, data: String)) -> (String, ByteBuffer) {
    let boundary = "----duijie\(UUID().uuidString.prefix(8))"
    var text = ""
    for (name, value) in fields {
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n"
    text += "Content-Type: text/csv\r\n\r\n\(file.data)\r\n--\(boundary)--\r\n"
    return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(string: text))
}

@Suite struct OrganizerPagesTests {
    @Test func uploadShowsTheRowByRowReport() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            let (type, body) = multipart(
                fields: [("csrf", session.csrf), ("kind", "demands"), ("event", "UP"), ("step", "import")],
                file: ("file", "县里的需求.csv", "企业名称,需求名称,预计投入\n甲公司,新需求,50\n乙公司,,10\n丙公司,<b>粗体</b>需求,很多\n"))
            var headers = session.headers
            headers[.contentType] = type
            try await client.execute(uri: "/organize/upload", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("县里的需求.csv"))
                #expect(page.contains("<td>3</td>"))  // the row without a title
                #expect(page.contains("<td>4</td>"))  // the unreadable amount
                #expect(page.contains("很多"))
                #expect(!page.contains("<b>粗体</b>"))
            }
            // The same upload through the API, multipart.
            var api = asOrganizer
            let (apiType, apiBody) = multipart(
                fields: [("event", "UP2")], file: ("file", "b.csv", "企业名称,需求名称\n丁公司,另一个需求\n"))
            api[.contentType] = apiType
            try await client.execute(uri: "/api/import/demands", method: .post, headers: api, body: apiBody) { response in
                #expect(response.status == .ok)
                let summary = try object(response.body) as? [String: Any]
                #expect(summary?["imported"] as? Int == 1)
            }
            // Without the token the upload is refused and nothing is stored.
            let (_, forged) = multipart(
                fields: [("kind", "demands"), ("event", "FORGED")], file: ("file", "c.csv", "企业名称,需求名称\n戊,己\n"))
            try await client.execute(uri: "/organize/upload", method: .post, headers: headers, body: forged) {
                #expect($0.status == .forbidden)
            }
        }
        #expect(try store.demands(event: "UP").count == 1)
        #expect(try store.demands(event: "UP2").count == 1)
        #expect(try store.demands(event: "FORGED").isEmpty)
        #expect(try store.rejectedRows(kind: "demands").contains { $0.rejection.file == "县里的需求.csv" && $0.rejection.row == 3 })
    }

    @Test func demandsShowRankedTeamsWithReasonsAndPinDropWorks() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            try await client.execute(
                uri: "/organize/demands?event=HS2020&q=%E7%84%8A%E6%8E%A5", method: .get, headers: session.headers
            ) {
                response in
                let page = String(buffer: response.body)
                #expect(page.contains("/organize/demands/HS2020-065"))
            }
            let page = try await client.execute(
                uri: "/organize/demands/HS2020-065?event=HS2020", method: .get, headers: session.headers
            ) {
                String(buffer: $0.body)
            }
            for team in ["T001", "T015", "T042"] { #expect(page.contains(team)) }
            #expect(page.contains("匹配“激光焊接”"))  // the reasons, in Chinese on the Chinese page
            #expect(page.contains("地域：京津冀"))
            // Strength beside the score; this demand has a strong candidate, so no "no strong candidate" notice.
            #expect(page.contains("匹配强度") && page.contains("strength-strong"))
            #expect(!page.contains("没有强匹配"))
            let english = try await client.execute(
                uri: "/organize/demands/HS2020-065?event=HS2020&lang=en", method: .get, headers: session.headers
            ) { String(buffer: $0.body) }
            #expect(english.contains("matched 激光焊接"))
            // Drop T001, then it is gone from the list and shown as a decision; undo brings it back.
            let (headers, drop) = session.form("event=HS2020&team=T001&action=drop")
            try await client.execute(uri: "/organize/demands/HS2020-065/decision", method: .post, headers: headers, body: drop) {
                #expect($0.status == .seeOther)
            }
            let ranking = try MatchService(store: store).candidates(demand: "HS2020-065", event: "HS2020")
            #expect(ranking?.candidates.contains { $0.counterpart == "T001" } == false)
            #expect(try MatchService(store: store).decisions(demand: "HS2020-065", event: "HS2020").first?.action == .drop)
            let (_, pin) = session.form("event=HS2020&team=T070&action=pin")
            try await client.execute(uri: "/organize/demands/HS2020-065/decision", method: .post, headers: headers, body: pin) {
                #expect($0.status == .seeOther)
            }
            let pinned = try MatchService(store: store).candidates(demand: "HS2020-065", event: "HS2020")
            #expect(pinned?.candidates.contains { $0.counterpart == "T070" && $0.pinned } == true)
            let (_, bad) = session.form("event=HS2020&team=T001&action=promote")
            try await client.execute(uri: "/organize/demands/HS2020-065/decision", method: .post, headers: headers, body: bad) {
                #expect($0.status == .badRequest)
                #expect(String(buffer: $0.body).contains("操作只能是固定、移除或撤销"))  // the page speaks Chinese
            }
        }
    }

    @Test func assignmentBecomesTheFinalsGroupsAndTheReportExports() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            let (headers, body) = session.form(
                "event=HS2020&per_demand=3&capacity=1&distinct_institutions=1&demands=HS2020-065%2CHS2020-033")
            let page = try await client.execute(uri: "/organize/assign", method: .post, headers: headers, body: body) {
                response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(page.contains("T001, T015, T042") || page.contains("T001") && page.contains("T042"))
            let marker = try #require(page.range(of: "name=\"run\" value=\""))
            let run = String(page[marker.upperBound...].prefix { $0.isNumber })
            let (_, groups) = session.form("event=HS2020&run=\(run)")
            try await client.execute(uri: "/organize/final/groups", method: .post, headers: headers, body: groups) {
                #expect($0.status == .seeOther)
            }
            let setup = try JudgeService(store: store).finalSetup(event: "HS2020")
            let welding = try #require(setup.groups.first { $0.demand == "HS2020-065" })
            #expect(welding.teams.map(\.team).sorted() == ["T001", "T015", "T042"])
            #expect(setup.groups.contains { $0.demand == "HS2020-033" })
            // The final page lists the judges with their links.
            try await client.execute(uri: "/organize/final?event=HS2020", method: .get, headers: session.headers) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("王建国"))
                #expect(page.contains("/judge/"))
                // Each link with its QR code (an SVG made on the server), a copy button and a card to print.
                #expect(page.contains("aria-label=\"评委链接二维码：王建国\""))
                #expect(page.contains("复制链接") && page.contains("/organize/final/card?event=HS2020&amp;judge="))
            }
            let wangLink = try #require(try JudgeService(store: store).links(event: "HS2020").first { $0.judge == "王建国" }).token
            try await client.execute(
                uri: "/organize/final/card?event=HS2020&judge=%E7%8E%8B%E5%BB%BA%E5%9B%BD", method: .get, headers: session.headers
            ) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(page.contains("<svg") && page.contains("/judge/\(wangLink)") && page.contains("window.print()"))
            }
            // The board and the projector, revealed one group at a time.
            try await client.execute(uri: "/organize/final/board?event=HS2020", method: .get, headers: session.headers) {
                let page = String(buffer: $0.body)
                #expect(page.contains("决赛看板") && page.contains("评委进度") && page.contains("setInterval"))
            }
            for shown in [0, 1, 3] {
                try await client.execute(
                    uri: "/organize/final/projector?event=HS2020&shown=\(shown)", method: .get, headers: session.headers
                ) {
                    let page = String(buffer: $0.body)
                    #expect(page.components(separatedBy: "<section>").count - 1 == shown)
                    #expect(page.contains("揭晓下一组") == (shown < 3))
                }
            }
            try await client.execute(uri: "/api/judge/board?event=HS2020", method: .get, headers: asOrganizer) {
                let board = try #require(try object($0.body) as? [String: Any])
                #expect((board["judges"] as? [Any])?.count == 7)
            }
            // The paper fallback: a printable sheet, and the same rows as XLSX for the import.
            let paper = "/organize/final/paper?event=HS2020&judge=%E7%8E%8B%E5%BB%BA%E5%9B%BD"
            try await client.execute(uri: paper, method: .get, headers: session.headers) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(page.contains("纸质评分表") && page.contains("技术先进性（30）") && page.contains("评委签字"))
            }
            try await client.execute(uri: paper + "&format=xlsx", method: .get, headers: session.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.contains("spreadsheetml") == true)
                #expect(response.body.readableBytes > 1000)
            }
            // Withdrawing a link asks first; only the confirmed post withdraws it.
            let (_, revoke) = session.form("event=HS2020&judge=%E7%8E%8B%E5%BB%BA%E5%9B%BD")
            try await client.execute(uri: "/organize/final/revoke", method: .post, headers: headers, body: revoke) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("确认作废并重发") && page.contains("name=\"confirm\" value=\"yes\""))
            }
            #expect(try JudgeService(store: store).links(event: "HS2020").first { $0.judge == "王建国" }?.token == wangLink)
            let (_, confirmed) = session.form("event=HS2020&judge=%E7%8E%8B%E5%BB%BA%E5%9B%BD&confirm=yes")
            try await client.execute(uri: "/organize/final/revoke", method: .post, headers: headers, body: confirmed) {
                #expect($0.status == .seeOther)
            }
            #expect(try JudgeService(store: store).links(event: "HS2020").first { $0.judge == "王建国" }?.token != wangLink)
            // The report page: the registered list and the export buttons; the exports themselves.
            try await client.execute(uri: "/report", method: .get, headers: session.headers) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("/report/export.csv"))
                #expect(page.contains("/report/export.xlsx"))
                #expect(page.components(separatedBy: "<tr>").count >= 12 + 5)
                #expect(page.contains("<svg"))
            }
            try await client.execute(uri: "/report/export.csv", method: .get, headers: session.headers) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("\u{FEFF}"))
                #expect(text.contains("52000000.00"))
            }
            let xlsx = try await client.execute(uri: "/api/report/export?format=xlsx", method: .get, headers: asReporter) {
                response in
                #expect(response.status == .ok)
                return Data(response.body.readableBytesView)
            }
            let file = dir.appendingPathComponent("report.xlsx")
            try xlsx.write(to: file)
            let workbook = try WorkbookOpener.open(file)
            var cells: [String] = []
            for sheet in workbook.sheets {
                try workbook.readRows(of: sheet) { row in cells += row.cells.map(\.text) }
            }
            #expect(cells.contains("52000000.00"))
        }
    }

    @Test func theAPISetsUpTheFinalAndTakesScoresWithTheRightStatuses() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            var json = asOrganizer
            json[.contentType] = "application/json"
            try await client.execute(
                uri: "/api/judge/setup", method: .post, headers: json,
                body: ByteBuffer(string: #"{"event":"HS2020","place":"衡水","method":"mean"}"#)
            ) { response in
                #expect(response.status == .ok)
                let setup = try object(response.body) as? [String: Any]
                #expect(setup?["method"] as? String == "mean")
            }
            // A conflict of interest is a 409; an unknown team 422; a bad point 400; a locked sheet without a reason 409.
            for (body, status) in [
                (
                    #"{"event":"HS2020","judge":"王建国","demand":"HS2020-065","team":"T015","points":["20","20","10","10"],"reason":"x"}"#,
                    HTTPResponse.Status.conflict
                ),
                (
                    #"{"event":"HS2020","judge":"王建国","demand":"HS2020-065","team":"T999","points":["20","20","10","10"],"reason":"x"}"#,
                    .unprocessableContent
                ),
                (
                    #"{"event":"HS2020","judge":"王建国","demand":"HS2020-065","team":"T001","points":["99","20","10","10"],"reason":"x"}"#,
                    .badRequest
                ),
                (
                    #"{"event":"HS2020","judge":"王建国","demand":"HS2020-065","team":"T001","points":["21","20","10","10"]}"#,
                    .conflict
                ),
                (
                    #"{"event":"HS2020","judge":"王建国","demand":"HS2020-065","team":"T001","points":["21","20","10","10"],"reason":"纸质表更正"}"#,
                    .ok
                ),
                // Once the group is declared, a team of another group is refused (409), with or without a reason.
                (#"{"event":"HS2020","demand":"HS2020-065","teams":["T015","T001","T042"]}"#, .ok),
                (
                    #"{"event":"HS2020","judge":"王建国","demand":"HS2020-065","team":"T006","points":["20","20","10","10"],"reason":"x"}"#,
                    .conflict
                ),
                // Taking a scored team out without a reason is refused too.
                (#"{"event":"HS2020","demand":"HS2020-065","teams":["T015","T001"]}"#, .conflict),
            ] {
                let uri = body.contains("\"teams\"") ? "/api/judge/groups" : "/api/judge/scores"
                try await client.execute(uri: uri, method: .post, headers: json, body: ByteBuffer(string: body)) {
                    #expect($0.status == status, "\(body)")
                }
            }
            try await client.execute(
                uri: "/api/judge/history?event=HS2020&judge=%E7%8E%8B%E5%BB%BA%E5%9B%BD&team=T001", method: .get,
                headers: asOrganizer
            ) {
                let versions = try #require(try object($0.body) as? [[String: Any]])
                #expect(versions.count == 2)
                #expect((versions.last?["reason"] as? String)?.contains("entered by organizer") == true)
            }
            try await client.execute(uri: "/api/deals/9999/history", method: .get, headers: asReporter) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/api/deals", method: .post, headers: json,
                body: ByteBuffer(
                    string: #"{"enterprise":"甲","solver":"乙","stage":"signed","amount":"100万","tech_amount":"120万"}"#)
            ) { #expect($0.status == .badRequest) }
            // Conflicts with what is stored are 409: a registration number in use, a deal moving back.
            for body in [
                #"{"enterprise":"新企业","solver":"T001","stage":"registered","amount":"10","category":"技术开发","registration":"20201311000101","date":"2020-11-20"}"#,
                #"{"enterprise":"桃城区建新化工股份有限公司","solver":"河北工业大学","stage":"intention","amount":"10"}"#,
            ] {
                try await client.execute(uri: "/api/deals", method: .post, headers: json, body: ByteBuffer(string: body)) {
                    #expect($0.status == .conflict, "\(body)")
                }
            }
            // An unknown demand in an assignment request cannot be used: 422.
            try await client.execute(uri: "/api/assign?event=HS2020&demands=NOPE-1", method: .post, headers: asOrganizer) {
                #expect($0.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/match/demands/HS2020-065?event=HS2020&top=3", method: .get, headers: asOrganizer)
            {
                let body = try #require(try object($0.body) as? [String: Any])
                #expect((body["candidates"] as? [Any])?.count == 3)
            }
            try await client.execute(uri: "/api/match/demands/NOPE?event=HS2020", method: .get, headers: asOrganizer) {
                #expect($0.status == .notFound)
            }
            // Runs are read back: a ranking's lists, an assignment's result.
            let ranking = try await client.execute(uri: "/api/match?event=HS2020&top=3", method: .post, headers: asOrganizer) {
                try #require(try object($0.body) as? [String: Any])["run"] as? Int
            }
            try await client.execute(uri: "/api/match/runs/\(ranking ?? -1)", method: .get, headers: asOrganizer) { response in
                let body = try #require(try object(response.body) as? [String: Any])
                #expect(body["kind"] as? String == "rank")
                let lists = try #require(body["rankings"] as? [[String: Any]])
                #expect(lists.count >= 190)
                #expect((lists.first?["candidates"] as? [Any])?.count == 3)
            }
            let assigned = try await client.execute(
                uri: "/api/assign?event=HS2020&demands=HS2020-065&distinct_institutions=true", method: .post, headers: asOrganizer
            ) { try #require(try object($0.body) as? [String: Any])["run"] as? Int }
            try await client.execute(uri: "/api/match/runs/\(assigned ?? -1)", method: .get, headers: asOrganizer) { response in
                let body = try #require(try object(response.body) as? [String: Any])
                let assignment = try #require(body["assignment"] as? [String: Any])
                let items = try #require(assignment["assignments"] as? [[String: Any]])
                #expect((items.first?["solvers"] as? [String])?.sorted() == ["T001", "T015", "T042"])
            }
            try await client.execute(uri: "/api/match/runs/99999", method: .get, headers: asOrganizer) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func uploadsAreSizeLimitedAndLinksCanBeRevokedThroughTheAPI() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try store.demands().count
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: (64 << 20) + 1)
            try await client.execute(uri: "/api/import/demands?filename=big.csv", method: .post, headers: asOrganizer, body: big)
            {
                #expect($0.status == .contentTooLarge)
            }
            var form = asOrganizer
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/organize/upload", method: .post, headers: form, body: big) {
                #expect($0.status == .contentTooLarge)
            }
            var json = asOrganizer
            json[.contentType] = "application/json"
            let old = try #require(try JudgeService(store: store).links(event: "HS2020").first { $0.judge == "王建国" }?.token)
            try await client.execute(
                uri: "/api/judge/links/revoke", method: .post, headers: json,
                body: ByteBuffer(string: #"{"event":"HS2020","judge":"王建国"}"#)
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/judge/\(old)", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(
                uri: "/api/judge/links/revoke", method: .post, headers: json,
                body: ByteBuffer(string: #"{"event":"HS2020","judge":"无名氏"}"#)
            ) { #expect($0.status == .notFound) }
        }
        #expect(try store.demands().count == before)
    }

    @Test func rowsToFixAreListedExportedAndGoWhenTheFileIsFixed() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            var headers = session.headers
            let bad = "企业名称,需求名称,预计投入（万元）\n甲公司,新需求,50\n乙公司,,10\n丙公司,第三个,=1+1\n"
            let (type, body) = multipart(
                fields: [("csrf", session.csrf), ("kind", "demands"), ("event", "FIX"), ("step", "import")],
                file: ("file", "县表.csv", bad))
            headers[.contentType] = type
            try await client.execute(uri: "/organize/upload", method: .post, headers: headers, body: body) {
                #expect($0.status == .ok)
            }
            let page = try await client.execute(uri: "/organize/rejected?kind=demands", method: .get, headers: session.headers) {
                String(buffer: $0.body)
            }
            #expect(page.contains("县表.csv"))
            #expect(page.contains("<td>3</td>") && page.contains("<td>4</td>"))
            // The sheet to fix: the reason first, the row's own columns under their headers, formulas neutralised.
            try await client.execute(uri: "/organize/rejected/export.csv?kind=demands", method: .get, headers: session.headers) {
                response in
                let text = String(buffer: response.body)
                #expect(text.contains("企业名称"))
                #expect(text.contains("乙公司"))
                #expect(!text.contains(",=1+1"))
            }
            try await client.execute(uri: "/organize/rejected", method: .get, headers: asReporter) {
                #expect($0.status == .forbidden)
            }
            // The fixed file, uploaded under the same name, clears its rows to fix.
            let fixed = "企业名称,需求名称,预计投入（万元）\n甲公司,新需求,50\n乙公司,补上的名称,10\n丙公司,第三个,20\n"
            let (type2, body2) = multipart(
                fields: [("csrf", session.csrf), ("kind", "demands"), ("event", "FIX"), ("step", "import")],
                file: ("file", "县表.csv", fixed))
            headers[.contentType] = type2
            try await client.execute(uri: "/organize/upload", method: .post, headers: headers, body: body2) {
                #expect($0.status == .ok)
            }
        }
        #expect(
            try CatalogService(store: store).rejected(kind: "demands", toFix: true).allSatisfy { $0.rejection.file != "县表.csv" })
        #expect(try CatalogService(store: store).rejected(kind: "demands").contains { $0.rejection.file == "县表.csv" })
        #expect(try store.demands(event: "FIX").count == 3)
    }
}
