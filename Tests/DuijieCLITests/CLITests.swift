import Foundation
import Testing

/// The built `duijie` binary, next to the test bundle.
let binary: URL = {
    var url = Bundle.main.bundleURL
    if url.pathExtension == "xctest" { url = url.deletingLastPathComponent() }
    return url.appendingPathComponent("duijie")
}()

let sampleEvent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/sample-event")

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
}

func duijie(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Run {
    let process = Process()
    if let input {
        let stdin = Pipe()
        process.standardInput = stdin
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    }
    process.executableURL = binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "DUIJIE_DB")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

func sampleFiles(_ kind: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: sampleEvent.appendingPathComponent(kind).path).sorted()
        .map { sampleEvent.appendingPathComponent(kind).appendingPathComponent($0).path }
}

final class Scratch {
    let dir: URL
    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    var db: String { dir.appendingPathComponent("cli.sqlite").path }
    deinit { try? FileManager.default.removeItem(at: dir) }
}

@Suite(.serialized) struct CLITests {
    @Test func importDemandsJSONContract() throws {
        let scratch = try Scratch()
        let run = try duijie(
            ["import", "demands"] + (try sampleFiles("demands")) + ["--db", scratch.db, "--event", "HS2020", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try run.json() as? [String: Any])
        for key in ["imported", "updated", "unchanged", "skipped", "rejected"] { #expect(object[key] != nil, "\(key)") }
        #expect((object["imported"] as? Int ?? 0) >= 190)
        let rejected = try #require(object["rejected"] as? [[String: Any]])
        #expect(rejected.count == 3)
        let amount = try #require(rejected.first { ($0["value"] as? String) == "约五十万" })
        #expect(amount["file"] as? String == "01-衡水市技术需求汇总.xlsx")
        #expect(amount["sheet"] as? String == "冀州区")
        #expect(amount["row"] as? Int == 9)
        #expect(amount["column"] as? String == "预计投入")
        #expect((amount["reason"] as? String)?.isEmpty == false)
        let csvRow = try #require(rejected.first { ($0["file"] as? String)?.hasSuffix(".csv") == true })
        #expect(csvRow["sheet"] is NSNull)

        // Again: everything is a duplicate, nothing new.
        let again = try duijie(
            ["import", "demands"] + (try sampleFiles("demands")) + ["--db", scratch.db, "--event", "HS2020", "--json"])
        let second = try #require(try again.json() as? [String: Any])
        #expect(second["imported"] as? Int == 0)
        #expect(second["updated"] as? Int == 0)
        #expect((second["unchanged"] as? Int ?? 0) >= 190)
    }

    @Test func listsCarryTheContractKeys() throws {
        let scratch = try Scratch()
        _ = try duijie(["import", "demands"] + (try sampleFiles("demands")) + ["--db", scratch.db, "--event", "HS2020"])
        _ = try duijie(["import", "solvers"] + (try sampleFiles("solvers")) + ["--db", scratch.db])
        let demands = try #require(try duijie(["demands", "list", "--json", "--db", scratch.db]).json() as? [[String: Any]])
        #expect(demands.count >= 190)
        for key in ["id", "ref", "title", "enterprise", "county", "field", "budget_yuan", "deadline", "source"] {
            #expect(demands.allSatisfy { $0.keys.contains(key) }, "\(key)")
        }
        let budgets = demands.compactMap { $0["budget_yuan"] as? String }
        #expect(budgets.contains("500000.00") || budgets.contains { $0.hasSuffix(".00") })
        #expect(budgets.allSatisfy { $0.range(of: #"^\d+\.\d{2}$"#, options: .regularExpression) != nil })
        let deadlines = demands.compactMap { $0["deadline"] as? String }
        #expect(deadlines.allSatisfy { $0.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil })
        #expect(demands.contains { $0["budget_yuan"] is NSNull })

        let solvers = try #require(try duijie(["solvers", "list", "--json", "--db", scratch.db]).json() as? [[String: Any]])
        #expect(solvers.count >= 70)
        for key in ["id", "ref", "name", "institution", "region", "field", "budget_yuan", "deadline", "source"] {
            #expect(solvers.allSatisfy { $0.keys.contains(key) }, "\(key)")
        }
    }

    @Test func unreadableFileExitsNonZeroWithOneLineAndWritesNothing() throws {
        let scratch = try Scratch()
        let bogus = scratch.dir.appendingPathComponent("notes.xlsx")
        try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 7, count: 300)).write(to: bogus)
        let run = try duijie(["import", "demands", bogus.path, "--db", scratch.db, "--json"])
        #expect(run.status != 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("notes.xlsx") == true)
        let list = try #require(try duijie(["demands", "list", "--json", "--db", scratch.db]).json() as? [Any])
        #expect(list.isEmpty)
    }

    @Test func strictRefusesAFileWithRejectedRows() throws {
        let scratch = try Scratch()
        let city = try sampleFiles("demands")[0]
        let run = try duijie(["import", "demands", city, "--db", scratch.db, "--strict", "--json"])
        #expect(run.status == 3)
        let object = try #require(try run.json() as? [String: Any])
        #expect(object["imported"] as? Int == 0)
        #expect((object["rejected"] as? [Any])?.count == 2)
        let rejected = try #require(try duijie(["rejected", "list", "--json", "--db", scratch.db]).json() as? [[String: Any]])
        #expect(rejected.count == 2)
    }

    @Test func databaseFromEnvironment() throws {
        let scratch = try Scratch()
        let env = ["DUIJIE_DB": scratch.db]
        let run = try duijie(["import", "solvers"] + (try sampleFiles("solvers")), environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("imported"))
        #expect(FileManager.default.fileExists(atPath: scratch.db))
    }

    @Test func demoRunsTheSampleEvent() throws {
        let scratch = try Scratch()
        let run = try duijie(["demo", "--db", scratch.db, "--fixtures", sampleEvent.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("HS2020"))
        #expect(run.stdout.contains("205 demands"))
        #expect(run.stderr.isEmpty)
    }

    @Test func noHeaderErrorListsWhatItSaw() throws {
        let scratch = try Scratch()
        let file = scratch.dir.appendingPathComponent("people.csv")
        try Data("姓名,年龄\n张三,30\n".utf8).write(to: file)
        let run = try duijie(["import", "demands", file.path, "--db", scratch.db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("'姓名'"))
        #expect(run.stderr.contains("需求名称"))
    }
}
