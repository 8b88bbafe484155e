import ArgumentParser
import Foundation
import Service

/// `duijie judges links|revoke`: per-judge links to the scoring pages.
struct Judges: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per-judge links (unguessable, revocable, one event) to the phone scoring pages.",
        subcommands: [Links.self, Revoke.self])

    struct Links: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every judge's link, creating missing ones.")
        @Option(help: "The event.") var event: String
        @Option(help: "The server's address as judges reach it.") var base = "http://127.0.0.1:8080"
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let links = try JudgeService(database: try openStore(store)).links(event: event)
            let base = base.hasSuffix("/") ? String(base.dropLast()) : base
            if json { return try printJSON(links.map { ["judge": $0.judge, "url": "\(base)/judge/\($0.token)"] }) }
            for link in links { print("\(link.judge)\t\(base)/judge/\(link.token)") }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a judge's links; `links` then makes a new one.")
        @Argument(help: "The judge's name.") var judge: String
        @Option(help: "The event.") var event: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let count = try JudgeService(database: try openStore(store)).revokeLinks(event: event, judge: judge)
            print("revoked \(count) link(s) of \(judge)")
        }
    }
}
