import ArgumentParser
import Foundation
import Ingestion

/// `duijie dev …`: generators for fixtures; not needed to run an event.
struct Dev: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Developer tools: regenerate the sample event fixtures and the generated parts of the docs.",
        shouldDisplay: false,
        subcommands: [SampleEvent.self, Docs.self])

    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewrite the vocabulary tables of docs/formats.md from the vocabulary files.")

        @Argument(help: "The document to rewrite.")
        var file = "docs/formats.md"

        func run() throws {
            let url = URL(fileURLWithPath: file)
            let text = try String(contentsOf: url, encoding: .utf8)
            try VocabularyDocs.rewrite(text).write(to: url, atomically: true, encoding: .utf8)
            print("rewrote the vocabulary tables of \(file)")
        }
    }

    struct SampleEvent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample-event", abstract: "Write the sample event (demands and teams) into a folder.")

        @Argument(help: "The folder to write, e.g. Fixtures/sample-event.")
        var folder: String

        func run() throws {
            var generator = SampleEventGenerator()
            try generator.write(to: URL(fileURLWithPath: folder))
            print("wrote \(folder)/demands and \(folder)/solvers")
        }
    }
}
