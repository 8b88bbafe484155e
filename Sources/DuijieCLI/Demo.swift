import ArgumentParser
import Foundation
import Service

/// `duijie demo`: imports the sample event (Fixtures/sample-event) and prints what arrived.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import the sample event (modelled on Hengshui 2020) and print a summary.")

    @OptionGroup var store: StoreOptions

    @Option(help: "The sample event folder (default: Fixtures/sample-event of this checkout).")
    var fixtures: String?

    func run() throws {
        let folder = try SampleEventLocator.folder(fixtures)
        let db = try openStore(store)
        let summary = try DemoPipeline(database: db).run(folder: folder)
        print(summary.text)
        if !summary.errors.isEmpty {
            for error in summary.errors { printError(error) }
            throw ExitCodes.unreadable
        }
    }
}

/// Finds the sample event: the flag, ./Fixtures/sample-event, or the checkout this binary was built from.
enum SampleEventLocator {
    static func folder(_ explicit: String?) throws -> URL {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit)) }
        candidates.append(URL(fileURLWithPath: "Fixtures/sample-event"))
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(checkout.appendingPathComponent("Fixtures/sample-event"))
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("demands").path)
        {
            return candidate
        }
        printError("cannot find the sample event folder; pass --fixtures PATH (looked in \(candidates.map(\.path)))")
        throw ExitCodes.unreadable
    }
}
