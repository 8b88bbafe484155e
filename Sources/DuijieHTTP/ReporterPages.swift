import Foundation
import Hummingbird
import Judging
import Service

/// The pages both organizers and the reporting office read: the overview, the final's results, the deals report
/// with its exports. Nothing here writes.
struct ReporterPages: Sendable {
    let database: EventDatabase

    /// The pages any account reads (behind `RequireRole(.reporter)`).
    func addRoutes(to router: some RouterMethods<DuijieContext>) {
        router.get("/") { request, context in try overview(request, context: context) }
        router.get("/results") { request, context in try results(request, context: context) }
        router.get("/report") { request, context in try report(request, context: context) }
        router.get("/report/export.csv") { request, _ in try export(request, format: .csv) }
        router.get("/report/export.xlsx") { request, _ in try export(request, format: .xlsx) }
    }

    func overview(_ request: Request, context: DuijieContext) throws -> Response {
        struct Row {
            let key: String
            let enterprise: String
            let title: String
            let county: String
            let href: String?
        }
        struct Model {
            let event: String
            let demandCount: Int
            let teamCount: Int
            let toFix: Int
            let fixHref: String?
            let signedCount: Int
            let signedWan: String
            let registeredCount: Int
            let intentionCount: Int
            let byCategory: BarsView
            let query: String
            let demands: [Row]
        }
        let lang = Lang(request)
        let catalog = CatalogService(database: database)
        let event = try catalog.event(request.uri.queryParameters.get("event"))
        let all = try catalog.demands(event: event)
        let query = request.uri.queryParameters.get("q") ?? ""
        let demands = query.isEmpty ? all : all.filter { DemandSearch.matches($0, query) }
        let solvers = try catalog.solvers()
        let report = try DealService(database: database).report(event: nil)
        let organizer = context.identity?.role == .organizer
        let rows = demands.prefix(50).map { demand in
            let key = demand.ref ?? String(demand.id)
            return Row(
                key: key, enterprise: demand.enterprise, title: demand.title, county: demand.county ?? "",
                href: organizer
                    ? lang.path("/organize/demands/\(percentEncoded(key))?event=\(percentEncoded(event))") : nil)
        }
        let model = Model(
            event: event, demandCount: all.count, teamCount: solvers.count,
            toFix: try catalog.rejected(toFix: true).count, fixHref: organizer ? lang.path("/organize/rejected") : nil,
            signedCount: report.signed.count, signedWan: report.signed.amountWan,
            registeredCount: report.registered.count, intentionCount: report.intention.count,
            byCategory: BarsView(report.byCategory), query: query, demands: rows)
        return Views.page(
            "overview", title: Views.word("app_title", lang), model: model, lang: lang, context: context, path: "/")
    }

    func results(_ request: Request, context: DuijieContext) throws -> Response {
        struct Method {
            let name: String
            let href: String
            let current: Bool
        }
        struct Line {
            let rank: Int
            let team: String
            let name: String
            let score: String
            let tied: Bool
            let validJudges: Int
            let award: String
        }
        struct Group {
            let demand: String
            let title: String
            let lines: [Line]
        }
        struct Model {
            let event: String
            let methods: [Method]
            let groups: [Group]
        }
        let lang = Lang(request)
        let event = try CatalogService(database: database).event(request.uri.queryParameters.get("event"))
        var method: AggregationMethod?
        if let text = request.uri.queryParameters.get("method"), !text.isEmpty { method = AggregationMethod(rawValue: text) }
        let results = try JudgeService(database: database).results(event: event, method: method)
        let model = Model(
            event: event,
            methods: AggregationMethod.allCases.map { option in
                Method(
                    name: option.name.text(lang.language),
                    href: lang.path("/results?event=\(percentEncoded(event))&method=\(option.rawValue)"),
                    current: option.rawValue == results.method)
            },
            groups: results.groups.map { group in
                Group(
                    demand: group.demand, title: group.title,
                    lines: group.ranking.enumerated().map { rank, line in
                        Line(
                            rank: rank + 1, team: line.team, name: line.name, score: line.score, tied: line.tied,
                            validJudges: line.validJudges, award: line.award ?? "")
                    })
            })
        return Views.page(
            "results", title: Views.word("results_title", lang), model: model, lang: lang, context: context,
            path: "/results")
    }

