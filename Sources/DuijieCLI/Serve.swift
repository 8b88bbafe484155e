import ArgumentParser
import DuijieCore
import DuijieHTTP
import Foundation
import Hummingbird
import Service

/// `duijie serve`: the HTTP API and pages on the embedded SQLite file.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the JSON API and web pages (Ctrl-C stops it gracefully).")

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port.") var port = 8080
    @Flag(help: "Load the sample event (Fixtures/sample-event) into a fresh database first.") var demo = false
    @Option(help: "The sample event folder, with --demo.") var fixtures: String?

    func run() async throws {
        var path = store.path
        if demo {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-demo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = store.db ?? folder.appendingPathComponent("demo.sqlite").path
        }
        let db = try EventDatabase(path: path)
        if demo {
            let summary = try DemoPipeline(database: db).run(folder: try SampleEventLocator.folder(fixtures))
            print(summary.text)
            print("")
            // Demo accounts, so the pages can be tried at once; the password is made up unless DUIJIE_DEMO_PASSWORD
            // gives one (the browser check does).
            let password = ProcessInfo.processInfo.environment["DUIJIE_DEMO_PASSWORD"] ?? AccountService.randomPassword()
            let accounts = AccountService(database: db, cost: 10)
            try accounts.add(name: "organizer", role: .organizer, password: password, replace: true)
            try accounts.add(name: "reporter", role: .reporter, password: password, replace: true)
            print("Demo accounts: organizer / reporter, password \(password)")
            let base = "http://\(host):\(port)"
            print("One-time sign-in links (15 minutes): \(base)/signin/\(try accounts.signinToken(name: "organizer"))")
            print("  reporting office: \(base)/signin/\(try accounts.signinToken(name: "reporter"))")
            if let link = try JudgeService(database: db).links(event: DemoPipeline.eventCode).first {
                print("  a judge (\(link.judge)): \(base)/judge/\(link.token)")
            }
            print("")
        }
        print("Duijie on http://\(host):\(port)/  (database \(path))")
        if try AccountService(database: db).list().isEmpty {
            print("No accounts yet: add one with `duijie users add NAME --role organizer --db \(path)`.")
        }
        // What was printed reaches a pipe or a log file now, not when the server stops.
        fflush(nil)  // every output stream; `stdout` itself is a global Swift 6 will not touch from async code
        // runService() handles SIGINT and SIGTERM with a graceful shutdown, which waits for requests in flight;
        // ShutdownBound makes sure the process ends within a bound even if one of them does not.
        let bound = ShutdownBound(seconds: ShutdownBound.defaultSeconds)
        defer { withExtendedLifetime(bound) {} }
        do {
            try await buildApplication(database: db, host: host, port: port).runService()
        } catch {
            throw ServeError(underlying: error)
        }
    }
}

/// The server stopped with an error (a port in use, a failed bind).
struct ServeError: DuijieError {
    let underlying: Error
    var kind: ErrorKind { .unusable }
    var description: String { "the server stopped: \(underlying)" }
}

/// After SIGTERM or SIGINT, ends the process if the graceful shutdown has not within `seconds` (a request still
/// reading a huge upload, a client that never finishes): the store's transactions are atomic, so nothing is
/// half-written.
final class ShutdownBound: @unchecked Sendable {  // @unchecked: the sources are set once in init and only kept alive
    /// The bound `serve` uses (`DUIJIE_SHUTDOWN_SECONDS` overrides it).
    static var defaultSeconds: Int {
        ProcessInfo.processInfo.environment["DUIJIE_SHUTDOWN_SECONDS"].flatMap(Int.init) ?? 10
    }

    private var sources: [DispatchSourceSignal] = []

    init(seconds: Int) {
        for signalNumber in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) {
                    FileHandle.standardError.write(
                        Data("duijie: requests still running \(seconds) s after the signal; stopping now\n".utf8))
                    exit(0)
                }
            }
            signal(signalNumber, SIG_IGN)
            source.resume()
            sources.append(source)
        }
    }
}
