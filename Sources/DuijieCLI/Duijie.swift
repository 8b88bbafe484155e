import ArgumentParser
import Foundation

/// The `duijie` command: an innovation challenge from demand sheets to registered contracts.
public struct Duijie: ParsableCommand {
    /// Command metadata.
    public static let configuration = CommandConfiguration(
        commandName: "duijie",
        abstract: "Run an innovation challenge (创新挑战赛): demands, research teams, matching, judging, contracts.",
        subcommands: [
            Import.self, Demands.self, Solvers.self, Rejected.self, Match.self, Assign.self, JudgeCommand.self, Deals.self,
            Report.self, Serve.self, Judges.self, Users.self,
            Demo.self,
            Bench.self, Dev.self,
        ]
    )

    /// Creates the command.
    public init() {}
}

/// Options every command that touches the store shares.
public struct StoreOptions: ParsableArguments {
    /// The SQLite file.
    @Option(name: .long, help: "The SQLite database file (default: $DUIJIE_DB, else ./duijie.sqlite).")
    public var db: String?

    /// Creates the options.
    public init() {}

    /// The database path chosen by flag, environment or default.
    public var path: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["DUIJIE_DB"], !env.isEmpty { return env }
        return "duijie.sqlite"
    }
}

/// Exit codes beyond success and usage errors.
enum ExitCodes {
    /// A file could not be read at all, or the store could not be opened.
    static let unreadable = ExitCode(1)
    /// --strict refused a file because rows were rejected.
    static let strictRefused = ExitCode(3)
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Encodes `value` as JSON on standard output.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    FileHandle.standardOutput.write(try encoder.encode(value))
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Whether standard error is a terminal, where progress is shown.
var stderrIsTerminal: Bool { isatty(2) == 1 }
