import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct ServeCLITests {
    /// `duijie serve --demo` on a free port: it answers, signs a demo account in, and stops cleanly on SIGTERM.
    @Test func serveDemoAnswersAndShutsDownGracefully() async throws {
        let scratch = try Scratch()
        let port = Int.random(in: 20_000..<40_000)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--demo", "--db", scratch.db, "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["DUIJIE_DEMO_PASSWORD"] = "serve-test-password"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        var healthy = false
        for _ in 0..<120 where !healthy {
            if let (data, _) = try? await URLSession.shared.data(from: URL(string: "\(base)/healthz")!) {
                healthy = String(decoding: data, as: UTF8.self).contains("ok")
            } else {
                try await Task.sleep(for: .milliseconds(500))
            }
        }
        #expect(healthy)
        var request = URLRequest(url: URL(string: "\(base)/api/me")!)
        request.setValue(
            "Basic " + Data("organizer:serve-test-password".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        let (me, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: me, as: UTF8.self).contains("\"role\":\"organizer\""))
        let (report, _) = try await URLSession.shared.data(
            for: {
                var r = URLRequest(url: URL(string: "\(base)/api/report?event=HS2020")!)
                r.setValue(request.value(forHTTPHeaderField: "Authorization"), forHTTPHeaderField: "Authorization")
                return r
            }())
        #expect(String(decoding: report, as: UTF8.self).contains("52000000.00"))
        // SIGTERM: a graceful stop with status 0.
        process.terminate()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("Demo accounts: organizer / reporter, password serve-test-password"))
        #expect(printed.contains("/signin/"))
    }
}
