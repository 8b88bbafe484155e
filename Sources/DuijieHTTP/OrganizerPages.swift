import DuijieCore
import Foundation
import Hummingbird
import Judging
import Matching
import QRCode
import Service

/// The organizers' pages: upload with a row-by-row report, demands with their ranked teams and reasons, pin/drop,
/// the assignment, and the final's setup. Every form carries the session's CSRF token.
struct OrganizerPages: Sendable {
    let database: EventDatabase
    /// Uploads previewed and waiting to be confirmed.
    var pending = PendingUploads()

    /// The organizers' pages (behind `RequireRole(.organizer)`).
    func addRoutes(to router: some RouterMethods<DuijieContext>) {
        router.get("/organize/upload") { request, context in try uploadForm(request, context: context) }
        router.post("/organize/upload") { request, context in try upload(request, context: context) }
        router.get("/organize/upload/preview") { request, context in try previewPage(request, context: context) }
        router.post("/organize/upload/confirm") { request, context in try confirm(request, context: context) }
        router.get("/organize/rejected") { request, context in try rejected(request, context: context) }
        router.get("/organize/rejected/export.xlsx") { request, _ in try rejectedExport(request, format: .xlsx) }
        router.get("/organize/rejected/export.csv") { request, _ in try rejectedExport(request, format: .csv) }
        router.get("/organize/demands") { request, context in try demands(request, context: context) }
        router.get("/organize/demands/{demand}") { request, context in
            try demand(request, context: context, key: context.parameters.get("demand") ?? "")
        }
        router.post("/organize/demands/{demand}/decision") { request, context in
            try decide(request, context: context, key: context.parameters.get("demand") ?? "")
        }
        router.get("/organize/assign") { request, context in try assignForm(request, context: context) }
        router.post("/organize/assign") { request, context in try assign(request, context: context) }
        router.get("/organize/final") { request, context in try final(request, context: context) }
        router.post("/organize/final") { request, context in try saveFinal(request, context: context) }
        router.post("/organize/final/groups") { request, context in try setGroups(request, context: context) }
        router.post("/organize/final/revoke") { request, context in try revoke(request, context: context) }
        router.get("/organize/final/card") { request, context in try judgeCard(request, context: context) }
        router.get("/organize/final/paper") { request, context in try paperSheet(request, context: context) }
        router.get("/organize/final/board") { request, context in try board(request, context: context) }
        router.get("/organize/final/projector") { request, context in try projector(request, context: context) }
    }

    private func event(_ request: Request, _ context: DuijieContext) throws -> String {
        try CatalogService(database: database).event(context.form["event"] ?? request.uri.queryParameters.get("event"))
    }

    private func render(
        _ template: String, titleKey: String, _ model: Any, _ lang: Lang, _ context: DuijieContext, path: String
    ) -> Response {
        Views.page(
            template, title: Views.word(titleKey, lang), model: model, lang: lang, context: context, path: path)
    }

    // MARK: Upload

    /// The upload page's form: the kinds of sheet, the event.
    private struct UploadForm {
        struct Kind {
            let value: String
            let label: String
            let selected: Bool
        }
        let kinds: [Kind]
        let event: String

        init(_ lang: Lang, event: String, chosen: UploadKind) {
            kinds = UploadKind.allCases.map {
                Kind(value: $0.rawValue, label: lang.t($0.label.zh, $0.label.en), selected: $0 == chosen)
            }
            self.event = event
        }
    }

    /// What an upload did, as the page shows it (`upload.mustache`).
    private struct UploadReport {
        struct Excluded {
            let judge: String
            let team: String
            let reason: String
        }
        struct Scores {
            let imported: Int
            let corrected: Int
            let unchanged: Int
            let hasExcluded: Bool
            let excluded: [Excluded]
        }
        struct File {
            let file: String
            let imported: Int
            let updated: Int
            let unchanged: Int
            let skipped: Int
            let rejected: Int
            let error: String?
            let strictRefused: Bool
            let warnings: [String]
        }
        struct Records {
            let files: [File]
            let hasRejected: Bool
            let rejected: [RejectedRowView]
        }
        var problem: String?
        var judges: String?
        var scores: Scores?
        var records: Records?

        init(problem: String) { self.problem = problem }

        init(_ result: UploadResult) {
            switch result {
            case .judges(let count):
                judges = String(count)
            case .scores(let summary):
                scores = Scores(
                    imported: summary.imported, corrected: summary.corrected, unchanged: summary.unchanged,
                    hasExcluded: !summary.excluded.isEmpty,
                    excluded: summary.excluded.map { Excluded(judge: $0.judge, team: $0.team, reason: $0.reason) })
            case .records(let summary), .preview(let summary):
                records = Records(
                    files: summary.files.map { file in
                        File(
                            file: file.file, imported: file.imported, updated: file.updated, unchanged: file.unchanged,
                            skipped: file.skipped, rejected: file.rejected, error: file.error,
                            strictRefused: file.strictRefused, warnings: file.warnings)
                    },
                    hasRejected: !summary.rejected.isEmpty,
                    rejected: summary.rejected.map(RejectedRowView.init))
            }
        }
    }

