import DuijieCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Service

/// HTTP Basic for scripts calling the API (`curl -u organizer:…`). Browsers never cache these credentials: no
/// response asks for them (`WWW-Authenticate` is never sent), so Basic cannot be replayed across sites.
struct BasicAccountAuthenticator: AuthenticatorMiddleware {
    typealias Context = DuijieContext
    let database: EventDatabase
    let throttle: SignInThrottle

    func authenticate(request: Request, context: DuijieContext) async throws -> Account? {
        guard context.identity == nil, let basic = request.headers.basic else { return nil }
        let attempt = try throttle.begin(basic.username, client: context.clientAddress)
        let verified: Account?
        do {
            verified = try AccountService(database: database).verify(name: basic.username, password: basic.password)
        } catch {
            throttle.abandon(attempt)
            throw error
        }
        guard let account = verified else {
            throttle.failed(attempt)
            throw HTTPError(.unauthorized, message: "wrong account name or password")
        }
        throttle.succeeded(attempt)
        return account
    }
}

/// Reads the body of every form POST once (urlencoded or multipart, at most `APIRoutes.maxUploadBytes`), refuses
/// cross-site writes (an `Origin` naming another host) and, for a browser session, any write without the session's
/// CSRF token (form field `csrf` or header `X-CSRF-Token`). Judges' links need no token: the unguessable token in
/// the path is the secret an attacker would lack.
struct FormMiddleware: RouterMiddleware {
    typealias Context = DuijieContext

    /// The header an API client in a browser session sends the CSRF token in.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        guard request.method != .get, request.method != .head, request.method != .options else {
            return try await next(request, context)
        }
        if let origin = request.headers[.origin] {
            let authority = request.head.authority ?? request.headers[.init("Host")!] ?? ""
            guard let url = URLComponents(string: origin), let host = url.host,
                authority == host || authority == "\(host):\(url.port ?? -1)"
            else { throw HTTPError(.forbidden, message: "a form from another site (\(origin)) cannot write here") }
        }
        var request = request
        var context = context
        let contentType = request.headers[.contentType] ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") || contentType.hasPrefix("multipart/form-data") {
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: APIRoutes.maxUploadBytes)
            } catch {
                throw HTTPError(.contentTooLarge, message: "the upload is larger than \(APIRoutes.maxUploadBytes >> 20) MiB")
            }
            context.form = try FormParser.parse(buffer, contentType: contentType)
        }
        // Every write authenticated by the session cookie needs the token, whatever other headers come with it.
        if let session = context.sessions.session, context.identity?.name == session.account,
            !request.uri.path.hasPrefix("/judge/")
        {
            let sent = request.headers[Self.csrfHeader] ?? context.form["csrf"]
            guard let sent, constantTimeEqual(sent, session.csrf) else {
                throw HTTPError(
                    .forbidden, message: "this form has expired or came from elsewhere; reload the page and try again")
            }
        }
        return try await next(request, context)
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

/// Lets a route through only for a signed-in account of the role (`.reporter` admits both roles; `.organizer` only
/// organizers). Pages send strangers to the sign-in page; the API answers 401, and 403 for a reporter's write.
struct RequireRole: RouterMiddleware {
    typealias Context = DuijieContext
    let role: AccountRole

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        guard let account = context.identity else {
            if request.uri.path.hasPrefix("/api/") || request.method != .get {
                throw HTTPError(.unauthorized, message: "sign in first (an organizer or reporting-office account)")
            }
            let back = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
            return Response(status: .seeOther, headers: [.location: "/login?next=\(percentEncoded(back))"])
        }
        if role == .organizer && account.role != .organizer {
            throw HTTPError(
                .forbidden, message: "the reporting office's accounts read and export; only organizers can change things")
        }
        return try await next(request, context)
    }
}

/// Shows errors on pages as a page, and keeps `{"error": {"message": …}}` for the API. An error that is not an HTTP
/// error (a bug, the database failing) becomes a 500 whose message names an id the log carries with the details —
/// never an empty body, never the database's own text.
struct HTMLErrorMiddleware: RouterMiddleware {
    typealias Context = DuijieContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        do {
            return try await answer(request, context: context, next: next)
        } catch let error as HTTPError {
            throw error
        } catch let error as DuijieError where error.kind != .internal {
            // Pages say it in the page's language; the API keeps the English sentence scripts read.
            let page = !request.uri.path.hasPrefix("/api/")
            let http = HTTPError(error.kind.status, message: page ? error.text(Lang(request).language) : error.description)
            return try await answer(request, context: context) { _, _ in throw http }
        } catch {
            let id = String(RandomToken.make().prefix(12))
            context.logger.error("internal error", metadata: ["id": .string(id), "error": .string(String(reflecting: error))])
            let http = HTTPError(
                .internalServerError, message: "an internal error (id \(id)); the server's log has the details")
            return try await answer(request, context: context) { _, _ in throw http }
        }
    }

    private func answer(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let path = request.uri.path
            guard !path.hasPrefix("/api/"), path != "/openapi.json", path != "/healthz" else { throw error }
            let lang = Lang(request)
            struct Model {
                let status: Int
                let message: String
            }
            return Views.page(
                "error", title: Views.word("error_page", lang),
                model: Model(status: error.status.code, message: error.body ?? error.status.reasonPhrase), lang: lang,
                navigation: false, status: error.status)
        }
    }
}

/// Percent-encodes text for a query value.
func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

/// A local path to go back to after signing in (never another site). Checked as written and once more after percent
/// decoding: no control characters or spaces (browsers strip a tab, so `/\t/evil.example` would become
/// `//evil.example`), no backslash, no `//` at the start.
func localPath(_ text: String?) -> String {
    func safe(_ path: String, spaces: Bool) -> Bool {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), path.utf8.count <= 2048 else { return false }
        return !path.unicodeScalars.contains {
            ($0.value < 0x21 && !(spaces && $0 == " ")) || $0.value == 0x7F || $0 == "\\"
                || ($0.properties.isWhitespace && $0 != " ") || $0.properties.generalCategory == .format
        }
    }
    guard let text, safe(text, spaces: false) else { return "/" }
    if let decoded = text.removingPercentEncoding, decoded != text, !safe(decoded, spaces: true) { return "/" }
    return text
}
