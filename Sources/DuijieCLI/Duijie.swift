import ArgumentParser
import DuijieCore
import Foundation

/// The `duijie` command: an innovation challenge from demand sheets to registered contracts.
public struct Duijie: AsyncParsableCommand {
    /// Command metadata.
    public static let configuration = CommandConfiguration(
        commandName: "duijie",
        abstract: "Run an innovation challenge (创新挑战赛): demands, research teams, matching, judging, contracts.",
        subcommands: [
            Import.self, Demands.self, Solvers.self, Rejected.self, Match.self, Assign.self, JudgeCommand.self, Deals.self,
            Report.self, Serve.self, Judges.self, Users.self, Mappings.self,
            Demo.self,
        ]
    )

    /// Creates the command.
    public init() {}

    /// Parses and runs the command line. Every error a command throws is answered here, in one place: one sentence
    /// on standard error and the exit status of `exitCode(for:)` (docs/errors.md).
    public static func runCommandLine() async {
        // `--lang zh|en` anywhere on the line (or LC_ALL / LC_MESSAGES / LANG; Chinese when none is set) picks the
        // language of the messages; it is taken out before the subcommands parse their own options.
        var arguments = Array(CommandLine.arguments.dropFirst())
        var flag: String?
        if let index = arguments.firstIndex(where: { $0 == "--lang" }), index + 1 < arguments.count {
            flag = arguments[index + 1]
            arguments.removeSubrange(index...(index + 1))
        } else if let index = arguments.firstIndex(where: { $0.hasPrefix("--lang=") }) {
            flag = String(arguments[index].dropFirst("--lang=".count))
            arguments.remove(at: index)
        }
        CommandLanguage.current = Language.of(flag: flag, environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: exitError(for: error))
        }
    }

    /// The error `exit(withError:)` ends the process with: a domain error's sentence is printed and becomes exit
    /// status 1 (an internal one is named as such); argument-parser's own errors and exit codes pass through.
    static func exitError(for error: Error) -> Error {
        guard let error = error as? DuijieError else { return error }
        let sentence = error.text(CommandLanguage.current)
        printError(error.kind == .internal ? "internal error: \(sentence)" : sentence)
        return ExitCode(ExitCodes.status(for: error.kind))
    }
}

/// The language of this run's messages (set once at the root, before any command runs).
enum CommandLanguage {
    nonisolated(unsafe) static var current: Language = .chinese
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

/// Exit codes beyond success and usage errors (docs/errors.md).
enum ExitCodes {
    /// A file could not be read at all, the store could not be opened, or a command could not be done.
    static let unreadable = ExitCode(1)
    /// --strict refused a file because rows were rejected.
    static let strictRefused = ExitCode(3)

    /// The one table of exit statuses: every kind of failure is 1 (the sentence says which); usage errors are
    /// argument-parser's 64, and `--strict` refusing a file is 3.
    static func status(for kind: ErrorKind) -> Int32 {
        switch kind {
        case .invalid, .notFound, .conflict, .forbidden, .unusable, .internal: 1
        }
    }
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