    private struct UploadPage {
        let report: UploadReport?
        let form: UploadForm
    }

    func uploadForm(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let chosen = UploadKind(rawValue: request.uri.queryParameters.get("kind") ?? "") ?? .demands
        let page = UploadPage(report: nil, form: UploadForm(lang, event: try event(request, context), chosen: chosen))
        return render("upload", titleKey: "upload_title", page, lang, context, path: "/organize/upload")
    }

    /// An upload: every kind of sheet is previewed first (nothing stored; the files are held for the confirmation),
    /// unless the form says `step=import`.
    func upload(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let kind = UploadKind(rawValue: context.form["kind"] ?? "") ?? .demands
        let event = try event(request, context)
        let files = context.form.files["file"] ?? []
        let strict = context.form["strict"] == "1"
        if context.form["step"] != "import", !files.isEmpty {
            let token = pending.hold(
                PendingUploads.Pending(
                    kind: kind, event: event, strict: strict, files: files, account: context.identity?.name ?? "",
                    created: Date()))
            return Layout.redirect(lang.path("/organize/upload/preview?token=\(token)"))
        }
        return try importNow(kind: kind, files: files, event: event, strict: strict, lang: lang, context: context)
    }

    private func importNow(
        kind: UploadKind, files: [FormData.File], event: String, strict: Bool, correction: Uploads.Correction = .init(),
        lang: Lang, context: DuijieContext
    ) throws -> Response {
        let report: UploadReport
        do {
            let result = try Uploads(database: database).run(
                kind: kind, files: files, event: event, strict: strict, correction: correction)
            report = UploadReport(result)
        } catch let error as HTTPError {
            report = UploadReport(problem: error.body ?? "\(error.status)")
        } catch let error as DuijieError where error.kind != .internal {
            report = UploadReport(problem: error.description)
        }
        let page = UploadPage(report: report, form: UploadForm(lang, event: event, chosen: kind))
        return render("upload", titleKey: "import_report", page, lang, context, path: "/organize/upload")
    }

    /// The preview page's answer: preview again with the corrected columns, or import.
    func confirm(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let token = context.form["token"] ?? ""
        guard let held = pending.get(token, account: context.identity?.name ?? "") else {
            let page = UploadPage(
                report: UploadReport(problem: Views.word("upload_expired", lang)),
                form: UploadForm(lang, event: try event(request, context), chosen: .demands))
            return render("upload", titleKey: "upload_title", page, lang, context, path: "/organize/upload")
        }
        let map = (context.form.all["map"] ?? []).filter { !$0.isEmpty }
        let headerRow = context.form["header_row"].flatMap { $0.isEmpty ? nil : $0 }
        let remember = context.form["remember"] == "1"
        guard context.form["action"] == "import" else {
            var query = "token=\(token)"
            for item in map { query += "&map=\(percentEncoded(item))" }
            if let headerRow { query += "&header_row=\(percentEncoded(headerRow))" }
            if remember { query += "&remember=1" }
            return Layout.redirect(lang.path("/organize/upload/preview?\(query)"))
        }
        let correction: Uploads.Correction
        do {
            correction = try Uploads.Correction(
                kind: held.kind, map: map, headerRow: headerRow, save: remember, preview: false,
                savedBy: context.identity?.name ?? "web")
        } catch {
            return try preview(
                token: token, map: map, headerRow: headerRow, remember: remember, lang: lang, context: context,
                problem: "\(error)")
        }
        pending.drop(token)
        return try importNow(
            kind: held.kind, files: held.files, event: held.event, strict: held.strict, correction: correction, lang: lang,
            context: context)
    }

    /// The preview page of a held upload (after the upload or a change, so that it can be reloaded).
    func previewPage(_ request: Request, context: DuijieContext) throws -> Response {
        let query = request.uri.queryParameters
        return try preview(
            token: query.get("token") ?? "", map: query.getAll("map").filter { !$0.isEmpty },
            headerRow: query.get("header_row").flatMap { $0.isEmpty ? nil : $0 }, remember: query.get("remember") == "1",
            lang: Lang(request), context: context)
    }

