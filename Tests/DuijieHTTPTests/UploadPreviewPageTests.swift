import DuijieHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Service
import Store
import Testing

/// The organizers' two-step upload: upload → a preview page (nothing stored) with one choice per column → correct a
/// column and preview again → confirm, optionally remembering the mapping.
@Suite struct UploadPreviewPageTests {
    static let odd = "单位,难题,情况说明,备用\n甲公司,难题一,说明一,x\n乙公司,难题二,说明二,y\n"

    /// A urlencoded form body.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.0)=\(percentEncodedForTest($0.1))" }.joined(separator: "&"))
    }

    @Test func uploadPreviewCorrectConfirm() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            let before = try store.tableCounts()
            let (type, body) = multipart(
                fields: [("csrf", session.csrf), ("kind", "demands"), ("event", "HS2021"), ("step", "preview")],
                file: ("file", "枣强县.csv", Self.odd))
            var headers = session.headers
            headers[.contentType] = type
            let location = try await client.execute(uri: "/organize/upload", method: .post, headers: headers, body: body) {
                response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/organize/upload/preview?token="))
            let page = try await client.execute(uri: location, method: .get, headers: session.headers) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(try store.tableCounts() == before)
            #expect(page.contains("导入预览"))
            #expect(page.contains("column unread"))  // columns no vocabulary names are highlighted
            #expect(page.contains(#"<option value="难题=title">"#))
            let token = try #require(page.firstMatch(of: /name="token" value="([0-9a-f]+)"/)?.1).description
            var formHeaders = session.headers
            formHeaders[.contentType] = "application/x-www-form-urlencoded"
            let choices = [("map", "单位=enterprise"), ("map", "难题=title"), ("map", "情况说明=description"), ("map", "")]
            // Preview again with the columns chosen: still nothing stored, the records now read.
            let next = try await client.execute(
                uri: "/organize/upload/confirm", method: .post, headers: formHeaders,
                body: Self.form([("csrf", session.csrf), ("token", token), ("action", "preview")] + choices)
            ) { $0.headers[.location] ?? "" }
            let again = try await client.execute(uri: next, method: .get, headers: session.headers) { String(buffer: $0.body) }
            #expect(try store.tableCounts() == before)
            #expect(again.contains(#"<option value="难题=title" selected>"#))
            #expect(again.contains("enterprise：甲公司"))
            // Confirmed, the mapping remembered.
            let done = try await client.execute(
                uri: "/organize/upload/confirm", method: .post, headers: formHeaders,
                body: Self.form(
                    [("csrf", session.csrf), ("token", token), ("action", "import"), ("remember", "1")] + choices)
            ) { String(buffer: $0.body) }
            #expect(done.contains("导入结果"))
            #expect(try store.demands(event: "HS2021").map(\.demand.title).sorted() == ["难题一", "难题二"])
            #expect(try MappingService(store: store).list().first?.savedBy == "organizer")
            // The held upload is gone once imported.
            let expired = try await client.execute(
                uri: "/organize/upload/confirm", method: .post, headers: formHeaders,
                body: Self.form([("csrf", session.csrf), ("token", token), ("action", "import")])
            ) { String(buffer: $0.body) }
            #expect(expired.contains("已过期"))
            #expect(try store.demands(event: "HS2021").count == 2)
            // A judges panel still imports at once.
            let panel = try Data(contentsOf: sampleEvent.appendingPathComponent("final/judges.xlsx"))
            try await client.execute(
                uri: "/api/import/judges?filename=judges.xlsx&event=HS2020", method: .post, headers: asOrganizer,
                body: ByteBuffer(bytes: panel)
            ) { response in
                #expect(response.status == .ok)
                #expect(((try? object(response.body)) as? [String: Int])?["judges"] ?? 0 > 0)
            }
        }
    }

    @Test func aScoreSheetIsPreviewedBeforeItIsImported() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            let before = try store.tableCounts()
            let (type, body) = multipart(
                fields: [("csrf", session.csrf), ("kind", "scores"), ("event", "HS2020"), ("step", "preview")],
                file: ("file", "补录.csv", "评委,需求编号,T006,T046,T026\n李红梅,HS2020-033,90,82.5,71\n"))
            var headers = session.headers
            headers[.contentType] = type
            let location = try await client.execute(uri: "/organize/upload", method: .post, headers: headers, body: body) {
                $0.headers[.location] ?? ""
            }
            let page = try await client.execute(uri: location, method: .get, headers: session.headers) {
                String(buffer: $0.body)
            }
            #expect(try store.tableCounts() == before)
            #expect(page.contains("将导入") && page.contains("更新 3"))
            let token = try #require(page.firstMatch(of: /name="token" value="([0-9a-f]+)"/)?.1).description
            var formHeaders = session.headers
            formHeaders[.contentType] = "application/x-www-form-urlencoded"
            let done = try await client.execute(
                uri: "/organize/upload/confirm", method: .post, headers: formHeaders,
                body: Self.form([("csrf", session.csrf), ("token", token), ("action", "import")])
            ) { String(buffer: $0.body) }
            #expect(done.contains("评分已导入"))
            #expect(try store.tableCounts()["score_entry"] == (before["score_entry"] ?? 0) + 3)
            // A judges panel alone: previewed through the API too (the same judges again: all unchanged).
            let panel = try Data(contentsOf: sampleEvent.appendingPathComponent("final/judges.xlsx"))
            let counts = try store.tableCounts()
            try await client.execute(
                uri: "/api/import/judges?filename=judges.xlsx&event=HS2020&preview=true", method: .post,
                headers: asOrganizer, body: ByteBuffer(bytes: panel)
            ) { response in
                #expect(response.status == .ok)
                let body = try object(response.body) as? [String: Any]
                #expect(body?["preview"] as? Bool == true)
                let would = (body?["files"] as? [[String: Any]])?.first?["would"] as? [String: Int]
                #expect((would?["unchanged"] ?? 0) > 0 && would?["new"] == 0)
            }
            #expect(try store.tableCounts() == counts)
        }
    }
}
