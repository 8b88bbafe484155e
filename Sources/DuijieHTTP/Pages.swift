import Foundation
import Hummingbird
import Judging
import Service

/// The pages both organizers and the reporting office read: the overview, the final's results, the deals report
/// with its exports. Nothing here writes.
struct Pages: Sendable {
    let database: EventDatabase

    func overview(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let catalog = CatalogService(database: database)
        let event = try catalog.event(request.uri.queryParameters.get("event"))
        let all = try catalog.demands(event: event)
        let query = request.uri.queryParameters.get("q") ?? ""
        let demands = query.isEmpty ? all : all.filter { DemandSearch.matches($0, query) }
        let solvers = try catalog.solvers()
        let report = try DealService(database: database).report(event: nil)
        var body = "<h1>\(lang.t("对接 · 创新挑战赛", "Duijie · innovation challenge")) · \(escape(event))</h1>"
        body += "<section><h2>\(lang.t("概况", "Overview"))</h2><ul>"
        body += "<li>\(lang.t("技术需求", "Demands")): \(all.count)</li><li>\(lang.t("科研团队", "Teams")): \(solvers.count)</li>"
        let toFix = try catalog.rejected(toFix: true).count
        body +=
            context.identity?.role == .organizer
            ? "<li><a href=\"\(lang.href("/organize/rejected"))\">\(lang.t("待修改的问题行", "Rows to fix"))</a>: \(toFix)</li>"
            : "<li>\(lang.t("待修改的问题行", "Rows to fix")): \(toFix)</li>"
        body +=
            "<li>\(lang.t("已签约合同", "Signed contracts")): \(report.signed.count) · \(escape(report.signed.amountWan))\(lang.t("万元", " ×10k yuan"))</li>"
        body += "<li>\(lang.t("已认定登记", "Registered")): \(report.registered.count)</li>"
        body += "<li>\(lang.t("意向协议", "Intentions")): \(report.intention.count)</li></ul></section>"
        body += "<section><h2>\(lang.t("按合同类别", "By category"))</h2>\(Layout.bars(report.byCategory, unit: "万元"))</section>"
        body += "<section><h2>\(lang.t("技术需求", "Demands"))</h2>"
        body += "<form method=\"get\"><input name=\"q\" value=\"\(escape(query))\" placeholder=\"\(lang.t("搜索", "Search"))\">"
        body += "\(lang.field)<button>\(lang.t("搜索", "Search"))</button></form><table>"
        body += "<tr><th>\(lang.t("编号", "Ref"))</th><th>\(lang.t("企业", "Enterprise"))</th>"
        body += "<th>\(lang.t("需求名称", "Title"))</th><th>\(lang.t("县市区", "County"))</th></tr>"
        let organizer = context.identity?.role == .organizer
        for d in demands.prefix(50) {
            let key = d.ref ?? String(d.id)
            let title =
                organizer
                ? "<a href=\"\(lang.href("/organize/demands/\(percentEncoded(key))?event=\(percentEncoded(event))"))\">\(escape(d.title))</a>"
                : escape(d.title)
            body += "<tr><td>\(escape(key))</td><td>\(escape(d.enterprise))</td><td>\(title)</td>"
            body += "<td>\(escape(d.county ?? ""))</td></tr>"
        }
        body += "</table></section>"
        return Layout.html(Layout.page(title: lang.t("对接", "Duijie"), body: body, lang: lang, context: context, path: "/"))
    }

    func results(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let event = try CatalogService(database: database).event(request.uri.queryParameters.get("event"))
        var method: AggregationMethod?
        if let text = request.uri.queryParameters.get("method"), !text.isEmpty { method = AggregationMethod(rawValue: text) }
        let results = try JudgeService(database: database).results(event: event, method: method)
        var body = "<h1>\(lang.t("决赛成绩", "Results of the final")) · \(escape(event))</h1>"
        body += "<p>\(lang.t("汇总方法", "Method")): "
        for option in AggregationMethod.allCases {
            let link = lang.href("/results?event=\(percentEncoded(event))&method=\(option.rawValue)")
            body +=
                option.rawValue == results.method ? "<b>\(option.rawValue)</b> " : "<a href=\"\(link)\">\(option.rawValue)</a> "
        }
        body += "</p>"
        for group in results.groups {
            body += "<h2>\(escape(group.demand)) \(escape(group.title))</h2><table><tr><th>#</th><th>\(lang.t("团队", "Team"))</th>"
            body +=
                "<th>\(lang.t("得分", "Score"))</th><th>\(lang.t("有效评委", "Valid judges"))</th><th>\(lang.t("奖项", "Award"))</th></tr>"
            for (rank, line) in group.ranking.enumerated() {
                body += "<tr><td>\(rank + 1)</td><td>\(escape(line.team)) \(escape(line.name))</td><td>\(escape(line.score))"
                body +=
                    "\(line.tied ? " (\(lang.t("并列", "tied")))" : "")</td><td>\(line.validJudges)</td><td>\(escape(line.award ?? ""))</td></tr>"
            }
            body += "</table>"
        }
        if results.groups.isEmpty { body += "<p class=\"muted\">\(lang.t("尚无评分。", "No scores yet."))</p>" }
        return Layout.html(
            Layout.page(title: lang.t("决赛成绩", "Results"), body: body, lang: lang, context: context, path: "/results"))
    }

