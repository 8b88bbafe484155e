import DuijieHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Service
import Store
import Testing

/// The rows-to-fix round trip through the organizers' pages: upload a sheet with three bad rows → download that
/// file's sheet to fix → correct two rows, leave one bad → upload it → one row left, listed and counted alike, and
/// nothing the corrected rows carried is lost.
@Suite struct RowsToFixRoundTripTests {
    @Test func correctTwoLeaveOne() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = """
            企业名称,需求名称,县市区,预计投入（万元）,要求完成时间,联系电话
            甲公司,好需求,枣强县,50,2021-06-30,13800000000
            乙公司,,枣强县,10,2021-06-30,13800000001
            丙公司,第三个,景县,约五十万,2021-06-30,13800000002
            丁公司,第四个,景县,20,明年春天以后再说,13800000003

            """
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            func upload(_ name: String, _ text: String) async throws {
                let (type, body) = multipart(
                    fields: [("csrf", session.csrf), ("kind", "demands"), ("event", "TRIP"), ("step", "import")],
                    file: ("file", name, text))
                var headers = session.headers
                headers[.contentType] = type
                try await client.execute(uri: "/organize/upload", method: .post, headers: headers, body: body) {
                    #expect($0.status == .ok)
                }
            }
            func toFix() async throws -> (listed: Int, counted: Int) {
                let list = try await client.execute(uri: "/organize/rejected", method: .get, headers: session.headers) {
                    String(buffer: $0.body)
                }
                let overview = try await client.execute(uri: "/", method: .get, headers: session.headers) {
                    String(buffer: $0.body)
                }
                let counted = overview.firstMatch(of: /待修改的问题行<\/a>: (\d+)/).flatMap { Int($0.1) } ?? -1
                return (list.components(separatedBy: "<tr><td>").count - 1, counted)
            }
            // The sample event has rows to fix of its own: the list and the overview agree at every step.
            let before = try await toFix()
            #expect(before.listed == before.counted)
            try await upload("县表.csv", bad)
            var state = try await toFix()
            #expect(state.listed == before.listed + 3 && state.counted == before.counted + 3)
            // The download of that file: problem and source row first, then its own headers in its own order.
            let page = try await client.execute(uri: "/organize/rejected", method: .get, headers: session.headers) {
                String(buffer: $0.body)
            }
            let link = try #require(page.firstMatch(of: /href="(\/organize\/rejected\/export\.csv\?file=[^"]+)"/)).1
            let csv = try await client.execute(
                uri: String(link).replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: session.headers
            ) { response in
                #expect(response.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
                return String(buffer: response.body).replacingOccurrences(of: "\u{FEFF}", with: "")
            }
            var lines = csv.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.first == "问题,来源行,企业名称,需求名称,县市区,预计投入（万元）,要求完成时间,联系电话")
            #expect(lines.count == 4)
            // Correct 乙公司's title and 丙公司's amount; leave 丁公司's date as it is.
            lines = lines.map { line in
                line.replacingOccurrences(of: "乙公司,,", with: "乙公司,补上的名称,")
                    .replacingOccurrences(of: "约五十万", with: "50")
            }
            try await upload("待修改-县表.csv", lines.joined(separator: "\n") + "\n")
            state = try await toFix()
            #expect(state.listed == before.listed + 1 && state.counted == before.counted + 1)
            let left = try CatalogService(store: store).rejected(kind: "demands", toFix: true).filter {
                $0.rejection.file.contains("县表")
            }
            #expect(left.map(\.rejection.column) == ["要求完成时间"])
            #expect(left.first?.rejection.value == "明年春天以后再说")
            // The corrected rows came in whole: county, budget and phone kept.
            let trip = try store.demands(event: "TRIP").map(\.demand)
            #expect(trip.count == 3)
            let fixed = try #require(trip.first { $0.enterprise == "乙公司" })
            #expect(fixed.title == "补上的名称" && fixed.county == "枣强县" && fixed.phone == "13800000001")
            let amount = try #require(trip.first { $0.enterprise == "丙公司" })
            #expect(amount.budget == .amount(.init(yuan: 500_000)))
        }
    }
}
