import ArgumentParser
import DuijieCore
import Testing

@testable import DuijieCLI

/// The command line's contracts checked in process (no child process, no database): every command line outside
/// scripts rely on parses to the command it names, usage errors are argument-parser's, and the one mapping turns each
/// kind of error into its documented exit status. What a command prints is checked by running the real binary
/// (`CLITests`, `GoldenCLITests`), since standard output is the process's own.
@Suite struct CommandLineInProcessTests {
    @Test(arguments: [
        (["import", "demands", "a.xlsx", "b.csv", "--event", "HS2020", "--json", "--strict"], "ImportDemands"),
        (["import", "solvers", "t.xlsx", "--json", "--explain"], "ImportSolvers"),
        (["demands", "list", "--event", "HS2020", "--json"], "Demands.List"),
        (["solvers", "list", "--json"], "Solvers.List"),
        (["rejected", "list", "--kind", "deals", "--json"], "Rejected.List"),
        (["match", "--event", "HS2020", "--top", "5", "--json"], "Match.Rank"),
        (["match", "--reverse", "--top", "1", "--json"], "Match.Rank"),
        (["assign", "--event", "HS2020", "--per-demand", "3", "--capacity", "1", "--json"], "Assign"),
        (["judge", "results", "--event", "HS2020", "--method", "trimmed", "--json"], "JudgeCommand.Results"),
        (["deals", "import", "deals.xlsx", "--event", "HS2020", "--json"], "Deals.ImportDeals"),
        (["report", "--event", "HS2020", "--json"], "Report"),
        (["judges", "links", "--event", "HS2020", "--json"], "Judges.Links"),
        (["users", "list", "--json"], "Users.List"),
        (["serve", "--demo", "--port", "8081"], "Serve"),
    ])
    func contractCommandLinesParse(arguments: [String], command: String) throws {
        let parsed = try Duijie.parseAsRoot(arguments + ["--db", "/nonexistent/never-opened.sqlite"])
        #expect(String(reflecting: type(of: parsed)).hasSuffix("." + command), "\(arguments) parsed as \(type(of: parsed))")
    }

    @Test func usageErrorsAreArgumentParsers() {
        for arguments in [["import", "demands"], ["match", "--top", "many"], ["no-such-command"]] {
            #expect(throws: (any Error).self) { try Duijie.parseAsRoot(arguments) }
            do {
                _ = try Duijie.parseAsRoot(arguments)
            } catch {
                #expect(Duijie.exitCode(for: error) == .validationFailure, "\(arguments)")
            }
        }
    }

    struct Failure: DuijieError {
        let kind: ErrorKind
        var description: String { "a failure of kind \(kind)" }
    }

    @Test(arguments: [ErrorKind.invalid, .notFound, .conflict, .forbidden, .unusable, .internal])
    func eachKindExitsWithItsDocumentedStatus(kind: ErrorKind) {
        let error = Duijie.exitError(for: Failure(kind: kind))
        #expect((error as? ExitCode) == ExitCode(ExitCodes.status(for: kind)))
        #expect(ExitCodes.status(for: kind) == 1)
    }
}
