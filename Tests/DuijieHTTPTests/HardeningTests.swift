import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Service
import Store
import Testing

@testable import DuijieHTTP

/// The inputs that crashed or hung a release build (`../shared/crashers`, beside the project).
let crashers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/crashers")

@Suite struct HardeningTests {
    @Test func theServerSurvivesEveryCrasherThenSignsInAndSavesAScore() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: crashers.path).filter { !$0.hasSuffix(".md") }.sorted()
        try #require(!files.isEmpty, "../shared/crashers is missing")
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let li = try #require(try JudgeService(store: store).links(event: "HS2020").first { $0.judge == "李红梅" }?.token)
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            for name in files {
                let data = try Data(contentsOf: crashers.appendingPathComponent(name))
                for kind in ["demands", "deals", "scores"] {
                    try await client.execute(
                        uri: "/api/import/\(kind)?event=HS2020&filename=\(percentEncoded(name))", method: .post,
                        headers: asOrganizer,
                        body: ByteBuffer(bytes: data)
                    ) { response in
                        // A sentence, never an empty 500; the status says the file could not be used (or was read).
                        #expect(response.status != .internalServerError, "\(kind) \(name)")
                        #expect(response.body.readableBytes > 0, "\(kind) \(name)")
                        #expect(String(buffer: response.body).contains(name) || response.status == .ok, "\(kind) \(name)")
                    }
                }
            }
            // The server is still up: sign in, and a judge saves a score.
            let session = try await signIn(client, "organizer", "organizer-pw")
            try await client.execute(uri: "/report", method: .get, headers: session.headers) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/report", method: .get, headers: asReporter) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/judge/\(li)/score", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "demand=HS2020-033&team=T006&c:技术先进性=25&c:方案可行性=25&c:团队实力=15&c:经济社会效益=15&reason=改分")
            ) { response in
                #expect(response.headers[.location]?.contains("saved=") == true)
            }
        }
        #expect(
            try JudgeService(store: store).history(event: "HS2020", judge: "李红梅", team: "T006").last?.tenths == [
                250, 250, 150, 150,
            ])
    }

    @Test func judgeFieldsGoByCriterionAndNeverShift() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let li = try #require(try JudgeService(store: store).links(event: "HS2020").first { $0.judge == "李红梅" }?.token)
        let before = try JudgeService(store: store).history(event: "HS2020", judge: "李红梅", team: "T006").count
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/judge/\(li)", method: .get) { response in
                #expect(String(buffer: response.body).contains("name=\"c:技术先进性\""))
            }
            for body in [
                "p1=20&p2=20&p3=10&p4=10",  // positional without p0: would shift into the first four criteria
                "p0=20&p1=20&p2=10",  // one missing
                "c:技术先进性=20&c:方案可行性=20&c:团队实力=10",  // a criterion missing
                "c:技术先进性=20&c:方案可行性=20&c:团队实力=10&c:经济社会效益=10&c:颜值=10",  // an unknown one
                "c:技术先进性=20&c:方案可行性=20&c:团队实力=10&c:经济社会效益=10&p0=20",  // both ways
            ] {
                try await client.execute(
                    uri: "/judge/\(li)/score", method: .post, headers: form,
                    body: ByteBuffer(string: "demand=HS2020-033&team=T006&reason=x&" + body)
                ) { response in
                    #expect(response.headers[.location]?.contains("error=") == true, "\(body)")
                }
            }
        }
        #expect(try JudgeService(store: store).history(event: "HS2020", judge: "李红梅", team: "T006").count == before)
    }

    @Test func aSessionCookieNeedsItsTokenWhateverElseComes() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.authorization] = "Bearer anything"
            try await client.execute(
                uri: "/organize/demands/HS2020-065/decision", method: .post, headers: headers,
                body: ByteBuffer(string: "event=HS2020&team=T001&action=drop")
            ) { #expect($0.status == .forbidden) }
        }
    }

    @Test func uploadsThatCannotBeReadAreRefusedWithASentence() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            // A multipart body that is not one, or holds no file: refused, never imported as a raw file.
            var headers = asOrganizer
            headers[.contentType] = "multipart/form-data; boundary=xyz"
            try await client.execute(
                uri: "/api/import/demands", method: .post, headers: headers, body: ByteBuffer(string: "企业名称,需求名称\n甲,乙\n")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(!String(buffer: response.body).isEmpty)
            }
            // A header of 2 MB: an answer with a body.
            let huge = String(repeating: "a", count: 2 << 20)
            headers[.contentType] = "multipart/form-data; boundary=xyz"
            try await client.execute(
                uri: "/api/import/demands", method: .post, headers: headers,
                body: ByteBuffer(
                    string: "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(huge)\"\r\n\r\nx\r\n--xyz--\r\n"
                )
            ) { response in
                #expect(response.status.code < 500)
                #expect(response.body.readableBytes > 0)
            }
            // Names that are folders elsewhere are only names here; no server path comes back.
            for name in ["..", ".", "../../etc/passwd"] {
                try await client.execute(
                    uri: "/api/import/demands?event=HS2020&filename=\(percentEncoded(name))", method: .post, headers: asOrganizer,
                    body: ByteBuffer(string: "企业名称,需求名称\n甲,乙\n")
                ) { response in
                    let text = String(buffer: response.body)
                    #expect(response.status == .ok, "\(name): \(text)")
                    #expect(!text.contains(FileManager.default.currentDirectoryPath))
                    #expect(!text.contains("/tmp"))
                }
            }
        }
    }
}
