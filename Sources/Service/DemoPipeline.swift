import DuijieCore
import Foundation
import Store

/// The demo: import every demand and solver file of a sample event folder and summarise the store.
public struct DemoPipeline: Sendable {
    let store: DuijieStore

    /// Creates the pipeline over a store.
    public init(database: EventDatabase) { self.init(store: database.store) }

    package init(store: DuijieStore) { self.store = store }

    /// The event code the sample demands are filed under.
    public static let eventCode = "HS2020"

    /// What the demo did, as text and as figures.
    public struct Summary: Sendable {
        /// Demands import.
        public var demands: ImportSummaryDTO
        /// Solvers import.
        public var solvers: ImportSummaryDTO
        /// Demands in the event after import.
        public var demandCount: Int
        /// Teams after import.
        public var solverCount: Int
        /// Distinct institutions.
        public var institutionCount: Int
        /// Files that could not be read.
        public var errors: [String] { demands.errors + solvers.errors }
        /// Human-readable report.
        public var text: String
    }

    /// Imports `folder/demands/*` under event HS2020 and `folder/solvers/*`, in name order.
    public func run(folder: URL) throws -> Summary {
        let demandFiles = try Self.files(in: folder.appendingPathComponent("demands"))
        let solverFiles = try Self.files(in: folder.appendingPathComponent("solvers"))
        let service = ImportService(store: store)
        let demands = service.run(ImportRequest(kind: .demands, files: demandFiles, event: Self.eventCode))
        let solvers = service.run(ImportRequest(kind: .solvers, files: solverFiles))
        let totals = try store.totals()
        let demandCount = totals.demands[Self.eventCode] ?? 0
        var lines = ["Duijie demo — sample event \(Self.eventCode), database \(store.path)", ""]
        lines.append("Demand sheets:")
        for file in demands.files { lines.append("  " + Self.line(file)) }
        lines.append("Team profiles:")
        for file in solvers.files { lines.append("  " + Self.line(file)) }
        lines.append("")
        lines.append("Rejected rows kept for fixing: \(demands.rejected.count + solvers.rejected.count) (duijie rejected list)")
        for rejection in (demands.rejected + solvers.rejected).prefix(8) {
            let place = rejection.sheet.map { "sheet '\($0)', row \(rejection.row)" } ?? "line \(rejection.row)"
            lines.append("  \(rejection.file), \(place), column '\(rejection.column)': \(rejection.reason)")
        }
        let byCounty = try store.demands(event: Self.eventCode).reduce(into: [String: Int]()) {
            $0[$1.demand.county ?? "(未注明)", default: 0] += 1
        }
        lines.append("")
        lines.append("In the store: \(demandCount) demands, \(totals.solvers) teams from \(totals.institutions) institutions")
        lines.append(
            "Demands by county: "
                + byCounty.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(
                    separator: ", "))
        let final = folder.appendingPathComponent("final")
        if FileManager.default.fileExists(atPath: final.appendingPathComponent("scores.xlsx").path) {
            let judging = JudgeService(store: store)
            let imported = try judging.importScores(
                file: final.appendingPathComponent("scores.xlsx"), judgesFile: final.appendingPathComponent("judges.xlsx"),
                event: Self.eventCode)
            let results = try judging.results(event: Self.eventCode, method: nil)
            lines.append("")
            lines.append(
                "Final: \(imported.imported + imported.unchanged + imported.corrected) scores from \(imported.judges) judges; \(results.rule)"
            )
            for group in results.groups {
                let ranking = group.ranking.map { "\($0.team) \($0.score)\($0.award.map { " " + $0 } ?? "")" }.joined(
                    separator: ", ")
                lines.append("  \(group.title): \(ranking)")
            }
            for excluded in results.excluded { lines.append("  excluded: \(excluded.reason)") }
        }
        let dealsFile = folder.appendingPathComponent("deals/deals.xlsx")
        if FileManager.default.fileExists(atPath: dealsFile.path) {
            let imported = DealService(store: store).importDeals([dealsFile], event: Self.eventCode)
            let totals = try DealService(store: store).domainReport(event: Self.eventCode)
            let report = ReportDTO(totals)
            let investment = totals.investment
            lines.append("")
            lines.append(
                "Deals: \(imported.imported) new, \(imported.unchanged) unchanged, \(imported.rejected.count) rejected; "
                    + "signed \(report.signed.count) contracts \(report.signed.amountWan)万元, registered \(report.registered.count), "
                    + "intentions \(report.intention.count) (\(report.intention.amountWan)万元), expected investment "
                    + (investment.money.map { "\($0.yiString)亿元" } ?? "\(investment.wanString)万元"))
        }
        lines.append("")
        lines.append(
            "Next: duijie demands list --event \(Self.eventCode) | duijie match --top 5 | duijie judge results --event \(Self.eventCode) | duijie report"
        )
        return Summary(
            demands: demands, solvers: solvers, demandCount: demandCount, solverCount: totals.solvers,
            institutionCount: totals.institutions, text: lines.joined(separator: "\n"))
    }

    private static func line(_ file: FileImportDTO) -> String {
        if let error = file.error { return "\(file.file): NOT READ: \(error)" }
        return "\(file.file): \(file.imported) new, \(file.updated) updated, \(file.unchanged) unchanged, "
            + "\(file.skipped) skipped, \(file.rejected) rejected"
    }

    private static func files(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") && !$0.lastPathComponent.hasPrefix("README") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
