import Foundation
import Hummingbird
import Judging
import Matching
import Service

/// The organizers' pages: upload with a row-by-row report, demands with their ranked teams and reasons, pin/drop,
/// the assignment, and the final's setup. Every form carries the session's CSRF token.
struct OrganizerPages: Sendable {
    let database: EventDatabase

    private func event(_ request: Request, _ context: DuijieContext) throws -> String {
        try CatalogService(database: database).event(context.form["event"] ?? request.uri.queryParameters.get("event"))
    }

    private func render(_ title: String, _ body: String, _ lang: Lang, _ context: DuijieContext, path: String) -> Response {
        Layout.html(Layout.page(title: title, body: body, lang: lang, context: context, path: path))
    }

    private func eventField(_ event: String, _ lang: Lang) -> String {
        "<label>\(lang.t("活动编号", "Event code"))<input name=\"event\" value=\"\(escape(event))\" required></label>"
    }

    // MARK: Upload

    func uploadForm(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let chosen = UploadKind(rawValue: request.uri.queryParameters.get("kind") ?? "") ?? .demands
        return render(
            lang.t("上传表格", "Upload"), uploadFormHTML(lang, context, event: try event(request, context), chosen: chosen), lang,
            context, path: "/organize/upload")
    }

    private func uploadFormHTML(_ lang: Lang, _ context: DuijieContext, event: String, chosen: UploadKind) -> String {
        var body = "<h1>\(lang.t("上传表格", "Upload sheets"))</h1>"
        body +=
            "<p class=\"muted\">\(lang.t("支持 .xlsx、.xls、.csv（UTF-8 或 GB18030）、.xml（SpreadsheetML）；单个文件不超过 64 MiB。", "Accepted: .xlsx, .xls, .csv (UTF-8 or GB18030), .xml (SpreadsheetML); at most 64 MiB."))</p>"
        body += "<form method=\"post\" action=\"/organize/upload\" enctype=\"multipart/form-data\" class=\"stack\">"
        body += Layout.csrfField(context) + lang.field
        body += "<label>\(lang.t("表格类型", "Kind"))<select name=\"kind\">"
        for kind in UploadKind.allCases {
            body +=
                "<option value=\"\(kind.rawValue)\"\(kind == chosen ? " selected" : "")>\(lang.t(kind.label.zh, kind.label.en))</option>"
        }
        body += "</select></label>" + eventField(event, lang)
        body +=
            "<label>\(lang.t("文件", "Files"))<input type=\"file\" name=\"file\" multiple required accept=\".xlsx,.xls,.csv,.xml,.txt\"></label>"
        body += "<label><input type=\"checkbox\" name=\"strict\" value=\"1\" style=\"display:inline;width:auto\"> "
        body += "\(lang.t("严格模式：有任何问题行则整个文件不导入", "Strict: refuse a file with any rejected row"))</label>"
        body += "<button>\(lang.t("上传并校验", "Upload and check"))</button></form>"
        return body
    }

    func upload(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let kind = UploadKind(rawValue: context.form["kind"] ?? "") ?? .demands
        let event = try event(request, context)
        let files = context.form.files["file"] ?? []
        var body = "<h1>\(lang.t("导入结果", "Import report"))</h1>"
        do {
            let result = try Uploads(database: database).run(
                kind: kind, files: files, event: event, strict: context.form["strict"] == "1")
            body += report(result, lang)
        } catch let error as HTTPError {
            body += "<p role=\"alert\" class=\"bad\">\(escape(error.body ?? "\(error.status)"))</p>"
        }
        body += uploadFormHTML(lang, context, event: event, chosen: kind)
        return render(lang.t("导入结果", "Import report"), body, lang, context, path: "/organize/upload")
    }