    /// Runs the held upload as a preview under `map` and shows it (`upload-preview.mustache`).
    private func preview(
        token: String, map: [String], headerRow: String?, remember: Bool, lang: Lang, context: DuijieContext,
        problem: String? = nil
    ) throws -> Response {
        guard let held = pending.get(token, account: context.identity?.name ?? "") else {
            let page = UploadPage(
                report: UploadReport(problem: Views.word("upload_expired", lang)),
                form: UploadForm(lang, event: ImportRequest.defaultEvent, chosen: .demands))
            return render("upload", titleKey: "upload_title", page, lang, context, path: "/organize/upload")
        }
        var problem = problem
        func run(headerRow: String?) throws -> ExplainDTO {
            var explain = ExplainDTO(preview: true)
            do {
                let correction = try Uploads.Correction(
                    kind: held.kind, map: map, headerRow: headerRow, save: false, preview: true, savedBy: "")
                let result = try Uploads(database: database).run(
                    kind: held.kind, files: held.files, event: held.event, strict: held.strict, correction: correction)
                switch result {
                case .preview(let summary): explain = summary.explain ?? explain
                case .scores(let summary):
                    // A score sheet: what it would add or correct, per file (its explanation carries no records).
                    explain = summary.explain ?? explain
                    for index in explain.files.indices where index == 0 {
                        explain.files[index].would = PreviewCountsDTO(
                            new: summary.imported, updated: summary.corrected, unchanged: summary.unchanged,
                            skipped: summary.skipped, rejected: 0)
                        explain.files[index].warnings = summary.warnings
                    }
                default: break
                }
            } catch let error as HTTPError {
                problem = error.body ?? "\(error.status)"
            } catch let error as DuijieError where error.kind != .internal {
                problem = error.description
            }
            return explain
        }
        var headerRow = headerRow
        var explain = try run(headerRow: headerRow)
        // No header found: preview under the row that most looks like one, so that its columns can be chosen.
        if headerRow == nil, !explain.files.isEmpty, explain.files.allSatisfy({ $0.error != nil && $0.sheets.isEmpty }),
            let file = held.files.first,
            let row = ImportService.likelyHeaderRow(
                ImportFile(name: file.filename, data: Data(file.data.readableBytesView)))
        {
            problem = Views.word("header_row_guessed", lang)
            headerRow = String(row)
            explain = try run(headerRow: headerRow)
        }
        let choices = MappingService.fieldChoices(of: held.kind)
        let model = PreviewPage(
            explain, token: token, choices: choices, chosen: map, headerRow: headerRow ?? "", remember: remember,
            problem: problem, lang: lang)
        return render("upload-preview", titleKey: "preview_title", model, lang, context, path: "/organize/upload")
    }

    /// The preview as the page shows it: per file and sheet, each column with its samples and a choice of field.
    private struct PreviewPage {
        struct Option {
            let value: String
            let label: String
            let selected: Bool
        }
        struct Column {
            let letter: String
            let header: String
            let samples: String
            let note: String?
            let unread: Bool
            let options: [Option]
        }
        struct Sheet {
            let sheetName: String
            let headerRows: String?
            let savedMapping: Bool
            let columns: [Column]
            let hasRecords: Bool
            let recordCount: Int
            let records: [String]
            let hasRejected: Bool
            let rejectedTotal: Int
            let rejectedRows: [RejectedRowView]
        }
        struct Would {
            let new: Int
            let updated: Int
            let unchanged: Int
            let skipped: Int
            let rejected: Bool
            let rejectedCount: Int
        }
        struct File {
            let file: String
            let error: String?
            let would: Would?
            let warnings: [String]
            let sheets: [Sheet]
        }
        let token: String
        let problem: String?
        let files: [File]
        let headerRow: String
        let remember: Bool

        init(
            _ explain: ExplainDTO, token: String, choices: [(field: String, name: String)], chosen: [String],
            headerRow: String, remember: Bool, problem: String?, lang: Lang
        ) {
            self.token = token
            self.problem = problem
            self.headerRow = headerRow
            self.remember = remember
            let chosenSet = Set(chosen)
            files = explain.files.map { file in
                File(
                    file: file.file, error: file.error,
                    would: file.would.map {
                        Would(
                            new: $0.new, updated: $0.updated, unchanged: $0.unchanged, skipped: $0.skipped,
                            rejected: $0.rejected > 0, rejectedCount: $0.rejected)
                    },
                    warnings: file.warnings ?? [],
                    sheets: file.sheets.map { sheet in
                        let columns = sheet.columns.filter { !$0.header.isEmpty }.map { column in
                            let current = column.field.flatMap { field in choices.first { $0.field == field } }
                            let automatic =
                                Views.word("auto_field", lang) + "："
                                + (current.map { lang.english ? $0.field : $0.name } ?? Views.word("not_read", lang))
                            var options = [Option(value: "", label: automatic, selected: false)]
                            for choice in choices {
                                let value = "\(column.header)=\(choice.field)"
                                options.append(
                                    Option(
                                        value: value,
                                        label: lang.english
                                            ? "\(choice.field) (\(choice.name))" : "\(choice.name)（\(choice.field)）",
                                        selected: chosenSet.contains(value)))
                            }
                            let ignore = "\(column.header)=ignore"
                            options.append(
                                Option(
                                    value: ignore, label: Views.word("ignore_column", lang),
                                    selected: chosenSet.contains(ignore)))
                            return Column(
                                letter: column.letter, header: column.header, samples: column.samples.joined(separator: " | "),
                                note: column.note,
                                unread: column.field == nil && column.how != .mapped && !column.samples.isEmpty,
                                options: options)
                        }
                        let records = sheet.records.prefix(10).map(PreviewPage.line)
                        return Sheet(
                            sheetName: sheet.sheet ?? file.file,
                            headerRows: sheet.headerRows.isEmpty ? nil : sheet.headerRows.map(String.init).joined(separator: "+"),
                            savedMapping: sheet.savedMapping, columns: columns, hasRecords: !records.isEmpty,
                            recordCount: records.count, records: records, hasRejected: !sheet.rejected.isEmpty,
                            rejectedTotal: sheet.rejected.count,
                            rejectedRows: sheet.rejected.prefix(200).map(RejectedRowView.init))
                    })
            }
        }

