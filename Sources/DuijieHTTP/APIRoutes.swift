import DuijieCore
import Foundation
import Hummingbird
import Judging
import Matching
import Registry
import Service

/// The JSON API: the same use cases as the CLI, through the shared Service layer.
struct APIRoutes: Sendable {
    let database: EventDatabase

    /// The API any account reads (behind `RequireRole(.reporter)`).
    func addReadingRoutes(to router: some RouterMethods<DuijieContext>) {
        router.get("/api/me") { _, context in try json(context.identity) }
        router.get("/api/events") { _, _ in try json(try CatalogService(database: database).events()) }
        router.get("/api/demands") { request, _ in try demands(request) }
        router.get("/api/solvers") { request, _ in try solvers(request) }
        router.get("/api/rejected") { request, _ in try rejected(request) }
        router.get("/api/judge/setup") { request, _ in try finalSetup(request) }
        router.get("/api/judge/results") { request, _ in try judgeResults(request) }
        router.get("/api/deals") { request, _ in
            try json(try DealService(database: database).list(event: request.uri.queryParameters.get("event")))
        }
        router.get("/api/deals/{id}/history") { _, context in try dealHistory(context) }
        router.get("/api/report") { request, _ in try report(request) }
        router.get("/api/report/export") { request, _ in try reportExport(request) }
    }

    /// The API that changes the event (behind `RequireRole(.organizer)`).
    func addOrganizerRoutes(to router: some RouterMethods<DuijieContext>) {
        router.post("/api/import/{kind}") { request, context in try await importSheet(request, context: context) }
        router.get("/api/match") { request, _ in try match(request) }
        router.post("/api/match") { request, _ in try match(request) }
        router.get("/api/judge/board") { request, _ in
            try json(try JudgeService(database: database).board(event: try requiredEvent(request)))
        }
        router.get("/api/match/runs") { _, _ in try runs() }
        router.get("/api/match/runs/{run}") { _, context in try run(context) }
        router.get("/api/match/demands/{demand}") { request, context in try candidates(request, context: context) }
        router.post("/api/match/decisions") { request, context in try await decide(request, context: context) }
        router.post("/api/assign") { request, _ in try assign(request) }
        router.post("/api/judge/setup") { request, context in try await setup(request, context: context) }
        router.post("/api/judge/groups") { request, context in try await groups(request, context: context) }
        router.get("/api/judge/links") { request, _ in try links(request) }
        router.post("/api/judge/links/revoke") { request, context in try await revoke(request, context: context) }
        router.post("/api/judge/scores") { request, context in try await enterScore(request, context: context) }
        router.post("/api/judge/submit") { request, context in try await submitSheet(request, context: context) }
        router.get("/api/judge/history") { request, _ in try scoreHistory(request) }
        router.get("/api/mappings") { request, _ in
            let kind = try request.uri.queryParameters.get("kind").map { text in
                guard let kind = RecordKind(rawValue: text) else {
                    throw HTTPError(.badRequest, message: "kind must be demands, solvers or deals")
                }
                return kind
            }
            return try json(try MappingService(database: database).list(kind: kind))
        }
        router.get("/api/mappings/{key}") { _, context in
            try json(try MappingService(database: database).show(context.parameters.get("key") ?? ""))
        }
        router.delete("/api/mappings/{key}") { _, context in
            try json(try MappingService(database: database).remove(context.parameters.get("key") ?? ""))
        }
        router.post("/api/deals") { request, context in try await addDeal(request, context: context) }
        router.post("/api/deals/{id}/void") { request, context in try await voidDeal(request, context: context) }
    }

    /// The largest sheet an upload may send.
    static let maxUploadBytes = 64 << 20

    // MARK: Catalogues

    func demands(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        var list = try CatalogService(database: database).demands(event: query.get("event"))
        if let text = query.get("q"), !text.isEmpty { list = list.filter { DemandSearch.matches($0, text) } }
        return try json(list)
    }

