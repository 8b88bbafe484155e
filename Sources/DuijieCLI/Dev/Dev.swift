import ArgumentParser
import Foundation

/// `duijie dev …`: generators for fixtures; not needed to run an event.
struct Dev: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Developer tools: regenerate the sample event fixtures.",
        shouldDisplay: false,
        subcommands: [SampleEvent.self])

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
