import DuijieCore
import Foundation
import Hummingbird
import HummingbirdAuth
import Service

/// Signing in and out: name and password (bcrypt), or a one-time link from `duijie users link`.
struct AuthPages: Sendable {
    let database: EventDatabase
    let throttle: SignInThrottle

    /// Signing in and out: the form, the one-time links, the session's end.
    func addRoutes(to router: some RouterMethods<DuijieContext>) {
        router.get("/login") { request, context in loginForm(request, context: context) }
        router.post("/login") { request, context in try login(request, context: context) }
        router.post("/logout") { _, context in logout(context: context) }
        router.get("/signin/{token}") { request, context in
            try signin(request, token: context.parameters.get("token") ?? "", context: context)
        }
    }

    /// How long a browser session lasts.
    static let sessionLength: Duration = .seconds(12 * 60 * 60)

    func loginForm(_ request: Request, context: DuijieContext, problem: String? = nil, status: HTTPResponse.Status = .ok)
        -> Response
    {
        struct Model {
            let next: String
            let problem: String?
            let switchHref: String
        }
        let lang = Lang(request, form: context.form)
        let next = localPath(context.form["next"] ?? request.uri.queryParameters.get("next"))
        let other = "/login?next=\(percentEncoded(next))" + (lang.english ? "" : "&lang=en")
        return Views.page(
            "login", title: Views.word("login_title", lang), model: Model(next: next, problem: problem, switchHref: other),
            lang: lang, context: context, path: "/login", navigation: false, status: status)
    }

    func login(_ request: Request, context: DuijieContext) throws -> Response {
        let lang = Lang(request, form: context.form)
        let name = context.form["name"] ?? ""
        let password = context.form["password"] ?? ""
        let attempt: SignInThrottle.Attempt
        do {
            attempt = try throttle.begin(name, client: context.clientAddress)
        } catch let error as HTTPError {
            return loginForm(request, context: context, problem: error.body, status: .tooManyRequests)
        }
        let verified: Account?
        do {
            verified = try AccountService(database: database).verify(name: name, password: password)
        } catch {
            throttle.abandon(attempt)
            throw error
        }
        guard let account = verified else {
            throttle.failed(attempt)
            context.logger.notice("failed sign-in", metadata: ["account": .string(name)])
            return loginForm(
                request, context: context, problem: Views.word("login_failed", lang),
                status: .unauthorized)
        }
        throttle.succeeded(attempt)
        start(account, context: context)
        let next = localPath(context.form["next"])
        return Layout.redirect(lang.path(next))
    }

    func signin(_ request: Request, token: String, context: DuijieContext) throws -> Response {
        guard let account = try AccountService(database: database).redeem(token: token) else {
            throw HTTPError(.notFound, message: Message("page.signin_link").text(Lang(request).language))
        }
        start(account, context: context)
        return Layout.redirect(localPath(request.uri.queryParameters.get("next")))
    }

    func logout(context: DuijieContext) -> Response {
        context.sessions.clearSession()
        return Layout.redirect("/login")
    }

    /// A fresh session (a new id, so a session planted before signing in is useless) with its own CSRF token.
    private func start(_ account: Account, context: DuijieContext) {
        context.sessions.createSession(
            WebSession(account: account.name, csrf: RandomToken.make()), expiresIn: Self.sessionLength)
        context.logger.info("signed in", metadata: ["account": .string(account.name), "role": .string(account.role.rawValue)])
    }
}
