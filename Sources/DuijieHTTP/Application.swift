import DuijieCore
import Foundation
import Hummingbird
import HummingbirdAuth
import Judging
import Logging
import Service

/// Builds the HTTP application the `serve` command runs; tests build the same one.
public func buildApplication(database: EventDatabase, host: String = "127.0.0.1", port: Int = 8080, logger: Logger? = nil)
    -> some ApplicationProtocol
{
    var log = logger ?? Logger(label: "duijie.http")
    if logger == nil { log.logLevel = .info }
    return Application(
        router: buildRouter(database: database), configuration: .init(address: .hostname(host, port: port), serverName: "duijie"),
        logger: log)
}

/// The routes: public ones (`/healthz`, `/openapi.json`, sign-in, judges' links), pages and API for any account
/// (organizer or reporting office: reading), and pages and API for organizers only (everything that writes).
public func buildRouter(database: EventDatabase) -> Router<DuijieContext> {
    let router = Router(context: DuijieContext.self)
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: OffloadMiddleware())
    router.add(middleware: HTMLErrorMiddleware())
    router.add(
        middleware: SessionMiddleware(
            storage: SQLitePersistDriver(sessions: SessionStorage(database: database)),
            configuration: .init(
                sessionCookieParameters: .init(name: "duijie_session", sameSite: .strict), keyPrefix: "session.",
                defaultSessionExpiration: AuthPages.sessionLength)))
    router.add(
        middleware: SessionAuthenticator(context: DuijieContext.self) { (session: WebSession, _) in
            try AccountService(database: database).account(named: session.account)
        })
    let throttle = SignInThrottle()
    router.add(middleware: BasicAccountAuthenticator(database: database, throttle: throttle))
    router.add(middleware: FormMiddleware())

    // Public.
    router.get("/healthz") { _, _ in try json(["status": "ok"]) }
    router.get("/openapi.json") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
    }
    let auth = AuthPages(database: database, throttle: throttle)
    router.get("/login") { request, context in auth.loginForm(request, context: context) }
    router.post("/login") { request, context in try auth.login(request, context: context) }
    router.post("/logout") { _, context in auth.logout(context: context) }
    router.get("/signin/{token}") { request, context in
        try auth.signin(request, token: context.parameters.get("token") ?? "", context: context)
    }
    let judges = JudgePages(database: database)
    router.get("/judge/{token}") { request, context in try judges.sheet(request, token: context.parameters.get("token") ?? "") }
    router.post("/judge/{token}/score") { request, context in
        try judges.score(request, context: context, token: context.parameters.get("token") ?? "")
    }
    router.post("/judge/{token}/submit") { request, context in
        try judges.submit(request, context: context, token: context.parameters.get("token") ?? "")
    }

    // Any account: reading and exporting.
    let readers = router.group().add(middleware: RequireRole(role: .reporter))
    let pages = Pages(database: database)
    readers.get("/") { request, context in try pages.overview(request, context: context) }
    readers.get("/results") { request, context in try pages.results(request, context: context) }
    readers.get("/report") { request, context in try pages.report(request, context: context) }
    readers.get("/report/export.csv") { request, _ in try pages.export(request, format: .csv) }
    readers.get("/report/export.xlsx") { request, _ in try pages.export(request, format: .xlsx) }
    let api = APIRoutes(database: database)
    readers.get("/api/me") { _, context in try json(context.identity) }
    readers.get("/api/events") { _, _ in try json(try CatalogService(database: database).events()) }
    readers.get("/api/demands") { request, _ in try api.demands(request) }
    readers.get("/api/solvers") { request, _ in try api.solvers(request) }
    readers.get("/api/rejected") { request, _ in try api.rejected(request) }
    readers.get("/api/judge/setup") { request, _ in try api.finalSetup(request) }
    readers.get("/api/judge/results") { request, _ in try api.judgeResults(request) }
    readers.get("/api/deals") { request, _ in
        try json(try DealService(database: database).list(event: request.uri.queryParameters.get("event")))
    }
    readers.get("/api/deals/{id}/history") { _, context in try api.dealHistory(context) }
    readers.get("/api/report") { request, _ in try api.report(request) }
    readers.get("/api/report/export") { request, _ in try api.reportExport(request) }

    // Organizers only: everything that changes the event.
    let organizers = router.group().add(middleware: RequireRole(role: .organizer))
    let organize = OrganizerPages(database: database)
    organizers.get("/organize/upload") { request, context in try organize.uploadForm(request, context: context) }
    organizers.post("/organize/upload") { request, context in try organize.upload(request, context: context) }
    organizers.get("/organize/rejected") { request, context in try organize.rejected(request, context: context) }
    organizers.get("/organize/rejected/export.xlsx") { request, _ in try organize.rejectedExport(request, format: .xlsx) }
    organizers.get("/organize/rejected/export.csv") { request, _ in try organize.rejectedExport(request, format: .csv) }
    organizers.get("/organize/demands") { request, context in try organize.demands(request, context: context) }
    organizers.get("/organize/demands/{demand}") { request, context in
        try organize.demand(request, context: context, key: context.parameters.get("demand") ?? "")
    }
    organizers.post("/organize/demands/{demand}/decision") { request, context in
        try organize.decide(request, context: context, key: context.parameters.get("demand") ?? "")
    }
    organizers.get("/organize/assign") { request, context in try organize.assignForm(request, context: context) }
    organizers.post("/organize/assign") { request, context in try organize.assign(request, context: context) }
    organizers.get("/organize/final") { request, context in try organize.final(request, context: context) }
    organizers.post("/organize/final") { request, context in try organize.saveFinal(request, context: context) }
    organizers.post("/organize/final/groups") { request, context in try organize.setGroups(request, context: context) }
    organizers.post("/organize/final/revoke") { request, context in try organize.revoke(request, context: context) }
    organizers.post("/api/import/{kind}") { request, context in try await api.importSheet(request, context: context) }
    organizers.get("/api/match") { request, _ in try api.match(request) }
    organizers.post("/api/match") { request, _ in try api.match(request) }
    organizers.get("/api/match/runs") { _, _ in try api.runs() }
    organizers.get("/api/match/runs/{run}") { _, context in try api.run(context) }
    organizers.get("/api/match/demands/{demand}") { request, context in try api.candidates(request, context: context) }
    organizers.post("/api/match/decisions") { request, context in try await api.decide(request, context: context) }
    organizers.post("/api/assign") { request, _ in try api.assign(request) }
    organizers.post("/api/judge/setup") { request, context in try await api.setup(request, context: context) }
    organizers.post("/api/judge/groups") { request, context in try await api.groups(request, context: context) }
    organizers.get("/api/judge/links") { request, _ in try api.links(request) }
    organizers.post("/api/judge/links/revoke") { request, context in try await api.revoke(request, context: context) }
    organizers.post("/api/judge/scores") { request, context in try await api.enterScore(request, context: context) }
    organizers.post("/api/judge/submit") { request, context in try await api.submitSheet(request, context: context) }
    organizers.get("/api/judge/history") { request, _ in try api.scoreHistory(request) }
    organizers.post("/api/deals") { request, context in try await api.addDeal(request, context: context) }
    organizers.post("/api/deals/{id}/void") { request, context in try await api.voidDeal(request, context: context) }
    return router
}

/// Encodes a value as a JSON response.
func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    return Response(
        status: status, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

extension ErrorKind {
    /// The one table of statuses (docs/errors.md): 400 bad input, 404 not there, 409 a clash with what is stored, 403
    /// not allowed, 422 a file or reference that cannot be used, 500 Duijie's or the database's fault.
    var status: HTTPResponse.Status {
        switch self {
        case .invalid: .badRequest
        case .notFound: .notFound
        case .conflict: .conflict
        case .forbidden: .forbidden
        case .unusable: .unprocessableContent
        case .internal: .internalServerError
        }
    }
}