    func solvers(_ request: Request) throws -> Response {
        var list = try CatalogService(database: database).solvers()
        if let text = request.uri.queryParameters.get("q"), !text.isEmpty {
            list = list.filter { DemandSearch.matches($0, text) }
        }
        return try json(list)
    }

    func rejected(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let rows = try CatalogService(database: database).rejected(
            kind: query.get("kind"), toFix: query.get("current") == "true" || query.get("current") == "1")
        return try json(
            rows.map {
                [
                    "file": $0.rejection.file, "sheet": $0.rejection.sheet ?? "", "row": String($0.rejection.row),
                    "column": $0.rejection.column,
                    "value": $0.rejection.value, "reason": $0.rejection.reason, "kind": $0.kind,
                ]
            })
    }

    // MARK: Uploads

    /// `POST /api/import/{kind}`: a multipart form (field `file`, one or more; `event`, `strict`) or the file itself
    /// as the body (`?filename=` names it, so its format can be told).
    func importSheet(_ request: Request, context: DuijieContext) async throws -> Response {
        guard let kindText = context.parameters.get("kind"), let kind = UploadKind(rawValue: kindText) else {
            throw HTTPError(.notFound, message: "import kinds are demands, solvers, deals, judges and scores")
        }
        let query = request.uri.queryParameters
        var files = context.form.files["file"] ?? context.form.files.values.first ?? []
        if files.isEmpty, (request.headers[.contentType] ?? "").hasPrefix("multipart/form-data") {
            throw HTTPError(.badRequest, message: "the multipart upload holds no file (a part named 'file' with a filename)")
        }
        if files.isEmpty {
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: APIRoutes.maxUploadBytes)
            } catch {
                throw HTTPError(.contentTooLarge, message: "the upload is larger than \(APIRoutes.maxUploadBytes >> 20) MiB")
            }
            // The last component only, never resolved against the server's folders (`..` becomes a plain name).
            let name =
                query.get("filename").flatMap { $0.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) }
                ?? "upload.xlsx"
            files = [FormData.File(filename: name, data: buffer)]
        }
        let event = context.form["event"] ?? query.get("event") ?? ImportRequest.defaultEvent
        func flag(_ name: String) -> Bool {
            (context.form[name] ?? query.get(name)).map { $0 == "1" || $0 == "true" } ?? false
        }
        let correction = try Uploads.Correction(
            kind: kind, map: query.getAll("map") + (context.form["map"].map { [$0] } ?? []),
            headerRow: context.form["header_row"] ?? query.get("header_row"), save: flag("save_mapping"),
            preview: flag("preview"), savedBy: context.identity?.name ?? "api")
        let result = try Uploads(database: database).run(
            kind: kind, files: files, event: event, strict: flag("strict"), explain: flag("explain"), correction: correction)
        switch result {
        case .records(let summary), .preview(let summary):
            if let error = summary.errors.first, summary.files.allSatisfy({ $0.error != nil }) {
                throw HTTPError(.unprocessableContent, message: error)
            }
        default: break
        }
        return try json(result)
    }

    // MARK: Matching

    func match(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let top = Int(query.get("top") ?? "10") ?? 10
        let reverse = query.get("reverse") == "true" || query.get("reverse") == "1"
        return try json(
            try MatchService(database: database).rank(MatchRequest(event: query.get("event"), top: top, reverse: reverse)))
    }

    func runs() throws -> Response {
        try json(try MatchService(database: database).runs())
    }

    func run(_ context: DuijieContext) throws -> Response {
        guard let id = context.parameters.get("run").flatMap(Int64.init),
            let run = try MatchService(database: database).storedRun(id)
        else { throw HTTPError(.notFound, message: "no such run") }
        return try json(run)
    }

    func candidates(_ request: Request, context: DuijieContext) throws -> Response {
        let key = context.parameters.get("demand") ?? ""
        let query = request.uri.queryParameters
        let top = Int(query.get("top") ?? "10") ?? 10
        guard
            let ranking = try MatchService(database: database).candidates(
                demand: key, event: query.get("event"), top: max(1, top))
        else { throw HTTPError(.notFound, message: "no demand \(key)") }
        return try json(ranking)
    }

    struct Decision: Decodable {
        var demand: String
        var team: String
        var action: String
        var event: String?
    }

    func decide(_ request: Request, context: DuijieContext) async throws -> Response {
        let input = try await request.decode(as: Decision.self, context: context)
        let action: PinAction? =
            switch input.action {
            case "pin": .pin
            case "drop": .drop
            case "unpin": nil
            default: throw HTTPError(.badRequest, message: "action must be pin, drop or unpin")
            }
        try MatchService(database: database).setPin(demand: input.demand, solver: input.team, event: input.event, action: action)
        return try json(["demand": input.demand, "team": input.team, "action": input.action])
    }

    func assign(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let assign = AssignRequest(
            event: query.get("event"), perDemand: Int(query.get("per_demand") ?? "3") ?? 3,
            capacity: Int(query.get("capacity") ?? "1") ?? 1,
            distinctInstitutions: query.get("distinct_institutions") == "true",
            demands: query.get("demands").map { $0.split(separator: ",").map(String.init) })
        return try json(try MatchService(database: database).assign(assign))
    }

    // MARK: The final

    private func requiredEvent(_ request: Request) throws -> String {
        guard let event = request.uri.queryParameters.get("event"), !event.isEmpty else {
            throw HTTPError(.badRequest, message: "event is required")
        }
        return event
    }

    func finalSetup(_ request: Request) throws -> Response {
        try json(try JudgeService(database: database).finalSetup(event: try requiredEvent(request)))
    }

    struct Setup: Decodable {
        var event: String
        var criteria: String?
        var step: String?
        var tiers: String?
        var method: String?
        var name: String?
        var date: String?
        var place: String?
    }

    func setup(_ request: Request, context: DuijieContext) async throws -> Response {
        let input = try await request.decode(as: Setup.self, context: context)
        var method: AggregationMethod?
        if let text = input.method {
            guard let parsed = AggregationMethod(rawValue: text) else {
                throw HTTPError(.badRequest, message: "method must be mean, trimmed or zscore")
            }
            method = parsed
        }
        _ = try JudgeService(database: database).setup(
            event: input.event, criteria: input.criteria, step: input.step, tiers: input.tiers, method: method,
            name: input.name, date: input.date, place: input.place)
        return try json(try JudgeService(database: database).finalSetup(event: input.event))
    }

    struct Groups: Decodable {
        var event: String
        var run: Int64?
        var demand: String?
        var teams: [String]?
        /// Why scored teams leave a group (required then).
        var reason: String?
    }

    func groups(_ request: Request, context: DuijieContext) async throws -> Response {
        let input = try await request.decode(as: Groups.self, context: context)
        if let run = input.run {
            _ = try JudgeService(database: database).setGroups(event: input.event, fromRun: run, reason: input.reason)
        } else if let demand = input.demand, let teams = input.teams, !teams.isEmpty {
            try JudgeService(database: database).setGroup(event: input.event, demand: demand, teams: teams, reason: input.reason)
        } else {
            throw HTTPError(.badRequest, message: "give either run, or demand and teams")
        }
        return try json(try JudgeService(database: database).finalSetup(event: input.event))
    }

    func links(_ request: Request) throws -> Response {
        let event = try requiredEvent(request)
        return try json(
            try JudgeService(database: database).links(event: event).map {
                ["judge": $0.judge, "token": $0.token, "path": "/judge/\($0.token)"]
            })
    }

    struct Revoke: Decodable {
        var event: String
        var judge: String
    }

    /// Revokes a judge's links; the next listing makes a new one.
    func revoke(_ request: Request, context: DuijieContext) async throws -> Response {
        let input = try await request.decode(as: Revoke.self, context: context)
        let count = try JudgeService(database: database).revokeLinks(event: input.event, judge: input.judge)
        guard count > 0 else { throw HTTPError(.notFound, message: "judge '\(input.judge)' has no live link in \(input.event)") }
        return try json(["judge": input.judge, "revoked": String(count)])
    }

    struct Score: Decodable {
        var event: String
        var judge: String
        var demand: String
        var team: String
        var points: [String]
        var reason: String?
    }

    /// An organizer enters or corrects a judge's points (from a paper sheet); after submission a reason is needed.
    func enterScore(_ request: Request, context: DuijieContext) async throws -> Response {
        let input = try await request.decode(as: Score.self, context: context)
        let actor = context.identity?.name ?? "api"
        try JudgeService(database: database).enter(
            event: input.event, judge: input.judge, team: input.team, demand: input.demand, points: input.points,
            reason: input.reason.map { "\($0) (entered by \(actor))" })
        return try json(["judge": input.judge, "team": input.team, "demand": input.demand, "status": "saved"])
    }

    struct Submit: Decodable {
        var event: String
        var judge: String
    }

    func submitSheet(_ request: Request, context: DuijieContext) async throws -> Response {
        let input = try await request.decode(as: Submit.self, context: context)
        try JudgeService(database: database).submit(event: input.event, judge: input.judge)
        return try json(["judge": input.judge, "status": "submitted"])
    }

    func scoreHistory(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        guard let event = query.get("event"), let judge = query.get("judge"), let team = query.get("team") else {
            throw HTTPError(.badRequest, message: "event, judge and team are required")
        }
        let history = try JudgeService(database: database).history(event: event, judge: judge, team: team)
        return try json(history)
    }

    func judgeResults(_ request: Request) throws -> Response {
        let event = try requiredEvent(request)
        var method: AggregationMethod?
        if let text = request.uri.queryParameters.get("method") {
            guard let parsed = AggregationMethod(rawValue: text) else {
                throw HTTPError(.badRequest, message: "method must be mean, trimmed or zscore")
            }
            method = parsed
        }
        return try json(try JudgeService(database: database).results(event: event, method: method))
    }

    // MARK: Deals and reports

    func addDeal(_ request: Request, context: DuijieContext) async throws -> Response {
        let input = try await request.decode(as: DealInput.self, context: context)
        let result = try DealService(database: database).add(input, actor: context.identity?.name ?? "api")
        return try json(["id": String(result.id), "stage": result.state.stage.rawValue], status: .created)
    }

    struct VoidInput: Decodable { var reason: String }

    func voidDeal(_ request: Request, context: DuijieContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else {
            throw HTTPError(.notFound, message: "no such deal")
        }
        let input = try await request.decode(as: VoidInput.self, context: context)
        try DealService(database: database).void(id, reason: input.reason, actor: context.identity?.name ?? "api")
        return try json(["id": String(id), "stage": "voided"])
    }

    func dealHistory(_ context: DuijieContext) throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else {
            throw HTTPError(.notFound, message: "no such deal")
        }
        let history = try DealService(database: database).history(id)
        return try json(
            history.map { event in
                DealEventDTO(
                    kind: event.kind.rawValue, actor: event.actor, reason: event.reason, at: event.at,
                    changes: event.changes.mapValues { $0.map { $0 ?? "" } })
            })
    }

    func report(_ request: Request) throws -> Response {
        try json(try DealService(database: database).report(event: request.uri.queryParameters.get("event")))
    }

    func reportExport(_ request: Request) throws -> Response {
        let text = request.uri.queryParameters.get("format") ?? "csv"
        guard let format = TableExport.Format(rawValue: text) else {
            throw HTTPError(.badRequest, message: "format must be csv, xlsx or json")
        }
        return try ReporterPages(database: database).export(request, format: format)
    }
}

/// One change to a deal, for `GET /api/deals/{id}/history`.
struct DealEventDTO: Encodable {
    var kind: String
    var actor: String
    var reason: String?
    var at: String
    var changes: [String: [String]]
}
