import DuijieHTTP
import Foundation
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
    return (store, dir)
}

func object(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) }

@Suite struct HTTPTests {
    @Test func everyDocumentedRouteAnswers() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = buildApplication(store: store)
        try await app.test(.router) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) { try object($0.body) as? [String: Any] }
            let paths = try #require(document?["paths"] as? [String: [String: Any]])
            #expect(paths.count >= 10)
            for (path, methods) in paths {
                for method in methods.keys {
                    var uri = path.replacingOccurrences(of: "{kind}", with: "demands")
                    if uri == "/api/judge/results" { uri += "?event=HS2020" }
                    if uri == "/api/import/demands" { uri += "?filename=x.csv" }
                    let status = try await client.execute(
                        uri: uri, method: method == "post" ? .post : .get, body: ByteBuffer(string: "企业名称,需求名称\n甲,乙\n")
                    ) { $0.status }
                    #expect(status != .notFound, "\(method) \(path)")
                    #expect(status.code < 500, "\(method) \(path) → \(status)")
                }
            }
        }
    }

    @Test func apiMatchesTheCLIContracts() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = buildApplication(store: store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let body = try object(response.body) as? [String: String]
                #expect(body == ["status": "ok"])
            }
            // Two-character Chinese substring search.
            try await client.execute(uri: "/api/demands?q=%E6%BF%80%E5%85%89", method: .get) { response in
                let list = try #require(try object(response.body) as? [[String: Any]])
                #expect(!list.isEmpty)
                #expect(
                    list.allSatisfy {
                        ($0["title"] as? String ?? "").contains("激光") || ($0["description"] as? String ?? "").contains("激光")
                    })
            }
            try await client.execute(uri: "/api/match?event=HS2020&top=3", method: .get) { response in
                let body = try #require(try object(response.body) as? [String: Any])
                #expect(body["run"] is Int)
                #expect((body["demands"] as? [Any])?.count ?? 0 >= 190)
            }
            try await client.execute(uri: "/api/judge/results?event=HS2020&method=zscore", method: .get) { response in
                let body = try #require(try object(response.body) as? [String: Any])
                #expect(body["method"] as? String == "zscore")
                #expect((body["groups"] as? [Any])?.count == 3)
            }
            try await client.execute(uri: "/api/report?event=HS2020", method: .get) { response in
                let body = try #require(try object(response.body) as? [String: Any])
                #expect((body["signed"] as? [String: Any])?["amount_yuan"] as? String == "52000000.00")
            }
        }
    }

    @Test func errorsAreJSONWithTheRightStatus() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = buildApplication(store: store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/judge/results?event=HS2020&method=median", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try #require(try object(response.body) as? [String: [String: String]])
                #expect(body["error"]?["message"]?.contains("mean, trimmed or zscore") == true)
            }
            try await client.execute(uri: "/api/import/photos?filename=a.png", method: .post, body: ByteBuffer(string: "x")) {
                response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/import/demands?filename=bad.xlsx", method: .post, body: ByteBuffer(bytes: [0x50, 0x4B, 3, 4, 9, 9])
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
        let app = buildApplication(store: store)
        try await app.test(.router) { client in
            try await client.execute(uri: "/?q=alert", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!page.contains("<script>alert"))
                #expect(page.contains("<svg"))
                #expect(page.contains("技术需求"))
            }
            try await client.execute(uri: "/?lang=en", method: .get) { #expect(String(buffer: $0.body).contains("Demands")) }
        }
    }

    @Test func uploadImportsASheet() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = buildApplication(store: store)
        try await app.test(.router) { client in
            let sheet = ByteBuffer(string: "企业名称,需求名称,预计投入\n甲公司,新需求,50\n乙公司,,10\n")
            try await client.execute(uri: "/api/import/demands?filename=new.csv&event=UP", method: .post, body: sheet) {
                response in
                #expect(response.status == .ok)
                let body = try #require(try object(response.body) as? [String: Any])
                #expect(body["imported"] as? Int == 1)
                #expect((body["rejected"] as? [[String: Any]])?.first?["row"] as? Int == 3)
            }
        }
    }
}
