import ArgumentParser
import Foundation
import Service

/// `duijie demands list`
struct Demands: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Look at imported demands.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List demands.")

        @OptionGroup var store: StoreOptions
        @Option(help: "Only demands of this event.") var event: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            let demands = try CatalogService(database: try openStore(store)).demands(event: event)
            if json { return try printJSON(demands) }
            for d in demands {
                let budget = d.budgetNegotiable ? "面议" : d.budgetYuan.map { "\($0)元" } ?? "-"
                print([String(d.id), d.ref ?? "-", d.county ?? "-", d.enterprise, d.title, budget].joined(separator: "\t"))
            }
        }
    }
}

/// `duijie solvers list`
struct Solvers: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Look at imported research teams.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List research teams.")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            let solvers = try CatalogService(database: try openStore(store)).solvers()
            if json { return try printJSON(solvers) }
            for s in solvers {
                print(
                    [String(s.id), s.ref ?? "-", s.institution ?? "-", s.name, s.directions.joined(separator: "；")].joined(
                        separator: "\t"))
            }
        }
    }
}

/// `duijie rejected list`
struct Rejected: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rows the importer refused, kept for fixing.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rejected rows, newest import first.")

        @OptionGroup var store: StoreOptions
        @Option(help: "demands, solvers or deals.") var kind: String?
        @Flag(name: .customLong("to-fix"), help: "Only each file's latest import (what is still to fix).") var toFix = false
        @Option(help: "Also write the rows still to fix to FILE.xlsx or .csv, to correct and import again.") var export: String?
        @Option(
            name: .customLong("file"),
            help: "With --export: only the rows of this source file, in its own headers and column order.")
        var sourceFile: String?
        @Flag(help: "Print a JSON array.") var json = false

        func validate() throws {
            if let kind, !CatalogService.rejectionKinds.contains(kind) {
                throw ValidationError("--kind must be demands, solvers or deals")
            }
        }

        func run() throws {
            let catalog = CatalogService(database: try openStore(store))
            if let export {
                let table = try catalog.rejectedSheet(kind: kind, file: sourceFile)
                try TableExport.write(table, rows: table, sheet: "待修改", to: URL(fileURLWithPath: export))
            }
            let rows = try catalog.rejected(kind: kind, toFix: toFix)
            if json {
                struct Item: Encodable {
                    var id: Int64
                    var importID: Int64
                    var kind: String
                    var file: String
                    var sheet: String?
                    var row: Int
                    var column: String
                    var value: String
                    var reason: String
                    var cells: [String: String]
                    enum CodingKeys: String, CodingKey {
                        case id, kind, file, sheet, row, column, value, reason, cells
                        case importID = "import_id"
                    }
                }
                return try printJSON(
                    rows.map {
                        Item(
                            id: $0.id, importID: $0.importID, kind: $0.kind, file: $0.rejection.file, sheet: $0.rejection.sheet,
                            row: $0.rejection.row, column: $0.rejection.column, value: $0.rejection.value,
                            reason: $0.rejection.reason, cells: $0.rejection.cells)
                    })
            }
            for row in rows { print(row.rejection.message) }
        }
    }
}
