import ArgumentParser
import DuijieCore
import Foundation
import Registry
import Service
import Sheets

/// `duijie deals …`: intention agreements and contracts.
struct Deals: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record intention agreements and contracts; every change is kept.",
        subcommands: [ImportDeals.self, Add.self, List.self, History.self, Void.self])

    struct ImportDeals: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Import deals sheets.")
        @Argument(help: "The files; each is one transaction.") var files: [String]
        @Option(help: "The event the deals came from.") var event: String?
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print one JSON object.") var json = false
        @Flag(help: "Also show how each sheet was read: header rows, each column's field and how it was decided, rows skipped.")
        var explain = false
        @OptionGroup var corrections: CorrectionOptions

        func run() throws {
            let summary = DealService(database: try openStore(store)).importDeals(
                files.map { ImportFile(url: URL(fileURLWithPath: $0)) }, event: event, explain: explain,
                mapping: try corrections.mapping(kind: .deals), saveMapping: corrections.saveMapping,
                preview: corrections.preview, savedBy: CorrectionOptions.savedBy)
            if corrections.preview {
                try printPreview(summary, json: json)
            } else if json {
                try printJSON(summary)
            } else {
                for file in summary.files where file.error == nil {
                    print(
                        "\(file.file): \(file.imported) imported, \(file.updated) updated, \(file.unchanged) unchanged, \(file.skipped) skipped, \(file.rejected) rejected"
                    )
                }
                for file in summary.files where file.error == nil {
                    for warning in file.warnings { print("  note: \(warning)") }
                }
                for rejection in summary.rejected {
                    print("  rejected \(rejection.file), row \(rejection.row), column '\(rejection.column)': \(rejection.reason)")
                }
                if let explain = summary.explain { printExplanation(explain) }
            }
            for error in summary.errors { printError(error) }
            if !summary.errors.isEmpty { throw ExitCodes.unreadable }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a deal, or update the one with the same parties (or ref).")
        @Option(help: "The enterprise.") var enterprise: String
        @Option(help: "The research team (团队编号 or name) or institution.") var solver: String
        @Option(help: "intention, signed or registered.") var stage: String
        @Option(help: "The amount: 300万元, 0.12亿元, 850,000元 (bare numbers are 万元).") var amount: String
        @Option(help: "技术开发, 技术转让, 技术许可, 技术咨询 or 技术服务.") var category: String?
        @Option(name: .customLong("tech-amount"), help: "The technical transaction amount certified at registration.")
        var techAmount: String?
        @Option(help: "The registration number.") var registration: String?
        @Option(help: "The sign date.") var date: String?
        @Option(help: "The contract's own number.") var ref: String?
        @Option(help: "The event.") var event: String?
        @Option(help: "Why (kept in the history).") var reason: String?
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let input = DealInput(
                enterprise: enterprise, solver: solver, stage: stage, amount: amount, category: category, techAmount: techAmount,
                registration: registration, date: date, ref: ref, event: event, reason: reason)
            let result = try DealService(database: try openStore(store)).add(input, actor: "cli")
            if json {
                try printJSON(["id": String(result.id), "stage": result.state.stage.rawValue])
            } else {
                print("deal \(result.id): \(result.state.stage.rawValue)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List deals as they stand.")
        @Option var event: String?
        @OptionGroup var store: StoreOptions
        func run() throws {
            for d in try DealService(database: try openStore(store)).list(event: event) {
                let amount = d.amountWan.map { "\($0)万元" } ?? "-"
                print(
                    [String(d.id), d.stage, d.enterprise, d.solver, d.category ?? "-", amount, d.registration ?? "-"]
                        .joined(separator: "\t"))
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every change to a deal: what, old → new, when, by whom, why.")
        @Argument var id: Int64
        @OptionGroup var store: StoreOptions
        func run() throws {
            let events = try DealService(database: try openStore(store)).history(id)
            for event in events {
                let changes = event.changes.sorted { $0.key < $1.key }.map {
                    "\($0.key): \($0.value[0] ?? "∅") → \($0.value[1] ?? "∅")"
                }
                print("\(event.at)  \(event.kind.rawValue)  by \(event.actor)\(event.reason.map { "  (\($0))" } ?? "")")
                for line in changes { print("    \(line)") }
            }
        }
    }

    struct Void: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Void a deal; it stays in the history.")
        @Argument var id: Int64
        @Option(help: "Why.") var reason: String
        @OptionGroup var store: StoreOptions
        func run() throws {
            try DealService(database: try openStore(store)).void(id, reason: reason)
            print("voided \(id)")
        }
    }
}

/// `duijie report`: what was signed, of what kind, by whom, where.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Totals of intentions, contracts and registrations, with breakdowns.")
    @Option var event: String?
    @OptionGroup var store: StoreOptions
    @Flag(help: "Print one JSON object.") var json = false
    @Option(help: "Also write the report to FILE.csv, .xlsx or .json.") var export: String?

    func run() throws {
        let report = try DealService(database: try openStore(store)).report(event: event)
        if let export { try ReportExport.write(report, to: URL(fileURLWithPath: export)) }
        if json { return try printJSON(report) }
        print(
            "signed: \(report.signed.count) contracts, \(report.signed.amountWan)万元 (技术交易额 \(report.signed.techAmountYuan ?? "0")元)"
        )
        print("registered: \(report.registered.count), \(report.registered.amountWan)万元")
        print("intentions: \(report.intention.count), \(report.intention.amountWan)万元; voided \(report.voided)")
        for total in report.byCategory { print("  \(total.name ?? "-"): \(total.count), \(total.amountWan)万元") }
    }
}
