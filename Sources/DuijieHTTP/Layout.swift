import DuijieCore
import Foundation
import HTTPTypes
import Hummingbird
import Service

/// The page language: Chinese unless `lang=en` is in the query (or in a posted form).
struct Lang: Sendable {
    /// Whether the page is in English.
    let english: Bool

    init(_ request: Request, form: FormData? = nil) {
        english = (request.uri.queryParameters.get("lang") ?? form?["lang"]) == "en"
    }

    init(english: Bool) { self.english = english }

    /// The page's language for the message catalogue.
    var language: Language { english ? .english : .chinese }

    /// The text in the page's language.
    func t(_ zh: String, _ en: String) -> String { english ? en : zh }

    /// A local path that keeps the language (templates escape it where it becomes a link).
    func path(_ path: String) -> String {
        guard english, !path.contains("lang=") else { return path }
        return path + (path.contains("?") ? "&" : "?") + "lang=en"
    }

    /// The `lang` attribute of the page.
    var code: String { english ? "en" : "zh-CN" }
}

/// What every page response shares: the headers of an HTML page, the redirect after a post.
enum Layout {
    /// An HTML response.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("X-Frame-Options")!: "DENY", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                HTTPField.Name("Content-Security-Policy")!:
                    "default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A 303 redirect to a local path.
    static func redirect(_ location: String) -> Response { Response(status: .seeOther, headers: [.location: location]) }
}