    private func report(_ result: UploadResult, _ lang: Lang) -> String {
        switch result {
        case .judges(let count):
            return "<p class=\"ok\">\(lang.t("评委名单已导入：\(count) 位评委。", "Judges imported: \(count)."))</p>"
        case .scores(let summary):
            var html = "<p class=\"ok\">\(lang.t("评分已导入", "Scores imported")): \(summary.imported) · "
            html += "\(lang.t("更正", "corrected")) \(summary.corrected) · \(lang.t("未变", "unchanged")) \(summary.unchanged)</p>"
            if !summary.excluded.isEmpty {
                html += "<p>\(lang.t("回避（已记录、不计分）", "Excluded (kept, not counted)")):</p><ul>"
                for item in summary.excluded {
                    html += "<li>\(escape(item.judge)) → \(escape(item.team))：\(escape(item.reason))</li>"
                }
                html += "</ul>"
            }
            return html
        case .records(let summary):
            var html = "<table><tr><th>\(lang.t("文件", "File"))</th><th>\(lang.t("新增", "New"))</th>"
            html += "<th>\(lang.t("更新", "Updated"))</th><th>\(lang.t("未变", "Unchanged"))</th>"
            html += "<th>\(lang.t("跳过", "Skipped"))</th><th>\(lang.t("问题行", "Rejected"))</th><th></th></tr>"
            for file in summary.files {
                html += "<tr><td>\(escape(file.file))</td><td>\(file.imported)</td><td>\(file.updated)</td>"
                html += "<td>\(file.unchanged)</td><td>\(file.skipped)</td><td>\(file.rejected)</td><td>"
                if let error = file.error { html += "<span class=\"bad\">\(escape(error))</span>" }
                if file.strictRefused { html += "<span class=\"bad\">\(lang.t("严格模式：未导入", "strict: not imported"))</span>" }
                for warning in file.warnings { html += "<div class=\"muted\">\(escape(warning))</div>" }
                html += "</td></tr>"
            }
            html += "</table>"
            if summary.rejected.isEmpty {
                html += "<p class=\"ok\">\(lang.t("没有问题行。", "No rejected rows."))</p>"
            } else {
                html += "<h2>\(lang.t("问题行（已保留，修改后重新上传）", "Rejected rows (kept; fix and upload again)"))</h2>"
                html += "<table><tr><th>\(lang.t("文件", "File"))</th><th>\(lang.t("工作表", "Sheet"))</th>"
                html += "<th>\(lang.t("行", "Row"))</th><th>\(lang.t("列", "Column"))</th><th>\(lang.t("值", "Value"))</th>"
                html += "<th>\(lang.t("原因", "Reason"))</th></tr>"
                for row in summary.rejected {
                    html += "<tr><td>\(escape(row.file))</td><td>\(escape(row.sheet ?? ""))</td><td>\(row.row)</td>"
                    html += "<td>\(escape(row.column))</td><td>\(escape(row.value))</td><td>\(escape(row.reason))</td></tr>"
                }
                html += "</table>"
            }
            return html
        }
    }

    // MARK: Rows to fix

