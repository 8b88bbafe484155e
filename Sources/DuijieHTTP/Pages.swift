import Foundation
import Hummingbird
import Service
import Store

/// Server-rendered pages: Chinese first, `?lang=en` for English; no external assets; every value escaped.
struct Pages: Sendable {
    let store: DuijieStore

    func dashboard(_ request: Request) throws -> Response {
        let english = request.uri.queryParameters.get("lang") == "en"
        func t(_ zh: String, _ en: String) -> String { english ? en : zh }
        let all = try CatalogService(store: store).demands()
        let query = request.uri.queryParameters.get("q") ?? ""
        let demands = query.isEmpty ? all : all.filter { $0.title.contains(query) || $0.enterprise.contains(query) }
        let solvers = try CatalogService(store: store).solvers()
        let report = try DealService(store: store).report(event: nil)
        var body = "<h1>\(t("对接 · 创新挑战赛", "Duijie · innovation challenge"))</h1>"
        body += "<p><a href=\"?lang=\(english ? "zh" : "en")\">\(t("English", "中文"))</a></p>"
        body += "<section><h2>\(t("概况", "Overview"))</h2><ul>"
        body += "<li>\(t("技术需求", "Demands")): \(all.count)</li><li>\(t("科研团队", "Teams")): \(solvers.count)</li>"
        body +=
            "<li>\(t("已签约合同", "Signed contracts")): \(report.signed.count) · \(escape(report.signed.amountWan))\(t("万元", " ×10k yuan"))</li>"
        body += "<li>\(t("已认定登记", "Registered")): \(report.registered.count)</li>"
        body += "<li>\(t("意向协议", "Intentions")): \(report.intention.count)</li></ul></section>"
        body += "<section><h2>\(t("按合同类别", "By category"))</h2>\(bars(report.byCategory))</section>"
        body += "<section><h2>\(t("按县市区", "By county"))</h2>\(bars(report.byCounty))</section>"
        body += "<section><h2>\(t("技术需求", "Demands"))</h2>"
        body += "<form method=\"get\"><input name=\"q\" value=\"\(escape(query))\" placeholder=\"\(t("搜索", "Search"))\">"
        body +=
            "<input type=\"hidden\" name=\"lang\" value=\"\(english ? "en" : "zh")\"><button>\(t("搜索", "Search"))</button></form><table>"
        body += "<tr><th>\(t("编号", "Ref"))</th><th>\(t("企业", "Enterprise"))</th>"
        body += "<th>\(t("需求名称", "Title"))</th><th>\(t("县市区", "County"))</th></tr>"
        for d in demands.prefix(50) {
            body += "<tr><td>\(escape(d.ref ?? String(d.id)))</td><td>\(escape(d.enterprise))</td><td>\(escape(d.title))</td>"
            body += "<td>\(escape(d.county ?? ""))</td></tr>"
        }
        body += "</table></section>"
        return html(page(title: t("对接", "Duijie"), body: body, lang: english ? "en" : "zh-CN"))
    }

    /// A horizontal bar chart as inline SVG, made on the server.
    func bars(_ totals: [TotalDTO]) -> String {
        let values = totals.map { Double($0.amountYuan) ?? 0 }
        let top = max(values.max() ?? 1, 1)
        var svg =
            "<svg role=\"img\" width=\"100%\" viewBox=\"0 0 480 \(max(1, totals.count) * 22)\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (i, total) in totals.enumerated() {
            let width = Int(260 * values[i] / top)
            let y = i * 22
            svg += "<text x=\"0\" y=\"\(y + 15)\" font-size=\"12\">\(escape(total.name ?? "-"))</text>"
            svg += "<rect x=\"110\" y=\"\(y + 4)\" width=\"\(width)\" height=\"14\" fill=\"#3b7dd8\"/>"
            svg += "<text x=\"\(114 + width)\" y=\"\(y + 15)\" font-size=\"11\">\(escape(total.amountWan))万元</text>"
        }
        return svg + "</svg>"
    }

    func page(title: String, body: String, lang: String) -> String {
        """
        <!doctype html><html lang="\(lang)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(escape(title))</title>
        <style>body{font-family:system-ui,sans-serif;margin:1rem;max-width:60rem}table{border-collapse:collapse;width:100%}
        td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;font-size:.9rem}
        svg{max-width:36rem;display:block}article form label{display:block;margin:.4rem 0}
        article form input{display:block;width:100%;box-sizing:border-box;font-size:1.1rem;padding:.45rem}
        button{font-size:1.05rem;padding:.5rem 1.2rem;margin:.3rem 0}article{border-top:1px solid #eee;padding:.3rem 0}</style></head>
        <body>\(body)</body></html>
        """
    }

    func html(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
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
