import Foundation
import Service
import Store
import Testing

@Suite struct UsersCLITests {
    @Test func usersAddListLinkAndRemove() throws {
        let scratch = try Scratch()
        let add = try duijie(
            ["users", "add", "城市科技局", "--role", "reporter", "--password-stdin", "--db", scratch.db], input: "a-long-password\n")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("城市科技局 (reporter) added"))
        let generated = try duijie(["users", "add", "--name", "组委会", "--role", "organizer", "--generate", "--db", scratch.db])
        #expect(generated.status == 0)
        let password = try #require(generated.stdout.split(separator: "\n").first { $0.hasPrefix("password: ") }?.dropFirst(10))
        #expect(password.count == 14)
        let store = try DuijieStore(path: scratch.db)
        #expect(try AccountService(store: store).verify(name: "组委会", password: String(password))?.role == .organizer)
        #expect(try AccountService(store: store).verify(name: "城市科技局", password: "a-long-password")?.role == .reporter)
        let list = try #require(try duijie(["users", "list", "--json", "--db", scratch.db]).json() as? [[String: String]])
        #expect(list == [["name": "城市科技局", "role": "reporter"], ["name": "组委会", "role": "organizer"]])
        // Refusals: an unknown role, a short password, a name taken.
        let badRole = try duijie(["users", "add", "x", "--role", "admin", "--generate", "--db", scratch.db])
        #expect(badRole.status == 1)
        #expect(badRole.stderr.contains("organizer or reporter"))
        let short = try duijie(
            ["users", "add", "y", "--role", "reporter", "--password-stdin", "--db", scratch.db], input: "short\n")
        #expect(short.status == 1)
        #expect(short.stderr.contains("at least 8"))
        let taken = try duijie(["users", "add", "组委会", "--role", "reporter", "--generate", "--db", scratch.db])
        #expect(taken.status == 1)
        #expect(taken.stderr.contains("--replace"))
        // A one-time link, then removal.
        let link = try duijie(["users", "link", "组委会", "--base", "http://10.0.0.5:8080/", "--db", scratch.db])
        #expect(link.stdout.hasPrefix("http://10.0.0.5:8080/signin/"))
        #expect(try duijie(["users", "remove", "组委会", "--db", scratch.db]).status == 0)
        #expect(try duijie(["users", "remove", "组委会", "--db", scratch.db]).status == 1)
    }
}
