import ArgumentParser
import Foundation
import Service

/// `duijie users add|list|remove|link`: organizer and reporting-office accounts for the web pages and the API.
struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Organizer and reporting-office accounts (passwords kept as bcrypt hashes).",
        subcommands: [Add.self, List.self, Remove.self, Link.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account (or reset one with --replace). The password is asked for, read from stdin, or made up.")
        @Argument(help: "The account name.") var name: String?
        @Option(name: .customLong("name"), help: "The account name (instead of the argument).") var nameOption: String?
        @Option(help: "organizer (reads and writes) or reporter (reads and exports only).") var role: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @Flag(help: "Make up a password and print it once.") var generate = false
        @Flag(help: "Reset the role and password of an existing account.") var replace = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            guard let name = nameOption ?? name else {
                printError("give the account's name: duijie users add NAME --role organizer|reporter")
                throw ExitCodes.unreadable
            }
            guard let role = AccountRole(rawValue: role) else {
                printError("--role must be organizer or reporter")
                throw ExitCodes.unreadable
            }
            let password: String
            if generate {
                password = AccountService.randomPassword()
            } else if passwordStdin || isatty(STDIN_FILENO) == 0 {
                password = (readLine(strippingNewline: true) ?? "")
            } else {
                guard let first = prompt("password for \(name): "), let second = prompt("again: "), first == second else {
                    printError("the two passwords differ")
                    throw ExitCodes.unreadable
                }
                password = first
            }
            try AccountService(database: try openStore(store)).add(name: name, role: role, password: password, replace: replace)
            print("account \(name) (\(role.rawValue)) \(replace ? "set" : "added")")
            if generate { print("password: \(password)") }
        }

        private func prompt(_ text: String) -> String? {
            guard let pointer = getpass(text) else { return nil }
            return String(cString: pointer)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts and their roles.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let accounts = try AccountService(database: try openStore(store)).list()
            if json { return try printJSON(accounts.map { ["name": $0.name, "role": $0.role.rawValue] }) }
            for account in accounts { print("\(account.name)\t\(account.role.rawValue)") }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account; its sessions end at once.")
        @Argument(help: "The account name.") var name: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            guard try AccountService(database: try openStore(store)).remove(name: name) else {
                printError("no account named '\(name)'")
                throw ExitCodes.unreadable
            }
            print("removed \(name)")
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a one-time sign-in link for an account (15 minutes).")
        @Argument(help: "The account name.") var name: String
        @Option(help: "The server's address as the user reaches it.") var base = "http://127.0.0.1:8080"
        @Option(help: "Minutes the link stays valid.") var minutes = 15
        @OptionGroup var store: StoreOptions

        func run() throws {
            let token = try AccountService(database: try openStore(store)).signinToken(name: name, minutes: max(1, minutes))
            print("\(base.hasSuffix("/") ? String(base.dropLast()) : base)/signin/\(token)")
        }
    }
}
