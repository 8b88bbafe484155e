import ArgumentParser
import Foundation
import Ingestion
import Service

/// `duijie-dev`: the developers' tools, kept out of the product's `duijie` command. Benchmarks and their inputs
/// (docs/benchmarks.md, `Benchmarks/*.sh`), the sample event's generator, the generated parts of the docs.
@main
struct DuijieDev: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duijie-dev",
        abstract: "Developer tools: benchmarks (build with -c release), the sample event fixtures, generated docs.",
        subcommands: [Bench.self, SampleEvent.self, Docs.self])

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

/// Prints a value as one line of JSON with sorted keys.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    FileHandle.standardOutput.write(try encoder.encode(value))
    FileHandle.standardOutput.write(Data("\n".utf8))
}
