import DuijieHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Service
import TestSupport
import Testing

/// The JSON API's bodies are contracts: each answer below is compared with a golden file in `Tests/Golden/`
/// (see `Golden`), over the sample event, reads first and then the writes in the order an organizer makes them.
@Suite struct GoldenHTTPTests {
    @Test func apiBodiesMatchTheGoldenFiles() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let failures = Failures()
        let json: HTTPFields = {
            var fields = asOrganizer
            fields[.contentType] = "application/json"
            return fields
        }()
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            func check(
                _ name: String, _ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = asOrganizer,
                body: String? = nil, status: HTTPResponse.Status = .ok
            ) async throws {
                try await client.execute(
                    uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
                ) { response in
                    if response.status != status {
                        failures.add("\(name): \(response.status), expected \(status): \(String(buffer: response.body))")
                        return
                    }
                    if let difference = Golden.check(
                        "http-\(name)", json: Data(response.body.readableBytesView), replacing: [dir.path: "<dir>"])
                    {
                        failures.add(difference)
                    }
                }
            }
            try await check("healthz", "/healthz")
            try await check("me", "/api/me", headers: asReporter)
            try await check("events", "/api/events")
            try await check("demands", "/api/demands?event=HS2020")
            try await check("solvers", "/api/solvers")
            try await check("rejected", "/api/rejected")
            try await check("judge-setup", "/api/judge/setup?event=HS2020")
            try await check("judge-results", "/api/judge/results?event=HS2020")
            try await check("judge-results-zscore", "/api/judge/results?event=HS2020&method=zscore")
            try await check(
                "judge-history", "/api/judge/history?event=HS2020&judge=%E7%8E%8B%E5%BB%BA%E5%9B%BD&team=T001")
            try await check("judge-links", "/api/judge/links?event=HS2020")
            try await check("deals", "/api/deals")
            try await check("deal-history", "/api/deals/1/history")
            try await check("report", "/api/report")
            try await check("report-event", "/api/report?event=HS2020")
            try await check("match-demand", "/api/match/demands/HS2020-065?top=3&event=HS2020")
            try await check("match", "/api/match?event=HS2020&top=1", method: .post)
            try await check("match-runs", "/api/match/runs")
            try await check("match-run", "/api/match/runs/1")
            try await check(
                "match-decision", "/api/match/decisions", method: .post, headers: json,
                body: #"{"demand":"HS2020-065","team":"T061","action":"pin"}"#)
            try await check("assign", "/api/assign?event=HS2020&demands=HS2020-065,HS2020-001&per_demand=2", method: .post)
            try await check("assign-run", "/api/match/runs/2")
            try await check(
                "judge-setup-post", "/api/judge/setup", method: .post, headers: json,
                body: #"{"event":"HS2020","place":"衡水","method":"mean","date":"2020-10-28"}"#)
            try await check(
                "judge-groups", "/api/judge/groups", method: .post, headers: json,
                body: #"{"event":"HS2020","demand":"HS2020-001","teams":["T003","T074"]}"#)
            try await check(
                "judge-score", "/api/judge/scores", method: .post, headers: json,
                body:
                    #"{"event":"HS2020","judge":"王建国","demand":"HS2020-065","team":"T001","points":["21","20","10","10"],"reason":"纸质表更正"}"#
            )
            try await check(
                "judge-submit", "/api/judge/submit", method: .post, headers: json, body: #"{"event":"HS2020","judge":"李红梅"}"#)
            try await check(
                "judge-revoke", "/api/judge/links/revoke", method: .post, headers: json,
                body: #"{"event":"HS2020","judge":"李红梅"}"#)
            try await check(
                "deal-add", "/api/deals", method: .post, headers: json,
                body: #"{"enterprise":"新企业","solver":"T001","stage":"signed","amount":"10万","category":"技术开发"}"#,
                status: .created)
            try await check(
                "deal-void", "/api/deals/1/void", method: .post, headers: json, body: #"{"reason":"双方解除"}"#)
            try await check(
                "import", "/api/import/demands?filename=new.csv&event=UP", method: .post, headers: asOrganizer,
                body: "需求名称,需求描述,企业名称,所在县市\n新的需求,需要一种新的焊接工艺,某某公司,桃城区\n,,,\n")
            try await check("error-not-found", "/api/match/demands/NOPE-1", status: .notFound)
        }
        #expect(failures.all.isEmpty, "\(failures.all.joined(separator: "\n"))")
    }
}

/// Differences gathered from inside the test client's closures.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ message: String) { lock.withLock { list.append(message) } }
    var all: [String] { lock.withLock { list } }
}