        /// A record as one line: its filled values, `key：value` joined by `；`.
        static func line(_ record: JSONValue) -> String {
            guard case .object(let fields) = record else { return "" }
            return fields.sorted { $0.key < $1.key }.compactMap { key, value -> String? in
                switch value {
                case .string(let text) where !text.isEmpty: "\(key)：\(text)"
                case .int(let number): key == "id" ? nil : "\(key)：\(number)"
                case .array(let items) where !items.isEmpty:
                    "\(key)：" + items.compactMap { if case .string(let text) = $0 { text } else { nil } }.joined(separator: "、")
                default: nil
                }
            }.joined(separator: "；")
        }
    }

    // MARK: Rows to fix

    func rejected(_ request: Request, context: DuijieContext) throws -> Response {
        struct Kind {
            let label: String
            let href: String
            let current: Bool
        }
        struct Download {
            let file: String
            let count: Int
            let xlsx: String
            let csv: String
        }
        struct Model {
            let kinds: [Kind]
            let suffix: String
            let downloads: [Download]
            let rows: [RejectedRowView]
            let hasRows: Bool
        }
        let lang = Lang(request)
        let kind = request.uri.queryParameters.get("kind").flatMap { CatalogService.rejectionKinds.contains($0) ? $0 : nil }
        let rows = try CatalogService(database: database).rejected(kind: kind, toFix: true)
        let kinds: [(String?, String)] = [
            (nil, "kind_all"), ("demands", "kind_demands"), ("solvers", "kind_solvers"), ("deals", "kind_deals"),
        ]
        let model = Model(
            kinds: kinds.map { value, key in
                Kind(
                    label: Views.word(key, lang), href: lang.path("/organize/rejected" + (value.map { "?kind=\($0)" } ?? "")),
                    current: value == kind)
            },
            suffix: kind.map { "?kind=\($0)" } ?? "",
            downloads: CatalogService.rejectedFiles(rows).map { file, count in
                let query = "?file=\(percentEncoded(file))" + (kind.map { "&kind=\($0)" } ?? "")
                return Download(
                    file: file, count: count, xlsx: "/organize/rejected/export.xlsx" + query,
                    csv: "/organize/rejected/export.csv" + query)
            },
            rows: rows.prefix(2000).map(RejectedRowView.init),
            hasRows: !rows.isEmpty)
        return render("rejected", titleKey: "rows_to_fix", model, lang, context, path: "/organize/rejected")
    }

    func rejectedExport(_ request: Request, format: TableExport.Format) throws -> Response {
        let kind = request.uri.queryParameters.get("kind").flatMap { CatalogService.rejectionKinds.contains($0) ? $0 : nil }
        let file = request.uri.queryParameters.get("file").flatMap { $0.isEmpty ? nil : $0 }
        let table = try CatalogService(database: database).rejectedSheet(kind: kind, file: file)
        let data = try TableExport.data(table, rows: table, sheet: "待修改", format: format)
        // One download per source file is named after it (待修改-县表.xlsx), so the corrected file is told apart.
        let stem = file.map { name in
            name.split(separator: ".").count > 1 ? name.split(separator: ".").dropLast().joined(separator: ".") : name
        }
        return ReporterPages.download(
            data, name: "duijie-to-fix\(kind.map { "-" + $0 } ?? "").\(format.rawValue)", format: format,
            displayName: stem.map { "待修改-\($0).\(format.rawValue)" })
    }

    // MARK: Demands and their ranked teams

    func demands(_ request: Request, context: DuijieContext) throws -> Response {
        struct Row {
            let key: String
            let href: String
            let title: String
            let enterprise: String
            let county: String
        }
        struct Model {
            let event: String
            let query: String
            let shown: Int
            let total: Int
            let demands: [Row]
        }
        let lang = Lang(request)
        let event = try event(request, context)
        let query = request.uri.queryParameters.get("q") ?? ""
        let all = try CatalogService(database: database).demands(event: event)
        let list = query.isEmpty ? all : all.filter { DemandSearch.matches($0, query) }
        let model = Model(
            event: event, query: query, shown: list.count, total: all.count,
            demands: list.prefix(500).map { demand in
                let key = demand.ref ?? String(demand.id)
                return Row(
                    key: key, href: lang.path("/organize/demands/\(percentEncoded(key))?event=\(percentEncoded(event))"),
                    title: demand.title, enterprise: demand.enterprise, county: demand.county ?? "")
            })
        return render("demands", titleKey: "demands", model, lang, context, path: "/organize/demands")
    }