    func rejected(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let kind = request.uri.queryParameters.get("kind").flatMap { CatalogService.rejectionKinds.contains($0) ? $0 : nil }
        let rows = try CatalogService(database: database).rejected(kind: kind, toFix: true)
        var body = "<h1>\(lang.t("待修改的问题行", "Rows to fix"))</h1>"
        body +=
            "<p class=\"muted\">\(lang.t("每个文件只列最近一次导入的问题行；改好后用同一文件名重新上传，旧的问题行即消失。", "Only each file's latest import is listed; upload the corrected file under the same name and its old rows go."))</p><p>"
        for (value, zh, en) in [
            (nil, "全部", "All"), ("demands", "技术需求", "Demands"), ("solvers", "科研团队", "Teams"), ("deals", "合同", "Deals"),
        ] {
            let link = lang.href("/organize/rejected" + (value.map { "?kind=\($0)" } ?? ""))
            body += value == kind ? "<b>\(lang.t(zh, en))</b> " : "<a href=\"\(link)\">\(lang.t(zh, en))</a> "
        }
        let suffix = kind.map { "?kind=\($0)" } ?? ""
        body +=
            "</p><p><a href=\"/organize/rejected/export.xlsx\(suffix)\" download><button>\(lang.t("下载待修改表（Excel）", "Download to fix (XLSX)"))</button></a> "
        body += "<a href=\"/organize/rejected/export.csv\(suffix)\" download><button>CSV</button></a></p>"
        body += "<table><tr><th>\(lang.t("类型", "Kind"))</th><th>\(lang.t("文件", "File"))</th><th>\(lang.t("工作表", "Sheet"))</th>"
        body +=
            "<th>\(lang.t("行", "Row"))</th><th>\(lang.t("列", "Column"))</th><th>\(lang.t("值", "Value"))</th><th>\(lang.t("原因", "Reason"))</th></tr>"
        for row in rows.prefix(2000) {
            let r = row.rejection
            body += "<tr><td>\(escape(row.kind))</td><td>\(escape(r.file))</td><td>\(escape(r.sheet ?? ""))</td><td>\(r.row)</td>"
            body += "<td>\(escape(r.column))</td><td>\(escape(r.value))</td><td>\(escape(r.reason))"
            if !r.cells.isEmpty {
                body += "<details><summary>\(lang.t("整行", "Whole row"))</summary>"
                body += escape(r.cells.sorted { $0.key < $1.key }.map { "\($0.key)：\($0.value)" }.joined(separator: "；"))
                body += "</details>"
            }
            body += "</td></tr>"
        }
        body += "</table>"
        if rows.isEmpty { body += "<p class=\"ok\">\(lang.t("没有待修改的问题行。", "Nothing to fix."))</p>" }
        return render(lang.t("待修改的问题行", "Rows to fix"), body, lang, context, path: "/organize/rejected")
    }

    func rejectedExport(_ request: Request, format: TableExport.Format) throws -> Response {
        let kind = request.uri.queryParameters.get("kind").flatMap { CatalogService.rejectionKinds.contains($0) ? $0 : nil }
        let table = try CatalogService(database: database).rejectedSheet(kind: kind)
        let data = try TableExport.data(table, rows: table, sheet: "待修改", format: format)
        return Pages.download(data, name: "duijie-to-fix\(kind.map { "-" + $0 } ?? "").\(format.rawValue)", format: format)
    }

    // MARK: Demands and their ranked teams

    func demands(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let event = try event(request, context)
        let query = request.uri.queryParameters.get("q") ?? ""
        let all = try CatalogService(database: database).demands(event: event)
        let list = query.isEmpty ? all : all.filter { DemandSearch.matches($0, query) }
        var body = "<h1>\(lang.t("技术需求", "Demands")) · \(escape(event))</h1>"
        body += "<form method=\"get\">\(lang.field)<input type=\"hidden\" name=\"event\" value=\"\(escape(event))\">"
        body += "<input name=\"q\" value=\"\(escape(query))\" placeholder=\"\(lang.t("搜索需求、企业、领域", "Search"))\"> "
        body += "<button>\(lang.t("搜索", "Search"))</button></form>"
        body += "<p class=\"muted\">\(list.count) / \(all.count)</p><table><tr><th>\(lang.t("编号", "Ref"))</th>"
        body +=
            "<th>\(lang.t("需求名称", "Title"))</th><th>\(lang.t("企业", "Enterprise"))</th><th>\(lang.t("县市区", "County"))</th></tr>"
        for demand in list.prefix(500) {
            let key = demand.ref ?? String(demand.id)
            let link = lang.href("/organize/demands/\(percentEncoded(key))?event=\(percentEncoded(event))")
            body += "<tr><td>\(escape(key))</td><td><a href=\"\(link)\">\(escape(demand.title))</a></td>"
            body += "<td>\(escape(demand.enterprise))</td><td>\(escape(demand.county ?? ""))</td></tr>"
        }
        body += "</table>"
        return render(lang.t("技术需求", "Demands"), body, lang, context, path: "/organize/demands")
    }

