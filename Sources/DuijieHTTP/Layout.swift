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

    /// The text in the page's language.
    func t(_ zh: String, _ en: String) -> String { english ? en : zh }

    /// A local path that keeps the language (for redirects; `href` escapes it for HTML).
    func path(_ path: String) -> String {
        guard english, !path.contains("lang=") else { return path }
        return path + (path.contains("?") ? "&" : "?") + "lang=en"
    }

    /// A local link that keeps the language, escaped for an attribute.
    func href(_ path: String) -> String { escape(self.path(path)) }

    /// The `lang` attribute of the page.
    var code: String { english ? "en" : "zh-CN" }

    /// A hidden field that keeps the language through a form.
    var field: String { english ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "" }
}

/// The page chrome shared by every page: navigation for the signed-in role, the sign-out form, the style.
enum Layout {
    /// A whole page.
    static func page(title: String, body: String, lang: Lang, context: DuijieContext? = nil, path: String = "/") -> String {
        var nav = ""
        if let context, let account = context.identity {
            var links: [(String, String, String)] = [("/", "概况", "Overview")]
            if account.role == .organizer {
                links += [
                    ("/organize/upload", "上传表格", "Upload"), ("/organize/demands", "需求与推荐", "Demands"),
                    ("/organize/assign", "分配", "Assignment"), ("/organize/final", "决赛设置", "Final"),
                ]
            }
            links += [("/results", "决赛成绩", "Results"), ("/report", "成果报表", "Report")]
            nav = "<nav>"
            for (href, zh, en) in links {
                let current = path == href ? " aria-current=\"page\"" : ""
                nav += "<a href=\"\(lang.href(href))\"\(current)>\(lang.t(zh, en))</a> "
            }
            nav += "<form method=\"post\" action=\"/logout\" class=\"inline\">\(csrfField(context))"
            nav += "<button class=\"link\">\(lang.t("退出", "Sign out")) \(escape(account.name))</button></form> "
            let other = path + (lang.english ? "" : "?lang=en")
            nav += "<a href=\"\(escape(other))\">\(lang.t("English", "中文"))</a></nav>"
        }
        return """
            <!doctype html><html lang="\(lang.code)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(escape(title))</title>
            <style>body{font-family:system-ui,"WenQuanYi Zen Hei",sans-serif;margin:1rem;max-width:64rem}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;font-size:.9rem;vertical-align:top}
            nav{display:flex;flex-wrap:wrap;gap:.3rem .9rem;align-items:center;border-bottom:2px solid #3b7dd8;padding:.3rem 0;margin-bottom:.6rem}
            nav a[aria-current]{font-weight:bold}form.inline{display:inline;margin:0}button.link{background:none;border:0;color:#06c;padding:0;font-size:1rem;cursor:pointer}
            svg{max-width:40rem;display:block}article form label,form.stack label{display:block;margin:.4rem 0}
            article form input,form.stack input,form.stack select,form.stack textarea{display:block;width:100%;max-width:30rem;box-sizing:border-box;font-size:1.05rem;padding:.4rem}
            button{font-size:1.05rem;padding:.45rem 1.1rem;margin:.3rem 0}article{border-top:1px solid #eee;padding:.3rem 0}
            .ok{color:#070}.bad{color:#b00}.muted{color:#666;font-size:.85rem}td form{display:inline}td button{font-size:.85rem;padding:.2rem .5rem}</style></head>
            <body>\(nav)\(body)</body></html>
            """
    }

    /// The hidden CSRF field of the context's session (empty without one).
    static func csrfField(_ context: DuijieContext) -> String {
        guard let token = context.sessions.session?.csrf else { return "" }
        return "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(token))\">"
    }

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

    /// A horizontal bar chart as inline SVG, made on the server.
    static func bars(_ totals: [TotalDTO], unit: String) -> String {
        guard !totals.isEmpty else { return "<p class=\"muted\">—</p>" }
        let values = totals.map { Double($0.amountYuan) ?? 0 }
        let top = max(values.max() ?? 1, 1)
        var svg =
            "<svg role=\"img\" width=\"100%\" viewBox=\"0 0 520 \(totals.count * 22)\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (i, total) in totals.enumerated() {
            let width = Int(260 * values[i] / top)
            let y = i * 22
            svg += "<text x=\"0\" y=\"\(y + 15)\" font-size=\"12\">\(escape(total.name ?? "-"))</text>"
            svg += "<rect x=\"120\" y=\"\(y + 4)\" width=\"\(width)\" height=\"14\" fill=\"#3b7dd8\"/>"
            svg +=
                "<text x=\"\(124 + width)\" y=\"\(y + 15)\" font-size=\"11\">\(escape(total.amountWan))\(escape(unit)) · \(total.count)</text>"
        }
        return svg + "</svg>"
    }
}

/// Escapes text for HTML content and attributes.
func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