    /// A pin, drop or undo button on a demand's page (`decision.mustache`).
    private struct DecisionForm {
        let action: String
        let event: String
        let team: String
        let verb: String
        let label: String

        init(demand: String, event: String, team: String, verb: String, lang: Lang) {
            action = "/organize/demands/\(percentEncoded(demand))/decision"
            self.event = event
            self.team = team
            self.verb = verb
            label = Views.word(["pin": "pin", "drop": "drop"][verb] ?? "undo", lang)
        }
    }

    func demand(_ request: Request, context: DuijieContext, key: String) throws -> Response {
        struct Candidate {
            let rank: Int
            let team: String
            let name: String
            let organisation: String
            let score: String
            let strength: String
            let strengthClass: String
            let pinned: Bool
            let reasons: [String]
            let forms: [DecisionForm]
        }
        struct Decision {
            let team: String
            let name: String
            let what: String
            let forms: [DecisionForm]
        }
        struct Model {
            let key: String
            let title: String
            let enterprise: String
            let county: String
            let field: String
            let description: String?
            let goals: String?
            let candidates: [Candidate]
            /// Shown above the list when even its best candidate is weak (or there is none).
            let noStrongCandidate: Bool
            let hasDecisions: Bool
            let decisions: [Decision]
            let decisionAction: String
            let event: String
        }
        let lang = Lang(request)
        let event = try event(request, context)
        guard
            let demand = try CatalogService(database: database).demands(event: event).first(where: {
                ($0.ref ?? String($0.id)) == key
            })
        else { throw HTTPError(.notFound, message: Message("page.no_demand", key, event).text(lang.language)) }
        let service = MatchService(database: database)
        let ranking = try service.candidates(demand: key, event: event, top: 10)
        let decisions = try service.decisions(demand: key, event: event)
        func form(_ team: String, _ verb: String) -> DecisionForm {
            DecisionForm(demand: key, event: event, team: team, verb: verb, lang: lang)
        }
        let model = Model(
            key: key, title: demand.title, enterprise: demand.enterprise, county: demand.county ?? "",
            field: demand.field ?? "", description: demand.description, goals: demand.goals,
            candidates: (ranking?.candidates ?? []).enumerated().map { rank, candidate in
                Candidate(
                    rank: rank + 1, team: candidate.counterpart, name: candidate.name,
                    organisation: candidate.organisation, score: String(format: "%.2f", candidate.score),
                    strength: Views.word(
                        ["strong": "strength_strong", "possible": "strength_possible"][candidate.strength.rawValue]
                            ?? "strength_weak", lang),
                    strengthClass: candidate.strength.rawValue,
                    pinned: candidate.pinned, reasons: lang.english ? candidate.reasons : candidate.reasonsZH,
                    forms: [
                        form(candidate.counterpart, candidate.pinned ? "unpin" : "pin"), form(candidate.counterpart, "drop"),
                    ])
            },
            noStrongCandidate: (ranking?.strength ?? .weak) == .weak,
            hasDecisions: !decisions.isEmpty,
            decisions: decisions.map { decision in
                Decision(
                    team: decision.team, name: decision.name,
                    what: Views.word(decision.action == .pin ? "pinned" : "dropped", lang),
                    forms: [form(decision.team, "unpin")])
            },
            decisionAction: "/organize/demands/\(percentEncoded(key))/decision", event: event)
        return Views.page(
            "demand", title: demand.title, model: model, lang: lang, context: context, path: "/organize/demands")
    }

    func decide(_ request: Request, context: DuijieContext, key: String) throws -> Response {
        let lang = Lang(request, form: context.form)
        let event = try event(request, context)
        let action: PinAction? =
            switch context.form["action"] {
            case "pin": .pin
            case "drop": .drop
            case "unpin": nil
            default: throw HTTPError(.badRequest, message: Message("page.pin_action").text(lang.language))
            }
        try MatchService(database: database).setPin(demand: key, solver: context.form["team"] ?? "", event: event, action: action)
        return Layout.redirect(lang.path("/organize/demands/\(percentEncoded(key))?event=\(percentEncoded(event))"))
    }

    // MARK: Assignment

    /// The assignment's form, refilled with what was posted.
    private struct AssignForm {
        let event: String
        let perDemand: String
        let capacity: String
        let demands: String
        let distinct: Bool

        init(_ form: FormData, event: String) {
            self.event = event
            perDemand = form["per_demand"] ?? "3"
            capacity = form["capacity"] ?? "1"
            demands = form["demands"] ?? ""
            distinct = form["distinct_institutions"] == "1"
        }
    }

