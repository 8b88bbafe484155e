import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import Service

/// The pages' templates (`Templates/*.mustache`, swift-mustache: values are HTML-escaped unless a template asks
/// otherwise with `{{{…}}}`, which none does) and their words in both languages (`Templates/strings.tsv`).
///
/// Every page is rendered over a `PageContext`: the words of the page's language as `t`, the language's links and
/// hidden field as `lang`, the navigation of the signed-in account, the session's CSRF token, and the page's own
/// model as `page`. Templates name words by key (`{{t.upload_title}}`), so a page is written once for both
/// languages; a test checks every key a template uses has both.
enum Views {
    /// The templates, read once from the module's resources.
    static let library: MustacheLibrary = {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            fatalError("the page templates are missing from the DuijieHTTP resources")
        }
        var library = MustacheLibrary()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files where file.hasSuffix(".mustache") {
            let url = folder.appendingPathComponent(file)
            do {
                try library.register(try String(contentsOf: url, encoding: .utf8), named: String(file.dropLast(9)))
            } catch {
                fatalError("the template \(file) does not parse: \(error)")
            }
        }
        return library
    }()

    /// The words of the pages: key → (Chinese, English).
    static let strings: [String: (zh: String, en: String)] = {
        guard let url = Bundle.module.url(forResource: "Templates/strings", withExtension: "tsv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("the pages' strings are missing from the DuijieHTTP resources") }
        var table: [String: (zh: String, en: String)] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { fatalError("strings.tsv: a line needs key, Chinese and English: \(line)") }
            table[parts[0]] = (parts[1], parts[2])
        }
        return table
    }()

    /// The words in one language, for templates (`t`).
    static let chinese = strings.mapValues(\.zh)
    static let english = strings.mapValues(\.en)

    /// The word `key` in `lang` (for text made in Swift: redirect messages, chart labels).
    static func word(_ key: String, _ lang: Lang) -> String {
        guard let entry = strings[key] else { return key }
        return lang.english ? entry.en : entry.zh
    }

    /// Renders `template` as a whole page.
    static func page(
        _ template: String, title: String, model: Any, lang: Lang, context: DuijieContext? = nil, path: String = "/",
        navigation: Bool = true, status: HTTPResponse.Status = .ok
    ) -> Response {
        let page = PageContext(
            t: lang.english ? english : chinese, lang: LangView(lang, path: path), title: title,
            nav: navigation ? context.flatMap { NavView($0, lang: lang, path: path) } : nil,
            csrf: context?.sessions.session?.csrf, page: model)
        guard let html = library.render(page, withTemplate: template) else {
            fatalError("no template named \(template)")
        }
        return Layout.html(html, status: status)
    }
}

/// What every template sees at the top.
struct PageContext {
    /// The page's words by key.
    let t: [String: String]
    /// The page's language.
    let lang: LangView
    /// The page's title.
    let title: String
    /// The navigation, when an account is signed in.
    let nav: NavView?
    /// The session's CSRF token, for forms.
    let csrf: String?
    /// The page's own model.
    let page: Any
}

/// The language as templates use it.
struct LangView {
    /// `zh-CN` or `en`.
    let code: String
    /// Whether the page is in English (a hidden `lang=en` field goes in every form).
    let english: Bool
    /// `?lang=en` for English pages, else empty: appended to links without a query.
    let query: String
    /// `&lang=en` for English pages, else empty: appended to links with a query.
    let amp: String
    /// The same page in the other language.
    let switchHref: String

    init(_ lang: Lang, path: String) {
        code = lang.code
        english = lang.english
        query = lang.english ? "?lang=en" : ""
        amp = lang.english ? "&lang=en" : ""
        switchHref = path + (lang.english ? "" : (path.contains("?") ? "&lang=en" : "?lang=en"))
    }
}

/// The navigation of the signed-in account.
struct NavView {
    struct Link {
        let href: String
        let label: String
        let current: Bool
    }

    let links: [Link]
    let account: String

    init?(_ context: DuijieContext, lang: Lang, path: String) {
        guard let account = context.identity else { return nil }
        var items = ["/": "nav_overview"]
        var order = ["/"]
        if account.role == .organizer {
            for (href, key) in [
                ("/organize/upload", "nav_upload"), ("/organize/demands", "nav_demands"), ("/organize/assign", "nav_assign"),
                ("/organize/final", "nav_final"),
            ] {
                items[href] = key
                order.append(href)
            }
        }
        for (href, key) in [("/results", "nav_results"), ("/report", "nav_report")] {
            items[href] = key
            order.append(href)
        }
        links = order.map { Link(href: lang.path($0), label: Views.word(items[$0]!, lang), current: $0 == path) }
        self.account = account.name
    }
}

/// A horizontal bar chart drawn on the server as inline SVG, with its numbers as a table for screen readers.
struct BarsView {
    struct Bar {
        let name: String
        let y: Int
        let textY: Int
        let width: Int
        let labelX: Int
        let amount: String
        let count: Int
    }

    let bars: [Bar]
    let height: Int
    let unit: String
    let empty: Bool

    init(_ totals: [TotalDTO], unit: String = "万元") {
        let values = totals.map { Double($0.amountYuan) ?? 0 }
        let top = max(values.max() ?? 1, 1)
        bars = totals.enumerated().map { index, total in
            let width = Int(260 * values[index] / top)
            return Bar(
                name: total.name ?? "-", y: index * 22 + 4, textY: index * 22 + 15, width: width, labelX: 124 + width,
                amount: total.amountWan, count: total.count)
        }
        height = totals.count * 22
        self.unit = unit
        empty = totals.isEmpty
    }
}
