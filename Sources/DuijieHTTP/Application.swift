import Foundation
import Hummingbird
import Logging
import Service
import Store

/// Builds the HTTP application the `serve` command runs; tests build the same one.
public func buildApplication(store: DuijieStore, host: String = "127.0.0.1", port: Int = 8080, logger: Logger? = nil)
    -> some ApplicationProtocol
{
    var log = logger ?? Logger(label: "duijie.http")
    if logger == nil { log.logLevel = .info }
    return Application(
        router: buildRouter(store: store), configuration: .init(address: .hostname(host, port: port), serverName: "duijie"),
        logger: log)
}

/// The routes: JSON API under `/api`, pages at `/`, `/healthz`, `/openapi.json`.
public func buildRouter(store: DuijieStore) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: LogRequestsMiddleware(.debug))
    let api = APIRoutes(store: store)
    router.get("/healthz") { _, _ in try json(["status": "ok"]) }
    router.get("/openapi.json") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
    }
    router.get("/") { request, _ in try Pages(store: store).dashboard(request) }
    router.get("/api/demands") { request, _ in try api.demands(request) }
    router.get("/api/solvers") { request, _ in try api.solvers(request) }
    router.get("/api/rejected") { request, _ in try api.rejected(request) }
    router.post("/api/import/{kind}") { request, context in try await api.importSheet(request, context: context) }
    router.get("/api/match") { request, _ in try api.match(request) }
    router.post("/api/assign") { request, _ in try api.assign(request) }
    router.get("/api/judge/results") { request, _ in try api.judgeResults(request) }
    router.get("/api/report") { request, _ in try api.report(request) }
    let judges = JudgePages(store: store)
    router.get("/judge/{token}") { request, context in try judges.sheet(request, token: context.parameters.get("token") ?? "") }
    router.post("/judge/{token}/score") { request, context in
        try await judges.score(request, token: context.parameters.get("token") ?? "")
    }
    router.post("/judge/{token}/submit") { request, context in
        try judges.submit(request, token: context.parameters.get("token") ?? "")
    }
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

/// Turns the domain's errors into HTTP errors with a JSON body `{"error": {"message": …}}`; anything else is a bug (500).
func mapped<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as HTTPError {
        throw error
    } catch let error as CustomStringConvertible & Error {
        let message = error.description
        if message.hasPrefix("nothing to match") || message.contains("not imported") || message.contains("column '") {
            throw HTTPError(.unprocessableContent, message: message)
        }
        throw HTTPError(.badRequest, message: message)
    }
}