    /// An assignment run as the page shows it.
    private struct AssignResult {
        struct Item {
            let demand: String
            let title: String
            let solvers: String
            let total: String
        }
        struct Unfilled {
            let demand: String
            let reason: String
        }
        let run: Int64
        let event: String
        let objective: String
        let assigned: Int
        let assignments: [Item]
        let hasUnfilled: Bool
        let unfilled: [Unfilled]
    }

    private struct AssignPage {
        let result: AssignResult?
        let form: AssignForm
    }

    func assignForm(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request)
        let page = AssignPage(result: nil, form: AssignForm(context.form, event: try event(request, context)))
        return render("assign", titleKey: "assign_title", page, lang, context, path: "/organize/assign")
    }

    func assign(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let event = try event(request, context)
        let form = context.form
        guard let perDemand = Int(form["per_demand"] ?? "3"), let capacity = Int(form["capacity"] ?? "1") else {
            throw HTTPError(.badRequest, message: Message("page.whole_numbers").text(lang.language))
        }
        let demands = (form["demands"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init)
        let run = try MatchService(database: database).assign(
            AssignRequest(
                event: event, perDemand: perDemand, capacity: capacity,
                distinctInstitutions: form["distinct_institutions"] == "1",
                demands: demands.isEmpty ? nil : demands))
        let result = AssignResult(
            run: run.run, event: event, objective: String(format: "%.4f", run.objective), assigned: run.assignments.count,
            assignments: run.assignments.map { item in
                AssignResult.Item(
                    demand: item.demand, title: item.title, solvers: item.solvers.joined(separator: ", "),
                    total: String(format: "%.3f", item.total))
            },
            hasUnfilled: !run.unfilled.isEmpty,
            unfilled: run.unfilled.map {
                AssignResult.Unfilled(demand: $0.demand, reason: lang.english ? $0.reason : $0.reasonZH)
            })
        let page = AssignPage(result: result, form: AssignForm(form, event: event))
        return render("assign", titleKey: "assignment_result", page, lang, context, path: "/organize/assign")
    }

    // MARK: The final

    func final(_ request: Request, context: DuijieContext) throws -> Response {
        struct Field {
            let label: String
            let name: String
            let value: String
        }
        struct Option {
            let value: String
            let label: String
            let selected: Bool
        }
        struct Group {
            let demand: String
            let title: String
            let teams: String
        }
        struct Judge {
            let name: String
            let submitted: Bool
            let affiliation: String
            let avoid: String
            let judgeGroups: String?
            let link: String?
            /// The link's QR code (an SVG made here), shown inline.
            let qr: String?
            let cardHref: String
            let paperHref: String
        }
        struct Model {
            let event: String
            let saved: Bool
            let fields: [Field]
            let steps: [Option]
            let methods: [Option]
            let hasGroups: Bool
            let groups: [Group]
            let uploadJudgesHref: String
            let boardHref: String
            let judges: [Judge]
        }
        let lang = Lang(request)
        let event = try event(request, context)
        let setup = try JudgeService(database: database).finalSetup(event: event)
        let links = Dictionary(
            try JudgeService(database: database).links(event: event).map { ($0.judge, $0.token) }, uniquingKeysWith: { a, _ in a }
        )
        let host = request.head.authority ?? "127.0.0.1:8080"
        let fields = [
            ("name", "field_name", setup.name ?? ""), ("date", "field_date", setup.date ?? ""),
            ("place", "field_place", setup.place ?? ""), ("criteria", "field_criteria", setup.criteria),
            ("tiers", "field_tiers", setup.tiers),
        ]
        let model = Model(
            event: event, saved: request.uri.queryParameters.get("saved") != nil,
            fields: fields.map { Field(label: Views.word($0.1, lang), name: $0.0, value: $0.2) },
            steps: ["0.5", "0.1", "1"].map { Option(value: $0, label: $0, selected: $0 == setup.step) },
            methods: AggregationMethod.allCases.map {
                Option(value: $0.rawValue, label: $0.name.text(lang.language), selected: $0.rawValue == setup.method)
            },
            hasGroups: !setup.groups.isEmpty,
            groups: setup.groups.map { group in
                Group(
                    demand: group.demand, title: group.title,
                    teams: group.teams.map { "\($0.team) \($0.name)" }.joined(separator: "、"))
            },
            uploadJudgesHref: lang.path("/organize/upload?kind=judges&event=\(percentEncoded(event))"),
            boardHref: lang.path("/organize/final/board?event=\(percentEncoded(event))"),
            judges: setup.judges.map { judge in
                Judge(
                    name: judge.name, submitted: judge.submitted, affiliation: judge.affiliation ?? "",
                    avoid: judge.avoid.joined(separator: "、"),
                    judgeGroups: judge.groups.isEmpty ? nil : judge.groups.joined(separator: "、"),
                    link: links[judge.name].map { "http://\(host)/judge/\($0)" },
                    qr: links[judge.name].flatMap {
                        QRCode.svg("http://\(host)/judge/\($0)", size: 96, label: Views.word("qr_of", lang) + judge.name)
                    },
                    cardHref: lang.path(
                        "/organize/final/card?event=\(percentEncoded(event))&judge=\(percentEncoded(judge.name))"),
                    paperHref: lang.path(
                        "/organize/final/paper?event=\(percentEncoded(event))&judge=\(percentEncoded(judge.name))"))
            })
        return render("final", titleKey: "final_heading", model, lang, context, path: "/organize/final")
    }

    /// A judge's paper score sheet: to print (a judge whose phone dies writes on it), or to download as XLSX/CSV in
    /// the layout `judge import` reads back (`?format=xlsx|csv`), so the organizer types the paper in and imports it.
    func paperSheet(_ request: Request, context: DuijieContext) throws -> Response {
        struct Team {
            let demand: String
            let title: String
            let team: String
            let name: String
            let blanks: [String]
        }
        struct Model {
            let judge: String
            let eventName: String
            let criteria: [String]
            let teams: [Team]
            let xlsx: String
            let csv: String
            let finalHref: String
        }
        let lang = Lang(request)
        let event = try event(request, context)
        let name = try judgeParameter(request, lang)
        guard let sheet = try JudgeService(database: database).paperSheet(event: event, judge: name) else {
            throw HTTPError(.notFound, message: Views.word("no_live_link", lang))
        }
        if let format = request.uri.queryParameters.get("format").flatMap(TableExport.Format.init(rawValue:)) {
            let rows = JudgeService.paperRows(sheet)
            let data = try TableExport.data(rows, rows: rows, sheet: "评分表", format: format)
            return ReporterPages.download(
                data, name: "duijie-score-sheet.\(format.rawValue)", format: format,
                displayName: "评分表-\(name).\(format.rawValue)")
        }
        let query = "/organize/final/paper?event=\(percentEncoded(event))&judge=\(percentEncoded(name))"
        let model = Model(
            judge: name, eventName: try JudgeService(database: database).finalSetup(event: event).name ?? event,
            criteria: sheet.criteria.map { "\($0.name)（\($0.max)）" },
            teams: sheet.groups.flatMap { group in
                group.teams.filter { $0.conflict == nil }.map {
                    Team(
                        demand: group.demand, title: group.title, team: $0.team, name: $0.name,
                        blanks: Array(repeating: "", count: sheet.criteria.count + 1))
                }
            }, xlsx: query + "&format=xlsx", csv: query + "&format=csv",
            finalHref: lang.path("/organize/final?event=\(percentEncoded(event))"))
        return render("paper-sheet", titleKey: "paper_sheet", model, lang, context, path: "/organize/final")
    }

    /// The board of the final: every judge's progress, every team's valid judges, what does not count; it refreshes
    /// itself (a light poll of this page where JavaScript runs, a meta refresh where it does not).
    func board(_ request: Request, context: DuijieContext) throws -> Response {
        struct Excluded {
            let judge: String
            let team: String
            let reason: String
        }
        struct Model {
            let event: String
            let board: FinalBoardDTO
            let judgeCount: Int
            let hasExcluded: Bool
            let excluded: [Excluded]
            let projectorHref: String
        }
        let lang = Lang(request)
        let event = try event(request, context)
        let board = try JudgeService(database: database).board(event: event)
        let model = Model(
            event: event, board: board, judgeCount: board.judges.count, hasExcluded: !board.excluded.isEmpty,
            excluded: board.excluded.map { Excluded(judge: $0.judge, team: $0.team, reason: $0.reason(lang.language)) },
            projectorHref: lang.path("/organize/final/projector?event=\(percentEncoded(event))&shown=1"))
        return render("board", titleKey: "final_board", model, lang, context, path: "/organize/final")
    }

    /// The results on a projector, one more group each step: the audience sees a group's ranking and awards only
    /// once the organizer reveals it.
    func projector(_ request: Request, context: DuijieContext) throws -> Response {
        struct Line {
            let rank: Int
            let team: String
            let name: String
            let score: String
            let award: String?
        }
        struct Group {
            let demand: String
            let title: String
            let lines: [Line]
        }
        struct Model {
            let eventName: String
            let groups: [Group]
            let next: String?
            let previous: String?
            let shown: Int
            let total: Int
        }
        let lang = Lang(request)
        let event = try event(request, context)
        let results = try JudgeService(database: database).results(event: event, method: nil)
        let total = results.groups.count
        let shown = min(total, max(0, Int(request.uri.queryParameters.get("shown") ?? "1") ?? 1))
        func href(_ n: Int) -> String {
            lang.path("/organize/final/projector?event=\(percentEncoded(event))&shown=\(n)")
        }
        let model = Model(
            eventName: try JudgeService(database: database).finalSetup(event: event).name ?? event,
            groups: results.groups.prefix(shown).map { group in
                Group(
                    demand: group.demand, title: group.title,
                    lines: group.ranking.enumerated().map { rank, line in
                        Line(rank: rank + 1, team: line.team, name: line.name, score: line.score, award: line.award)
                    })
            }, next: shown < total ? href(shown + 1) : nil, previous: shown > 0 ? href(shown - 1) : nil, shown: shown,
            total: total)
        return render("projector", titleKey: "projector", model, lang, context, path: "/organize/final")
    }

    /// The judge a page is about (`?judge=NAME`), or a refusal saying to name one.
    private func judgeParameter(_ request: Request, _ lang: Lang) throws -> String {
        guard let name = request.uri.queryParameters.get("judge"), !name.isEmpty else {
            throw HTTPError(.badRequest, message: Message("page.which_judge").text(lang.language))
        }
        return name
    }

    /// A judge's card to print or show on a screen: the QR code of their link, the link, and what to do with it.
    func judgeCard(_ request: Request, context: DuijieContext) throws -> Response {
        struct Model {
            let judge: String
            let eventName: String
            let link: String
            let qr: String
            let finalHref: String
        }
        let lang = Lang(request)
        let event = try event(request, context)
        let name = try judgeParameter(request, lang)
        guard let token = try JudgeService(database: database).links(event: event).first(where: { $0.judge == name })?.token
        else { throw HTTPError(.notFound, message: Views.word("no_live_link", lang)) }
        let link = "http://\(request.head.authority ?? "127.0.0.1:8080")/judge/\(token)"
        guard let qr = QRCode.svg(link, size: 280, label: Views.word("qr_of", lang) + name) else {
            throw HTTPError(.internalServerError, message: Message("page.qr_failed").text(lang.language))
        }
        let setup = try JudgeService(database: database).finalSetup(event: event)
        let model = Model(
            judge: name, eventName: setup.name ?? event, link: link, qr: qr,
            finalHref: lang.path("/organize/final?event=\(percentEncoded(event))"))
        return render("judge-card", titleKey: "judge_card", model, lang, context, path: "/organize/final")
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
                throw HTTPError(.badRequest, message: Message("page.method").text(lang.language))
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
            guard let run = Int64(runText) else {
                throw HTTPError(.badRequest, message: Message("page.run_number").text(lang.language))
            }
            _ = try JudgeService(database: database).setGroups(event: event, fromRun: run, reason: form["reason"])
        } else {
            let teams = (form["teams"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == " " })
                .map(String.init)
            guard let demand = form["demand"], !teams.isEmpty else {
                throw HTTPError(.badRequest, message: Message("page.group_needs_teams").text(lang.language))
            }
            try JudgeService(database: database).setGroup(event: event, demand: demand, teams: teams, reason: form["reason"])
        }
        return finalSaved(event, lang)
    }

    func revoke(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let event = try event(request, context)
        guard let judge = context.form["judge"], !judge.isEmpty else {
            throw HTTPError(.badRequest, message: Message("page.which_judge").text(lang.language))
        }
        // One mis-tap must not kill a judge's link mid-final: the first post asks, the second (confirm=yes) acts.
        guard context.form["confirm"] == "yes" else {
            struct Model {
                let judge: String
                let event: String
                let finalHref: String
            }
            let model = Model(judge: judge, event: event, finalHref: lang.path("/organize/final?event=\(percentEncoded(event))"))
            return render("confirm-revoke", titleKey: "revoke_reissue", model, lang, context, path: "/organize/final")
        }
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

/// A rejected row as the pages list it (the upload's report, the preview, the rows to fix).
private struct RejectedRowView {
    /// The kind of sheet, on the rows-to-fix page.
    let kind: String?
    let file: String
    let sheet: String
    let row: Int
    let column: String
    let value: String
    let reason: String
    /// The reason in Chinese (the English one where the catalogue has none yet).
    let reasonZH: String
    /// The sheet kind in Chinese.
    let kindZH: String?
    /// The whole row, `header：value` joined by `；`, on the rows-to-fix page.
    let cells: String?

    init(_ rejection: RejectionDTO) {
        kind = nil
        file = rejection.file
        sheet = rejection.sheet ?? ""
        row = rejection.row
        column = rejection.column
        value = rejection.value
        reason = rejection.reason
        reasonZH = rejection.reasonZH ?? rejection.reason
        kindZH = nil
        cells = nil
    }

    init(_ stored: StoredRejection) {
        let r = stored.rejection
        kind = stored.kind
        file = r.file
        sheet = r.sheet ?? ""
        row = r.row
        column = r.column
        value = r.value
        reason = r.reason
        reasonZH = r.reasonZH ?? r.reason
        kindZH = ["demands": "需求", "solvers": "团队", "deals": "成交"][stored.kind] ?? stored.kind
        cells = r.cells.isEmpty ? nil : r.cells.sorted { $0.key < $1.key }.map { "\($0.key)：\($0.value)" }.joined(separator: "；")
    }
}