    func demand(_ request: Request, context: DuijieContext, key: String) throws -> Response {
        let lang = Lang(request)
        let event = try event(request, context)
        guard
            let demand = try CatalogService(database: database).demands(event: event).first(where: {
                ($0.ref ?? String($0.id)) == key
            })
        else { throw HTTPError(.notFound, message: "no demand \(key) in event \(event)") }
        let service = MatchService(database: database)
        let ranking = try service.candidates(demand: key, event: event, top: 10)
        var body = "<h1>\(escape(key)) \(escape(demand.title))</h1>"
        body += "<p>\(escape(demand.enterprise)) · \(escape(demand.county ?? "")) · \(escape(demand.field ?? ""))</p>"
        if let description = demand.description { body += "<p>\(escape(description))</p>" }
        if let goals = demand.goals { body += "<p class=\"muted\">\(lang.t("目标", "Goals"))：\(escape(goals))</p>" }
        body += "<h2>\(lang.t("推荐团队", "Ranked teams"))</h2><table><tr><th>#</th><th>\(lang.t("团队", "Team"))</th>"
        body += "<th>\(lang.t("得分", "Score"))</th><th>\(lang.t("理由", "Reasons"))</th><th></th></tr>"
        for (rank, candidate) in (ranking?.candidates ?? []).enumerated() {
            body += "<tr><td>\(rank + 1)</td><td>\(escape(candidate.counterpart)) \(escape(candidate.name))"
            body += "<div class=\"muted\">\(escape(candidate.organisation))</div></td>"
            body += "<td>\(String(format: "%.2f", candidate.score))\(candidate.pinned ? " 📌" : "")</td><td><ul>"
            for reason in lang.english ? candidate.reasons : candidate.reasonsZH { body += "<li>\(escape(reason))</li>" }
            body += "</ul></td><td>"
            body += decisionForm(key, event, candidate.counterpart, candidate.pinned ? "unpin" : "pin", lang, context)
            body += decisionForm(key, event, candidate.counterpart, "drop", lang, context) + "</td></tr>"
        }
        body += "</table>"
        let decisions = try service.decisions(demand: key, event: event)
        if !decisions.isEmpty {
            body += "<h2>\(lang.t("组委会的决定", "Organizers' decisions"))</h2><table>"
            for decision in decisions {
                let what = decision.action == .pin ? lang.t("已固定", "pinned") : lang.t("已排除", "dropped")
                body += "<tr><td>\(escape(decision.team)) \(escape(decision.name))</td><td>\(what)</td><td>"
                body += decisionForm(key, event, decision.team, "unpin", lang, context) + "</td></tr>"
            }
            body += "</table>"
        }
        body += "<h2>\(lang.t("手动固定团队", "Pin a team by ref"))</h2>"
        body += "<form method=\"post\" action=\"/organize/demands/\(escape(percentEncoded(key)))/decision\" class=\"stack\">"
        body += Layout.csrfField(context) + lang.field + "<input type=\"hidden\" name=\"event\" value=\"\(escape(event))\">"
        body += "<input type=\"hidden\" name=\"action\" value=\"pin\"><label>\(lang.t("团队编号", "Team ref"))"
        body += "<input name=\"team\" required></label><button>\(lang.t("固定", "Pin"))</button></form>"
        return render(demand.title, body, lang, context, path: "/organize/demands")
    }

    private func decisionForm(
        _ demand: String, _ event: String, _ team: String, _ action: String, _ lang: Lang, _ context: DuijieContext
    ) -> String {
        let label =
            switch action {
            case "pin": lang.t("固定", "Pin")
            case "drop": lang.t("排除", "Drop")
            default: lang.t("撤销", "Undo")
            }
        var form = "<form method=\"post\" action=\"/organize/demands/\(escape(percentEncoded(demand)))/decision\">"
        form += Layout.csrfField(context) + lang.field
        form += "<input type=\"hidden\" name=\"event\" value=\"\(escape(event))\">"
        form += "<input type=\"hidden\" name=\"team\" value=\"\(escape(team))\">"
        form += "<input type=\"hidden\" name=\"action\" value=\"\(action)\"><button>\(label)</button></form>"
        return form
    }