    func report(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let event = request.uri.queryParameters.get("event").flatMap { $0.isEmpty ? nil : $0 }
        let report = try DealService(database: database).report(event: event)
        let wan = lang.t("万元", " ×10k yuan")
        var body = "<h1>\(lang.t("成果报表", "Deals report"))\(event.map { " · " + escape($0) } ?? "")</h1>"
        let suffix = event.map { "?event=\(percentEncoded($0))" } ?? ""
        body +=
            "<p><a href=\"/report/export.csv\(escape(suffix))\" download><button>\(lang.t("导出 CSV", "Export CSV"))</button></a> "
        body +=
            "<a href=\"/report/export.xlsx\(escape(suffix))\" download><button>\(lang.t("导出 Excel", "Export XLSX"))</button></a></p>"
        body +=
            "<h2>\(lang.t("按阶段", "By stage"))</h2><table><tr><th></th><th>\(lang.t("数量", "Count"))</th><th>\(lang.t("金额", "Amount"))</th></tr>"
        for (zh, en, total) in [
            ("已签约（含已登记）", "Signed (incl. registered)", report.signed), ("已认定登记", "Registered", report.registered),
            ("意向", "Intentions", report.intention),
        ] {
            body += "<tr><td>\(lang.t(zh, en))</td><td>\(total.count)</td><td>\(escape(total.amountWan))\(wan)</td></tr>"
        }
        body += "<tr><td>\(lang.t("已作废", "Voided"))</td><td>\(report.voided)</td><td></td></tr>"
        body +=
            "<tr><td>\(lang.t("预计总投资", "Expected investment"))</td><td></td><td>\(escape(report.expectedInvestmentWan))\(wan)</td></tr></table>"
        body += Layout.bars(
            [report.signed, report.registered, report.intention].enumerated().map { index, total in
                var named = total
                named.name = [lang.t("已签约", "Signed"), lang.t("已登记", "Registered"), lang.t("意向", "Intentions")][index]
                return named
            }, unit: "万元")
        for (zh, en, totals) in [
            ("按合同类别", "By category", report.byCategory), ("按领域", "By field", report.byField),
            ("按县市区", "By county", report.byCounty),
        ] {
            body += "<h2>\(lang.t(zh, en))</h2>\(Layout.bars(totals, unit: "万元"))"
        }
        body += "<h2>\(lang.t("已认定登记合同（列入科技计划）", "Registered contracts (science plan)"))</h2>"
        body += "<table><tr><th>\(lang.t("登记号", "Registration"))</th><th>\(lang.t("企业", "Enterprise"))</th>"
        body +=
            "<th>\(lang.t("合作单位", "Partner"))</th><th>\(lang.t("类别", "Category"))</th><th>\(lang.t("合同金额（元）", "Amount (yuan)"))</th>"
        body += "<th>\(lang.t("技术交易额（元）", "Technology amount (yuan)"))</th></tr>"
        for entry in report.sciencePlan {
            body +=
                "<tr><td>\(escape(entry.registration))</td><td>\(escape(entry.enterprise))</td><td>\(escape(entry.solver))</td>"
            body +=
                "<td>\(escape(entry.category ?? ""))</td><td>\(escape(entry.amountYuan))</td><td>\(escape(entry.techAmountYuan ?? ""))</td></tr>"
        }
        body += "</table>"
        return Layout.html(
            Layout.page(title: lang.t("成果报表", "Report"), body: body, lang: lang, context: context, path: "/report"))
    }

    /// The report as a download (CSV with BOM or XLSX), cells that look like formulas neutralised.
    func export(_ request: Request, format: TableExport.Format) throws -> Response {
        let event = request.uri.queryParameters.get("event").flatMap { $0.isEmpty ? nil : $0 }
        let report = try DealService(database: database).report(event: event)
        let data = try ReportExport.data(report, format: format)
        let name =
            "duijie-report\(event.map { "-" + $0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) } } ?? "").\(format.rawValue)"
        return Pages.download(data, name: name, format: format)
    }

    /// A file download: the format's media type, attachment, not cached, not sniffed.
    static func download(_ data: Data, name: String, format: TableExport.Format) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(name)\"",
                .cacheControl: "no-store", .init("X-Content-Type-Options")!: "nosniff",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