    func report(_ request: Request, context: DuijieContext) throws -> Response {
        struct Stage {
            let label: String
            let count: Int
            let amountWan: String
        }
        struct Breakdown {
            let label: String
            let bars: BarsView
        }
        struct Model {
            let event: String?
            let suffix: String
            let stages: [Stage]
            let voided: Int
            let investmentWan: String
            let stageBars: BarsView
            let breakdowns: [Breakdown]
            let sciencePlan: [ScienceEntry]
        }
        struct ScienceEntry {
            let registration: String
            let enterprise: String
            let solver: String
            let category: String
            let amountYuan: String
            let techAmountYuan: String
        }
        let lang = Lang(request)
        let event = request.uri.queryParameters.get("event").flatMap { $0.isEmpty ? nil : $0 }
        let report = try DealService(database: database).report(event: event)
        let stages = [
            ("stage_signed_all", report.signed), ("stage_registered", report.registered),
            ("stage_intentions", report.intention),
        ]
        let stageBars = zip(
            ["bar_signed", "bar_registered", "bar_intentions"], [report.signed, report.registered, report.intention]
        )
        .map { key, total in
            var named = total
            named.name = Views.word(key, lang)
            return named
        }
        let model = Model(
            event: event, suffix: event.map { "?event=\(percentEncoded($0))" } ?? "",
            stages: stages.map { Stage(label: Views.word($0.0, lang), count: $0.1.count, amountWan: $0.1.amountWan) },
            voided: report.voided, investmentWan: report.expectedInvestmentWan, stageBars: BarsView(stageBars),
            breakdowns: [
                ("by_category", report.byCategory), ("by_field", report.byField), ("by_county", report.byCounty),
            ].map { Breakdown(label: Views.word($0.0, lang), bars: BarsView($0.1)) },
            sciencePlan: report.sciencePlan.map { entry in
                ScienceEntry(
                    registration: entry.registration, enterprise: entry.enterprise, solver: entry.solver,
                    category: entry.category ?? "", amountYuan: entry.amountYuan,
                    techAmountYuan: entry.techAmountYuan ?? "")
            })
        return Views.page(
            "report", title: Views.word("report_title", lang), model: model, lang: lang, context: context,
            path: "/report")
    }

    /// The report as a download (CSV with BOM or XLSX), cells that look like formulas neutralised.
    func export(_ request: Request, format: TableExport.Format) throws -> Response {
        let event = request.uri.queryParameters.get("event").flatMap { $0.isEmpty ? nil : $0 }
        let report = try DealService(database: database).report(event: event)
        let data = try ReportExport.data(report, format: format)
        let name =
            "duijie-report\(event.map { "-" + $0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) } } ?? "").\(format.rawValue)"
        return ReporterPages.download(data, name: name, format: format)
    }

    /// A file download: the format's media type, attachment, not cached, not sniffed. `displayName` (UTF-8, e.g.
    /// 待修改-县表.xlsx) is offered as `filename*` beside the ASCII `name`.
    static func download(_ data: Data, name: String, format: TableExport.Format, displayName: String? = nil) -> Response {
        var disposition = "attachment; filename=\"\(name)\""
        if let displayName {
            var allowed = CharacterSet.alphanumerics.intersection(
                CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
            allowed.insert(charactersIn: "-._~")
            disposition += "; filename*=UTF-8''" + (displayName.addingPercentEncoding(withAllowedCharacters: allowed) ?? name)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: format.contentType, .contentDisposition: disposition,
                .cacheControl: "no-store", .init("X-Content-Type-Options")!: "nosniff",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