    func decide(_ request: Request, context: DuijieContext, key: String) throws -> Response {
        let lang = Lang(request, form: context.form)
        let event = try event(request, context)
        let action: PinAction? =
            switch context.form["action"] {
            case "pin": .pin
            case "drop": .drop
            case "unpin": nil
            default: throw HTTPError(.badRequest, message: "action must be pin, drop or unpin")
            }
        try MatchService(database: database).setPin(demand: key, solver: context.form["team"] ?? "", event: event, action: action)
        return Layout.redirect(lang.path("/organize/demands/\(percentEncoded(key))?event=\(percentEncoded(event))"))
    }

    // MARK: Assignment

    func assignForm(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let body = assignFormHTML(lang, context, event: try event(request, context))
        return render(lang.t("分配", "Assignment"), body, lang, context, path: "/organize/assign")
    }

    private func assignFormHTML(_ lang: Lang, _ context: DuijieContext, event: String) -> String {
        let form = context.form
        var body = "<h1>\(lang.t("团队分配", "Assign teams to demands"))</h1>"
        body += "<form method=\"post\" action=\"/organize/assign\" class=\"stack\">" + Layout.csrfField(context) + lang.field
        body += eventField(event, lang)
        body +=
            "<label>\(lang.t("每个需求的团队数", "Teams per demand"))<input name=\"per_demand\" type=\"number\" min=\"1\" value=\"\(escape(form["per_demand"] ?? "3"))\"></label>"
        body +=
            "<label>\(lang.t("每个团队最多参与的需求数", "Demands per team (capacity)"))<input name=\"capacity\" type=\"number\" min=\"1\" value=\"\(escape(form["capacity"] ?? "1"))\"></label>"
        body += "<label>\(lang.t("只分配这些需求（编号，逗号分隔；留空为全部）", "Only these demands (refs, comma-separated; empty = all)"))"
        body += "<input name=\"demands\" value=\"\(escape(form["demands"] ?? ""))\"></label>"
        body += "<label><input type=\"checkbox\" name=\"distinct_institutions\" value=\"1\" style=\"display:inline;width:auto\""
        body +=
            "\(form["distinct_institutions"] == "1" ? " checked" : "")> \(lang.t("同一需求的团队来自不同单位", "Different institutions per demand"))</label>"
        body += "<button>\(lang.t("运行分配", "Run the assignment"))</button></form>"
        return body
    }

