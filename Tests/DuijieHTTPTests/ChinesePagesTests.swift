import DuijieCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Service
import Testing

@testable import DuijieHTTP

/// Issue 15: every message a user reads on the walked pages of the final exists in Chinese. The rendered pages of
/// the sample event are scanned for English words outside an allow-list of codes, units, technical terms of the data
/// and the language switch.
@Suite struct ChinesePagesTests {
    /// Words that may appear on a Chinese page: the language switch, the demo's account name, codes and technical
    /// terms the sheets themselves carry, file formats, and the award-tier syntax shown in its field's label.
    static let allowed: Set<String> = [
        "English", "organizer", "HS", "CNC", "DCS", "TPV", "VOC", "VOCs", "GFRP", "HDPE", "PVDF", "PLC", "mm", "CSV", "XLSX",
        "Excel", "group", "overall", "WPS", "SVG", "csv", "xlsx", "xls", "xml",
        // The sample's own data on the rows-to-fix page: a file name, contract numbers (HT2020-901), a unit (10ppm).
        "deals", "HT", "ppm",
    ]

    static func englishWords(_ page: String) -> Set<String> {
        var text = page.replacingOccurrences(
            of: "(?s)<(script|style)[^>]*>.*?</\\1>", with: " ", options: [.regularExpression, .caseInsensitive])
        text = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: "https?://\\S+", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        let words = text.matches(of: /[A-Za-z][A-Za-z\-]+/).map { String($0.output) }
        return Set(words).subtracting(allowed)
    }

    @Test func theWalkedPagesOfTheFinalHaveNoEnglishWords() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let judge = try JudgeService(store: store).links(event: "HS2020")[0].token
        let app = buildApplication(database: EventDatabase(store: store))
        try await app.test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            for path in [
                "/", "/organize/demands?event=HS2020", "/organize/demands/HS2020-065?event=HS2020",
                "/organize/final?event=HS2020",
                "/organize/final/board?event=HS2020", "/organize/final/projector?event=HS2020&shown=3", "/results?event=HS2020",
                "/report", "/judge/\(judge)", "/judge/0123456789abcdef0123456789abcdef", "/organize/rejected",
            ] {
                let page = try await client.execute(uri: path, method: .get, headers: session.headers) { String(buffer: $0.body) }
                #expect(page.contains("<html lang=\"zh-CN\""), "\(path)")
                #expect(ChinesePagesTests.englishWords(page).isEmpty, "\(path): \(ChinesePagesTests.englishWords(page).sorted())")
            }
            // An assignment that cannot fill a demand says why in Chinese.
            let (formHeaders, assignment) = session.form("event=HS2020&per_demand=40&capacity=1&demands=HS2020-065")
            let assigned = try await client.execute(
                uri: "/organize/assign", method: .post, headers: formHeaders, body: assignment
            ) {
                String(buffer: $0.body)
            }
            #expect(assigned.contains("运行 #") && assigned.contains("需求 HS2020-065 需要 40 个团队"))
            #expect(ChinesePagesTests.englishWords(assigned).isEmpty, "\(ChinesePagesTests.englishWords(assigned).sorted())")
            // A refused request on an organizer's page says why in the page's language (the API keeps English).
            let (groupHeaders, badGroup) = session.form("event=HS2020&demand=HS2020-065&teams=T999")
            let refusedPage = try await client.execute(
                uri: "/organize/final/groups", method: .post, headers: groupHeaders, body: badGroup
            ) { String(buffer: $0.body) }
            #expect(refusedPage.contains("没有团队“T999”"), "\(refusedPage.prefix(600))")
            // A refused score on the judge's page says why in Chinese.
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let location = try await client.execute(
                uri: "/judge/\(judge)/score", method: .post, headers: form,
                body: ByteBuffer(string: "demand=HS2020-065&team=T001&c:技术先进性=99&c:方案可行性=1&c:团队实力=1&c:经济社会效益=1")
            ) { $0.headers[.location] ?? "" }
            let refused = try await client.execute(uri: location, method: .get) { String(buffer: $0.body) }
            #expect(refused.contains("超过满分") || refused.contains("已提交评分表"))
            #expect(ChinesePagesTests.englishWords(refused).isEmpty, "\(ChinesePagesTests.englishWords(refused).sorted())")
        }
    }

    @Test func everyCatalogueMessageExistsInBothLanguages() {
        for key in Catalogue.keys {
            let message = Message(key, "甲", "乙", "丙", "丁", "戊")
            #expect(!message.chinese.isEmpty && !message.description.isEmpty && message.chinese != key, "\(key)")
            #expect(!message.chinese.contains("{") && !message.description.contains("{"), "\(key)")
        }
        #expect(Language.of(flag: nil, environment: ["LANG": "zh_CN.UTF-8"]) == .chinese)
        #expect(Language.of(flag: nil, environment: ["LANG": "C.UTF-8"]) == .english)
        #expect(Language.of(flag: "en", environment: ["LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.of(flag: nil, environment: [:]) == .chinese)
    }
}
