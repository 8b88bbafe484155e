import ArgumentParser
import Foundation
import Service

/// `duijie mappings list|show|remove`: the column mappings organizers saved with `--save-mapping`.
struct Mappings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Saved column mappings: how a sheet with a known header signature is read.",
        subcommands: [List.self, Show.self, Remove.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List saved mappings.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this kind of sheet (demands, solvers, deals).") var kind: RecordKind?
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            let mappings = try MappingService(database: try openStore(store)).list(kind: kind)
            if json { return try printJSON(mappings) }
            if mappings.isEmpty { print("no saved mappings") }
            for mapping in mappings {
                print(
                    "\(mapping.number). \(mapping.kind) — \(mapping.signature) (saved by \(mapping.savedBy), \(mapping.savedAt))")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one saved mapping.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Its number in `mappings list`, or its signature.") var key: String
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            let mapping = try MappingService(database: try openStore(store)).show(key)
            if json { return try printJSON(mapping) }
            print("\(mapping.number). \(mapping.kind) sheets headed \(mapping.signature)")
            print("saved by \(mapping.savedBy) at \(mapping.savedAt)")
            if let row = mapping.headerRow { print("  header on row \(row)") }
            for (header, field) in mapping.fields.sorted(by: { $0.key < $1.key }) { print("  '\(header)' → \(field)") }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a saved mapping.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Its number in `mappings list`, or its signature.") var key: String

        func run() throws {
            let removed = try MappingService(database: try openStore(store)).remove(key)
            print("removed the \(removed.kind) mapping for \(removed.signature)")
        }
    }
}

extension RecordKind: ExpressibleByArgument {}
