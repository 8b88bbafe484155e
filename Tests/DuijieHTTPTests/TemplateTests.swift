import Foundation
import Testing

@testable import DuijieHTTP

/// The pages' templates and their words: every word a template names exists in both languages, no word is left
/// unused, and every template parses (the library is built from the module's resources).
@Suite struct TemplateTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/DuijieHTTP/Templates").standardized

    /// The `{{t.key}}` names in every template.
    static func usedKeys() throws -> [String: Set<String>] {
        var used: [String: Set<String>] = [:]
        let pattern = try Regex(#"\{\{t\.([a-z0-9_]+)\}\}"#)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                used[String(text[match.output[1].range!]), default: []].insert(file)
            }
        }
        return used
    }

    @Test func everyWordATemplateUsesExistsInBothLanguages() throws {
        let used = try Self.usedKeys()
        #expect(used.count > 100)
        for (key, files) in used.sorted(by: { $0.key < $1.key }) {
            let entry = Views.strings[key]
            #expect(entry != nil, "\(key) used in \(files.sorted()) is missing from strings.tsv")
            #expect(entry.map { !$0.zh.isEmpty && !$0.en.isEmpty } ?? true, "\(key) needs both Chinese and English")
        }
    }

    @Test func noWordIsLeftUnused() throws {
        let used = Set(try Self.usedKeys().keys)
        // Words the Swift code picks by key (`Views.word`), not a template.
        let swiftSources = try FileManager.default.contentsOfDirectory(atPath: Self.folder.deletingLastPathComponent().path)
            .filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: Self.folder.deletingLastPathComponent().appendingPathComponent($0), encoding: .utf8) }
            .joined()
        for key in Views.strings.keys.sorted() where !used.contains(key) {
            #expect(swiftSources.contains("\"\(key)\""), "\(key) is in strings.tsv but nothing uses it")
        }
    }

    @Test func everyTemplateParsesAndThePagesAreRegistered() {
        for name in [
            "layout", "form-fields", "bars", "error", "login", "overview", "results", "report", "judge-sheet", "upload",
            "upload-form", "rejected", "demands", "demand", "decision", "assign", "assign-form", "final",
        ] {
            #expect(Views.library.getTemplate(named: name) != nil, "\(name)")
        }
    }

    @Test func valuesAreEscapedAndWordsFollowTheLanguage() throws {
        struct Model {
            let status: Int
            let message: String
        }
        let html = try #require(
            Views.library.render(
                PageContext(
                    t: Views.english, lang: LangView(Lang(english: true), path: "/"), title: "<t>", nav: nil, csrf: nil,
                    page: Model(status: 404, message: "<script>alert('x')</script> & \"q\"")),
                withTemplate: "error"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("Something went wrong"))
        #expect(html.contains("<title>&lt;t&gt;</title>"))
        let chinese = try #require(
            Views.library.render(
                PageContext(
                    t: Views.chinese, lang: LangView(Lang(english: false), path: "/"), title: "t", nav: nil, csrf: nil,
                    page: Model(status: 404, message: "m")), withTemplate: "error"))
        #expect(chinese.contains("出错了") && chinese.contains("lang=\"zh-CN\""))
    }
}
