import DuijieCore
import Foundation
import Hummingbird
import HummingbirdAuth
import Service

/// Signing in and out: name and password (bcrypt), or a one-time link from `duijie users link`.
struct AuthPages: Sendable {
    let database: EventDatabase
    let throttle: SignInThrottle

    /// How long a browser session lasts.
    static let sessionLength: Duration = .seconds(12 * 60 * 60)

    func loginForm(_ request: Request, context: DuijieContext, problem: String? = nil, status: HTTPResponse.Status = .ok)
        -> Response
    {
        let lang = Lang(request, form: context.form)
        let next = localPath(context.form["next"] ?? request.uri.queryParameters.get("next"))
        var body = "<h1>\(lang.t("对接 · 登录", "Duijie · sign in"))</h1>"
        body +=
            "<p class=\"muted\">\(lang.t("组委会与成果统计部门的账号；评委请使用各自的评分链接。", "For organizers and the reporting office; judges use their own links."))</p>"
        if let problem { body += "<p role=\"alert\" class=\"bad\">\(escape(problem))</p>" }
        body += "<form method=\"post\" action=\"/login\" class=\"stack\">\(Layout.csrfField(context))\(lang.field)"
        body += "<input type=\"hidden\" name=\"next\" value=\"\(escape(next))\">"
        body += "<label>\(lang.t("账号", "Account"))<input name=\"name\" autocomplete=\"username\" required autofocus></label>"
        body +=
            "<label>\(lang.t("密码", "Password"))<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
        body += "<button>\(lang.t("登录", "Sign in"))</button></form>"
        let other = "/login?next=\(percentEncoded(next))" + (lang.english ? "" : "&lang=en")
        body += "<p><a href=\"\(escape(other))\">\(lang.t("English", "中文"))</a></p>"
        return Layout.html(Layout.page(title: lang.t("登录", "Sign in"), body: body, lang: lang), status: status)
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
                request, context: context, problem: lang.t("账号或密码不正确。", "Wrong account name or password."),
                status: .unauthorized)
        }
        throttle.succeeded(attempt)
        start(account, context: context)
        let next = localPath(context.form["next"])
        return Layout.redirect(lang.path(next))
    }

    func signin(_ request: Request, token: String, context: DuijieContext) throws -> Response {
        guard let account = try AccountService(database: database).redeem(token: token) else {
            throw HTTPError(.notFound, message: "this sign-in link is unknown, used or expired; ask for a new one")
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
