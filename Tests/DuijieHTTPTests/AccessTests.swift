import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Service
import Store
import Testing

@testable import DuijieHTTP

/// A browser session in a test: the cookie and the CSRF token of its pages.
struct Session {
    var cookie: String
    var csrf: String

    var headers: HTTPFields { [.cookie: cookie] }

    func form(_ text: String) -> (HTTPFields, ByteBuffer) {
        var headers = self.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return (headers, ByteBuffer(string: text + "&csrf=\(csrf)"))
    }
}

/// Signs in through the form and reads the CSRF token from a page.
func signIn(_ client: some TestClientProtocol, _ name: String, _ password: String) async throws -> Session {
    let cookie = try await client.execute(
        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "name=\(name)&password=\(password)&next=/report")
    ) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/report")
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        return String(setCookie.split(separator: ";")[0])
    }
    let csrf = try await client.execute(uri: "/report", method: .get, headers: [.cookie: cookie]) { response in
        #expect(response.status == .ok)
        let page = String(buffer: response.body)
        let marker = try #require(page.range(of: "name=\"csrf\" value=\""))
        return String(page[marker.upperBound...].prefix(32))
    }
    return Session(cookie: cookie, csrf: csrf)
}

@Suite struct AccessTests {
    @Test func strangersAreSentToSignInAndTheAPIAnswers401() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            for page in ["/", "/report", "/organize/upload", "/organize/final"] {
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.status == .seeOther, "\(page)")
                    #expect(response.headers[.location]?.hasPrefix("/login?next=") == true)
                }
            }
            for api in ["/api/demands", "/api/report", "/api/report/export?format=csv"] {
                try await client.execute(uri: api, method: .get) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == nil)  // browsers never cache Basic credentials
                    let body = try object(response.body) as? [String: [String: String]]
                    #expect(body?["error"]?["message"]?.contains("sign in") == true)
                }
            }
            try await client.execute(uri: "/api/demands", method: .get, headers: basic("organizer", "wrong-password")) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/login", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("type=\"password\""))
            }
        }
    }

    @Test func aJudgeTokenOpensOnlyThatJudgesSheet() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let links = Dictionary(
            uniqueKeysWithValues: try JudgeService(store: store).links(event: "HS2020").map { ($0.judge, $0.token) })
        let wang = try #require(links["王建国"])
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            // The token as a cookie, a bearer token or a query parameter opens nothing of the organizers'.
            for headers: HTTPFields in [[.cookie: "duijie_session=\(wang)"], [.authorization: "Bearer \(wang)"]] {
                for page in ["/", "/organize/final", "/report"] {
                    try await client.execute(uri: page + "?token=\(wang)", method: .get, headers: headers) {
                        #expect($0.status == .seeOther, "\(page)")
                    }
                }
                try await client.execute(uri: "/api/judge/results?event=HS2020", method: .get, headers: headers) {
                    #expect($0.status == .unauthorized)
                }
                try await client.execute(uri: "/api/judge/links?event=HS2020", method: .get, headers: headers) {
                    #expect($0.status == .unauthorized)
                }
            }
            // Naming another judge in the form changes nothing: the link decides whose sheet it is.
            try await client.execute(
                uri: "/judge/\(wang)/score", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "judge=李红梅&demand=HS2020-033&team=T006&p0=1&p1=1&p2=1&p3=1&reason=test")
            ) { #expect($0.status == .seeOther) }
            let li = try JudgeService(store: store).history(event: "HS2020", judge: "李红梅", team: "T006")
            #expect(li.last?.tenths != [10, 10, 10, 10])
            let own = try JudgeService(store: store).history(event: "HS2020", judge: "王建国", team: "T006")
            #expect(own.last?.tenths == [10, 10, 10, 10])
            // Another judge's page is only reachable with that judge's token.
            try await client.execute(uri: "/judge/\(wang)", method: .get) { response in
                #expect(!String(buffer: response.body).contains("李红梅 · 评分表"))
            }
        }
    }

    @Test func reportersReadAndExportButCannotWrite() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            for page in ["/", "/results", "/report", "/api/report", "/api/deals", "/api/demands", "/report/export.csv"] {
                try await client.execute(uri: page, method: .get, headers: asReporter) { #expect($0.status == .ok, "\(page)") }
            }
            for page in [
                "/organize/upload", "/organize/demands", "/organize/assign", "/organize/final", "/api/judge/links?event=HS2020",
            ] {
                try await client.execute(uri: page, method: .get, headers: asReporter) {
                    #expect($0.status == .forbidden, "\(page)")
                }
            }
            var json = asReporter
            json[.contentType] = "application/json"
            for (uri, body) in [
                ("/api/assign?event=HS2020", ""), ("/api/import/demands?filename=a.csv", "企业名称,需求名称\n甲,乙\n"),
                ("/api/deals", #"{"enterprise":"甲","solver":"乙","stage":"signed","amount":"10"}"#),
                ("/api/deals/1/void", #"{"reason":"x"}"#), ("/api/judge/setup", #"{"event":"HS2020","place":"x"}"#),
                (
                    "/api/judge/scores",
                    #"{"event":"HS2020","judge":"李红梅","demand":"HS2020-033","team":"T006","points":["1","1","1","1"],"reason":"x"}"#
                ),
            ] {
                try await client.execute(uri: uri, method: .post, headers: json, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .forbidden, "\(uri)")
                    let message = try object(response.body) as? [String: [String: String]]
                    #expect(message?["error"]?["message"]?.contains("only organizers") == true)
                }
            }
            // The reporter's page shows no organizer navigation.
            try await client.execute(uri: "/", method: .get, headers: asReporter) { response in
                #expect(!String(buffer: response.body).contains("/organize/upload"))
            }
        }
        #expect(try DealService(store: store).list(event: nil).count == 45)
    }

    @Test func sessionsNeedTheCSRFTokenAndEndOnSignOut() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let session = try await signIn(client, "organizer", "organizer-pw")
            #expect(session.csrf.count == 32)
            // Without the token, or with another, the write is refused and nothing changes.
            var headers = session.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            for body in ["event=HS2020&place=伪造", "event=HS2020&place=伪造&csrf=0123456789abcdef0123456789abcdef"] {
                try await client.execute(uri: "/organize/final", method: .post, headers: headers, body: ByteBuffer(string: body))
                {
                    #expect($0.status == .forbidden)
                }
            }
            #expect(try JudgeService(store: store).finalSetup(event: "HS2020").place != "伪造")
            // A form from another site is refused even with the token.
            var crossSite = headers
            crossSite[.origin] = "http://evil.example"
            try await client.execute(
                uri: "/organize/final", method: .post, headers: crossSite,
                body: ByteBuffer(string: "event=HS2020&place=伪造&csrf=\(session.csrf)")
            ) { #expect($0.status == .forbidden) }
            // With the token it goes through.
            let (formHeaders, body) = session.form("event=HS2020&place=%E8%A1%A1%E6%B0%B4%E5%B8%82")
            try await client.execute(uri: "/organize/final", method: .post, headers: formHeaders, body: body) {
                #expect($0.status == .seeOther)
            }
            #expect(try JudgeService(store: store).finalSetup(event: "HS2020").place == "衡水市")
            // The JSON API in a browser session takes the token as a header.
            var apiHeaders = session.headers
            apiHeaders[.contentType] = "application/json"
            let deal = #"{"enterprise":"甲公司","solver":"T001","stage":"intention","amount":"10"}"#
            try await client.execute(uri: "/api/deals", method: .post, headers: apiHeaders, body: ByteBuffer(string: deal)) {
                #expect($0.status == .forbidden)
            }
            apiHeaders[HTTPField.Name("X-CSRF-Token")!] = session.csrf
            try await client.execute(uri: "/api/deals", method: .post, headers: apiHeaders, body: ByteBuffer(string: deal)) {
                #expect($0.status == .created)
            }
            // Signing out ends the session: the old cookie opens nothing.
            let (logoutHeaders, logoutBody) = session.form("x=1")
            try await client.execute(uri: "/logout", method: .post, headers: logoutHeaders, body: logoutBody) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/report", method: .get, headers: session.headers) { #expect($0.status == .seeOther) }
            // A wrong password is refused with the form again.
            try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=organizer&password=nope")
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
            }
        }
        let history = try DealService(store: store).list(event: nil).first { $0.enterprise == "甲公司" }
        #expect(history?.stage == "intention")
        #expect(try DealService(store: store).history(history!.id).first?.actor == "organizer")
    }

    @Test func signInLinksWorkOnceAndNeverLeadElsewhere() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let token = try AccountService(store: store).signinToken(name: "reporter")
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let cookie = try await client.execute(uri: "/signin/\(token)", method: .get) { response in
                #expect(response.status == .seeOther)
                return String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
            }
            try await client.execute(uri: "/api/me", method: .get, headers: [.cookie: cookie]) { response in
                let me = try object(response.body) as? [String: String]
                #expect(me == ["name": "reporter", "role": "reporter"])
            }
            try await client.execute(uri: "/signin/\(token)", method: .get) { #expect($0.status == .notFound) }
            // After signing in, `next` may only be a local path.
            try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=reporter&password=reporter-pw&next=//evil.example/x")
            ) { #expect($0.headers[.location] == "/") }
        }
        // Removing the account ends its sessions at once.
        #expect(try AccountService(store: store).remove(name: "reporter"))
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            try await client.execute(uri: "/api/me", method: .get, headers: asReporter) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func passwordsAreStoredAsBcryptHashes() throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stored = try #require(try store.account(named: "organizer"))
        #expect(stored.passwordHash.hasPrefix("$2"))
        #expect(!stored.passwordHash.contains("organizer-pw"))
        #expect(try AccountService(store: store).verify(name: "organizer", password: "organizer-pw")?.role == .organizer)
        #expect(try AccountService(store: store).verify(name: "organizer", password: "Organizer-pw") == nil)
        #expect(throws: AccountError.self) {
            try AccountService(store: store, cost: 4).add(name: "x", role: .reporter, password: "short")
        }
        #expect(throws: AccountError.self) {
            try AccountService(store: store, cost: 4).add(name: "organizer", role: .reporter, password: "long-enough")
        }
    }

    @Test func repeatedWrongPasswordsLockTheNameForAWhile() async throws {
        let (store, dir) = try demoStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await buildApplication(database: EventDatabase(store: store)).test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            for _ in 0..<5 {
                try await client.execute(
                    uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "name=organizer&password=guess")
                ) { #expect($0.status == .unauthorized) }
            }
            // Now even the right password is refused, on the page and through the API.
            try await client.execute(
                uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "name=Organizer&password=organizer-pw")
            ) { response in
                #expect(response.status == .tooManyRequests)
                #expect(String(buffer: response.body).contains("too many failed sign-ins"))
                #expect(response.headers[.setCookie] == nil)
            }
            try await client.execute(uri: "/api/me", method: .get, headers: asOrganizer) {
                #expect($0.status == .tooManyRequests)
            }
            // Other accounts are not affected.
            try await client.execute(uri: "/api/me", method: .get, headers: asReporter) { #expect($0.status == .ok) }
        }
    }

    @Test func throttleBacksOffPerClientAndNeverLocksTheOwnerOut() throws {
        let throttle = SignInThrottle(limit: 2, window: 60)
        let start = Date(timeIntervalSince1970: 1_000_000)
        throttle.failed(try throttle.begin("a", client: "attacker", now: start), now: start)
        throttle.failed(
            try throttle.begin("A ", client: "attacker", now: start.addingTimeInterval(1)), now: start.addingTimeInterval(1))
        #expect(throws: HTTPError.self) { try throttle.begin("a", client: "attacker", now: start.addingTimeInterval(2)) }
        // The account's owner, on another client, signs in as usual.
        throttle.succeeded(try throttle.begin("a", client: "owner", now: start.addingTimeInterval(2)))
        // The back-off ends (a minute after the last failure); a success clears the record.
        let later = try throttle.begin("a", client: "attacker", now: start.addingTimeInterval(62))
        throttle.succeeded(later)
        throttle.succeeded(try throttle.begin("a", client: "attacker", now: start.addingTimeInterval(63)))
    }

    @Test func concurrentGuessesCountAsTheyStart() throws {
        let throttle = SignInThrottle(limit: 5, window: 900)
        let now = Date()
        let inFlight = try (0..<5).map { _ in try throttle.begin("organizer", client: "x", now: now) }
        #expect(throws: HTTPError.self) { try throttle.begin("organizer", client: "x", now: now) }
        for attempt in inFlight { throttle.failed(attempt, now: now) }
        #expect(throws: HTTPError.self) { try throttle.begin("organizer", client: "x", now: now) }
    }

    @Test func oneClientFailingForManyNamesIsSlowedDown() throws {
        let throttle = SignInThrottle(limit: 5, clientLimit: 3, window: 900)
        let now = Date()
        for name in ["a", "b", "c"] { throttle.failed(try throttle.begin(name, client: "x", now: now), now: now) }
        #expect(throws: HTTPError.self) { try throttle.begin("d", client: "x", now: now) }
        throttle.succeeded(try throttle.begin("d", client: "y", now: now))
    }

    @Test(arguments: [
        ("/organize", "/organize"), ("/demands?q=焊接", "/demands?q=焊接"), ("//evil.example", "/"), ("/\t/evil.example", "/"),
        ("/%09/evil.example", "/"), ("/%2F/evil.example", "/"), ("/\\evil.example", "/"), ("/%5Cevil.example", "/"),
        ("https://evil.example", "/"), ("/ok%20page", "/ok%20page"), ("/\u{200B}/evil.example", "/"),
    ])
    func redirectTargetsAreLocalAfterDecoding(next: String, expected: String) {
        #expect(localPath(next) == expected)
    }
}
