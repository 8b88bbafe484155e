import Foundation
import Service
import Sheets
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

@Suite struct RejectedCLITests {
    @Test func rowsToFixExportAsASheetThatImportsAgain() throws {
        let scratch = try Scratch()
        let csv = scratch.dir.appendingPathComponent("需求.csv")
        try Data("企业名称,需求名称,预计投入（万元）\n甲公司,需求一,50\n乙公司,,10\n".utf8).write(to: csv)
        _ = try duijie(["import", "demands", csv.path, "--db", scratch.db, "--event", "E"])
        let export = scratch.dir.appendingPathComponent("待修改.xlsx").path
        let listed = try duijie(["rejected", "list", "--to-fix", "--json", "--export", export, "--db", scratch.db])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try #require(try listed.json() as? [[String: Any]])
        #expect(rows.map { $0["row"] as? Int } == [3])
        // The exported sheet keeps the row under its own headers: fixing the title and importing it adds the demand.
        #expect(FileManager.default.fileExists(atPath: export))
        let workbook = try WorkbookOpener.open(URL(fileURLWithPath: export))
        var cells: [[String]] = []
        try workbook.readRows(of: workbook.sheets[0]) { row in cells.append(row.cells.map(\.text)) }
        #expect(cells.first?.contains("企业名称") == true)
        #expect(cells.count == 2)
        #expect(cells[1].contains("乙公司"))
        // Fill in the missing title under its own header and import the sheet again.
        let title = try #require(cells[0].firstIndex(of: "需求名称"))
        var fixed = cells
        fixed[1][title] = "补上的需求名称"
        let writer = try XLSXWriter()
        try writer.addSheet(name: "待修改", rows: fixed.map { $0.map { CellValue.text($0) } })
        let fixedFile = scratch.dir.appendingPathComponent("改好的.xlsx")
        try writer.write(to: fixedFile)
        let again = try #require(
            try duijie(["import", "demands", fixedFile.path, "--db", scratch.db, "--event", "E", "--json"]).json()
                as? [String: Any])
        #expect(again["imported"] as? Int == 1)
    }
}