    func assign(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let event = try event(request, context)
        let form = context.form
        guard let perDemand = Int(form["per_demand"] ?? "3"), let capacity = Int(form["capacity"] ?? "1") else {
            throw HTTPError(.badRequest, message: "teams per demand and capacity must be whole numbers")
        }
        let demands = (form["demands"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init)
        let run = try MatchService(database: database).assign(
            AssignRequest(
                event: event, perDemand: perDemand, capacity: capacity,
                distinctInstitutions: form["distinct_institutions"] == "1",
                demands: demands.isEmpty ? nil : demands))
        var body = "<h1>\(lang.t("分配结果", "Assignment")) · run \(run.run)</h1>"
        body += "<p>\(lang.t("目标值", "Objective")) \(String(format: "%.4f", run.objective)) · \(run.assignments.count) "
        body += "\(lang.t("个需求已分配", "demands assigned"))</p>"
        body += "<form method=\"post\" action=\"/organize/final/groups\">" + Layout.csrfField(context) + lang.field
        body +=
            "<input type=\"hidden\" name=\"event\" value=\"\(escape(event))\"><input type=\"hidden\" name=\"run\" value=\"\(run.run)\">"
        body += "<button>\(lang.t("用此结果设置决赛分组", "Use as the final's pitch groups"))</button></form>"
        body +=
            "<table><tr><th>\(lang.t("需求", "Demand"))</th><th>\(lang.t("团队", "Teams"))</th><th>\(lang.t("合计", "Total"))</th></tr>"
        for item in run.assignments {
            body +=
                "<tr><td>\(escape(item.demand)) \(escape(item.title))</td><td>\(escape(item.solvers.joined(separator: ", ")))</td>"
            body += "<td>\(String(format: "%.3f", item.total))</td></tr>"
        }
        body += "</table>"
        if !run.unfilled.isEmpty {
            body += "<h2>\(lang.t("未满足", "Unfilled"))</h2><ul>"
            for item in run.unfilled { body += "<li>\(escape(item.demand))：\(escape(item.reason))</li>" }
            body += "</ul>"
        }
        body += assignFormHTML(lang, context, event: event)
        return render(lang.t("分配结果", "Assignment"), body, lang, context, path: "/organize/assign")
    }

    // MARK: The final

    func final(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let event = try event(request, context)
        let setup = try JudgeService(database: database).finalSetup(event: event)
        let saved = request.uri.queryParameters.get("saved") != nil
        var body = "<h1>\(lang.t("决赛设置", "The final")) · \(escape(event))</h1>"
        if saved { body += "<p class=\"ok\">\(lang.t("已保存。", "Saved."))</p>" }
        body += "<form method=\"post\" action=\"/organize/final\" class=\"stack\">" + Layout.csrfField(context) + lang.field
        body += "<input type=\"hidden\" name=\"event\" value=\"\(escape(event))\">"
        for (name, zh, en, value) in [
            ("name", "名称", "Name", setup.name ?? ""), ("date", "日期", "Date", setup.date ?? ""),
            ("place", "地点", "Place", setup.place ?? ""),
            ("criteria", "评分项（名称:满分，逗号分隔）", "Criteria (name:maximum, comma-separated)", setup.criteria),
            ("tiers", "奖项（名称:数量:group|overall）", "Award tiers (name:count:group|overall)", setup.tiers),
        ] {
            body += "<label>\(lang.t(zh, en))<input name=\"\(name)\" value=\"\(escape(value))\"></label>"
        }
        body += "<label>\(lang.t("分值步长", "Step"))<select name=\"step\">"
        for step in ["0.5", "0.1", "1"] { body += "<option\(step == setup.step ? " selected" : "")>\(step)</option>" }
        body += "</select></label><label>\(lang.t("汇总方法", "Method"))<select name=\"method\">"
        for method in AggregationMethod.allCases {
            body +=
                "<option value=\"\(method.rawValue)\"\(method.rawValue == setup.method ? " selected" : "")>\(method.rawValue)</option>"
        }
        body += "</select></label><button>\(lang.t("保存设置", "Save"))</button></form>"

        body += "<h2>\(lang.t("路演分组", "Pitch groups"))</h2>"
        if setup.groups.isEmpty {
            body +=
                "<p class=\"muted\">\(lang.t("尚无分组：在“分配”页运行分配后设为分组，或在下面逐组填写。", "No groups yet: run the assignment and use it, or set groups below."))</p>"
        }
        body += "<ol>"
        for group in setup.groups {
            body +=
                "<li>\(escape(group.demand)) \(escape(group.title))：\(escape(group.teams.map { "\($0.team) \($0.name)" }.joined(separator: "、")))</li>"
        }
        body +=
            "</ol><form method=\"post\" action=\"/organize/final/groups\" class=\"stack\">" + Layout.csrfField(context)
            + lang.field
        body += "<input type=\"hidden\" name=\"event\" value=\"\(escape(event))\">"
        body += "<label>\(lang.t("需求编号", "Demand ref"))<input name=\"demand\" required></label>"
        body +=
            "<label>\(lang.t("团队编号（按路演顺序，逗号分隔）", "Team refs in pitching order, comma-separated"))<input name=\"teams\" required></label>"
        body += "<button>\(lang.t("设置该组", "Set this group"))</button></form>"

        body += "<h2>\(lang.t("评委与评分链接", "Judges and their links"))</h2>"
        body +=
            "<p><a href=\"\(lang.href("/organize/upload?kind=judges&event=\(percentEncoded(event))"))\">\(lang.t("上传评委名单", "Upload the judges panel"))</a></p>"
        let links = Dictionary(
            try JudgeService(database: database).links(event: event).map { ($0.judge, $0.token) }, uniquingKeysWith: { a, _ in a }
        )
        let host = request.head.authority ?? "127.0.0.1:8080"
        body += "<table><tr><th>\(lang.t("评委", "Judge"))</th><th>\(lang.t("单位", "Affiliation"))</th>"
        body += "<th>\(lang.t("回避", "Avoids"))</th><th>\(lang.t("链接", "Link"))</th><th></th></tr>"
        for judge in setup.judges {
            body += "<tr><td>\(escape(judge.name))\(judge.submitted ? " ✔" : "")</td><td>\(escape(judge.affiliation ?? ""))</td>"
            body += "<td>\(escape(judge.avoid.joined(separator: "、")))"
            if !judge.groups.isEmpty {
                body += "<div class=\"muted\">\(lang.t("评审组", "Groups"))：\(escape(judge.groups.joined(separator: "、")))</div>"
            }
            body += "</td><td>"
            if let token = links[judge.name] { body += "<code>http://\(escape(host))/judge/\(escape(token))</code>" }
            body += "</td><td><form method=\"post\" action=\"/organize/final/revoke\">" + Layout.csrfField(context) + lang.field
            body +=
                "<input type=\"hidden\" name=\"event\" value=\"\(escape(event))\"><input type=\"hidden\" name=\"judge\" value=\"\(escape(judge.name))\">"
            body += "<button>\(lang.t("作废并重发链接", "Revoke and reissue"))</button></form></td></tr>"
        }
        body += "</table>"
        return render(lang.t("决赛设置", "The final"), body, lang, context, path: "/organize/final")
    }

    /// Back to the final's page after a change, saying it was saved.
    private func finalSaved(_ event: String, _ lang: Lang) -> Response {
        Layout.redirect(lang.path("/organize/final?event=\(percentEncoded(event))&saved=1"))
    }

    func saveFinal(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let event = try event(request, context)
        let form = context.form
        func given(_ name: String) -> String? {
            form[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        var method: AggregationMethod?
        if let text = given("method") {
            guard let parsed = AggregationMethod(rawValue: text) else {
                throw HTTPError(.badRequest, message: "method must be mean, trimmed or zscore")
            }
            method = parsed
        }
        _ = try JudgeService(database: database).setup(
            event: event, criteria: given("criteria"), step: given("step"), tiers: given("tiers"), method: method,
            name: given("name"), date: given("date"), place: given("place"))
        return finalSaved(event, lang)
    }

    func setGroups(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let event = try event(request, context)
        let form = context.form
        if let runText = form["run"] {
            guard let run = Int64(runText) else { throw HTTPError(.badRequest, message: "run must be a number") }
            _ = try JudgeService(database: database).setGroups(event: event, fromRun: run)
        } else {
            let teams = (form["teams"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == " " })
                .map(String.init)
            guard let demand = form["demand"], !teams.isEmpty else {
                throw HTTPError(.badRequest, message: "give a demand and at least one team")
            }
            try JudgeService(database: database).setGroup(event: event, demand: demand, teams: teams)
        }
        return finalSaved(event, lang)
    }

    func revoke(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let event = try event(request, context)
        guard let judge = context.form["judge"], !judge.isEmpty else { throw HTTPError(.badRequest, message: "which judge?") }
        _ = try JudgeService(database: database).revokeLinks(event: event, judge: judge)
        return finalSaved(event, lang)
    }
}

/// The substring search shared by the pages and `GET /api/demands?q=` (plain `contains`, so two-character Chinese
/// terms such as 激光 match).
enum DemandSearch {
    static func matches(_ d: DemandDTO, _ text: String) -> Bool {
        [d.title, d.enterprise, d.description ?? "", d.field ?? "", d.county ?? "", d.ref ?? ""].contains { $0.contains(text) }
    }

    static func matches(_ s: SolverDTO, _ text: String) -> Bool {
        [s.name, s.institution ?? "", s.directions.joined(separator: "；"), s.achievements ?? "", s.ref ?? ""].contains {
            $0.contains(text)
        }
    }
}
