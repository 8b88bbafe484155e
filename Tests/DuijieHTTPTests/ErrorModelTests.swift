import DuijieCore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Service
import Store
import Testing

@testable import DuijieHTTP

/// An error of a given kind, thrown by a test route.
struct KindError: DuijieError {
    let kind: ErrorKind
    var description: String { "a \(kind.rawValue) failure" }
}

/// Keeps what the server logs, to find an error's id there.
final class LogLines: @unchecked Sendable {  // @unchecked: `lines` is only touched under `lock`
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

struct CollectingLogHandler: LogHandler {
    let sink: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        sink.add("\(event.message) \(event.metadata ?? [:])")
    }
}

@Suite struct ErrorModelTests {
    @Test(arguments: ErrorKind.allCases)
    func eachKindAnswersItsDocumentedStatus(kind: ErrorKind) async throws {
        let router = Router(context: DuijieContext.self)
        router.add(middleware: HTMLErrorMiddleware())
        router.get("/api/fail") { _, _ -> String in throw KindError(kind: kind) }
        router.get("/page/fail") { _, _ -> String in throw KindError(kind: kind) }
        let expected: [ErrorKind: Int] = [
            .invalid: 400, .notFound: 404, .conflict: 409, .forbidden: 403, .unusable: 422, .internal: 500,
        ]
        try await Application(router: router).test(.router) { client in
            for path in ["/api/fail", "/page/fail"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(Int(response.status.code) == expected[kind])
                    let body = String(buffer: response.body)
                    if kind == .internal {
                        #expect(body.contains("an internal error (id "))
                        #expect(!body.contains("a internal failure"))
                    } else {
                        #expect(body.contains("a \(kind.rawValue) failure"))
                    }
                }
            }
        }
    }

    @Test func aDatabaseFailureIsA500WithALoggedIdNeverTheDatabasesText() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Break the store under the server: the deals' history table is gone.
        let queue = try DatabaseQueue(path: dir.appendingPathComponent("h.sqlite").path)
        try await queue.write { db in try db.execute(sql: "DROP TRIGGER IF EXISTS deal_event_no_delete; DROP TABLE deal_event") }
        let lines = LogLines()
        let logger = Logger(label: "test") { _ in CollectingLogHandler(sink: lines) }
        try await buildApplication(database: EventDatabase(store: store), logger: logger).test(.router) { client in
            try await client.execute(uri: "/api/deals", method: .get, headers: asReporter) { response in
                #expect(response.status == .internalServerError)
                let body = String(buffer: response.body)
                #expect(!body.contains("deal_event"))
                #expect(!body.lowercased().contains("sqlite"))
                let id = try #require(
                    body.range(of: #"id [0-9a-f]{12}"#, options: .regularExpression).map { String(body[$0].dropFirst(3)) })
                #expect(lines.all.contains { $0.contains(id) && $0.contains("deal_event") })
            }
        }
    }
}
