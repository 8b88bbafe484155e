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

/// The routes, one collection per area (`addRoutes(to:)` on each): public ones (`/healthz`, `/openapi.json`, sign-in, judges' links), pages and API for any account
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
    AuthPages(database: database, throttle: throttle).addRoutes(to: router)
    JudgePages(database: database).addRoutes(to: router)

    // Any account: reading and exporting.
    let readers = router.group().add(middleware: RequireRole(role: .reporter))
    ReporterPages(database: database).addRoutes(to: readers)
    let api = APIRoutes(database: database)
    api.addReadingRoutes(to: readers)

    // Organizers only: everything that changes the event.
    let organizers = router.group().add(middleware: RequireRole(role: .organizer))
    OrganizerPages(database: database).addRoutes(to: organizers)
    api.addOrganizerRoutes(to: organizers)
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
