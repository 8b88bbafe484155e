import DuijieHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Service
import Store
import Testing

/// `POST /api/import/{kind}?preview=true` with corrections, and the saved mappings' routes.
@Suite struct PreviewAPITests {
    static let odd = "单位,难题,情况说明,备用\n甲公司,难题一,说明一,x\n乙公司,难题二,说明二,y\n"
    static let map = ["单位=enterprise", "难题=title", "情况说明=description", "备用=ignore"]
        .map { "map=\(percentEncodedForTest($0))" }.joined(separator: "&")

    @Test func previewStoresNothingAndASavedMappingAppliesNextTime() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = buildApplication(database: EventDatabase(store: store))
        try await app.test(.router) { client in
            let before = try store.tableCounts()
            let preview = try await client.execute(
                uri: "/api/import/demands?filename=odd.csv&event=HS2021&preview=true&\(Self.map)", method: .post,
                headers: asOrganizer, body: ByteBuffer(string: Self.odd)
            ) { response in
                #expect(response.status == .ok)
                return try object(response.body) as? [String: Any]
            }
            #expect(try store.tableCounts() == before)
            #expect(preview?["preview"] as? Bool == true)
            let file = (preview?["files"] as? [[String: Any]])?.first
            #expect((file?["would"] as? [String: Int])?["new"] == 2)
            let sheet = (file?["sheets"] as? [[String: Any]])?.first
            #expect((sheet?["records"] as? [[String: Any]])?.first?["enterprise"] as? String == "甲公司")
            let fields = (sheet?["columns"] as? [[String: Any]])?.map { $0["field"] as? String ?? "-" }
            #expect(fields == ["enterprise", "title", "description", "-"])

            // A field that does not exist is refused with the list of fields.
            try await client.execute(
                uri: "/api/import/demands?filename=odd.csv&preview=true&map=\(percentEncodedForTest("单位=company"))",
                method: .post, headers: asOrganizer, body: ByteBuffer(string: Self.odd)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("enterprise"))
            }

            // Imported with the mapping saved; the next file with the same header needs no mapping.
            try await client.execute(
                uri: "/api/import/demands?filename=odd.csv&event=HS2021&save_mapping=true&\(Self.map)", method: .post,
                headers: asOrganizer, body: ByteBuffer(string: Self.odd)
            ) { response in
                #expect(response.status == .ok)
                let body = try object(response.body) as? [String: Any]
                #expect(body?["imported"] as? Int == 2)
                #expect(body?["saved_mappings"] as? [String] == ["单位|难题|情况说明|备用"])
            }
            let mappings = try await client.execute(uri: "/api/mappings", method: .get, headers: asOrganizer) {
                try object($0.body) as? [[String: Any]]
            }
            #expect(mappings?.count == 1)
            #expect(mappings?.first?["saved_by"] as? String == "organizer")
            try await client.execute(
                uri: "/api/import/demands?filename=odd-2022.csv&event=HS2022", method: .post, headers: asOrganizer,
                body: ByteBuffer(string: "单位,难题,情况说明,备用\n丙公司,难题三,说明三,\n")
            ) { response in
                #expect(response.status == .ok)
                let body = try object(response.body) as? [String: Any]
                #expect(body?["imported"] as? Int == 1)
            }
            // Reporters cannot see or remove mappings; organizers can remove them.
            try await client.execute(uri: "/api/mappings", method: .get, headers: asReporter) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/mappings/1", method: .delete, headers: asOrganizer) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/mappings/1", method: .get, headers: asOrganizer) {
                #expect($0.status == .notFound)
            }
        }
    }
}

func percentEncodedForTest(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}
