import Foundation
import TestSupport
import Testing

/// `import … --preview`, `--map`, `--save-mapping` and `duijie mappings list|show|remove` through the binary.
@Suite struct MappingsCLITests {
    @Test func previewCorrectSaveAndRemove() throws {
        let folder = try TemporaryFolder("mappings-cli")
        let db = folder.path("m.sqlite")
        let sheet = folder.path("枣强县.csv")
        try "单位,难题,情况说明,备用\n甲公司,难题一,说明一,x\n乙公司,难题二,说明二,y\n".write(
            toFile: sheet, atomically: true, encoding: .utf8)
        let map = ["--map", "单位=enterprise", "--map", "难题=title", "--map", "情况说明=description", "--map", "备用=ignore"]
        // Unreadable as it is, and the sentence says so.
        let plain = try duijie(["import", "demands", sheet, "--db", db])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("no header row"))
        // Previewed: the contract's object, nothing stored.
        let preview = try duijie(["import", "demands", sheet, "--db", db, "--event", "HS2021", "--preview", "--json"] + map)
        #expect(preview.status == 0, "\(preview.stderr)")
        let object = try preview.json() as? [String: Any]
        #expect(object?["preview"] as? Bool == true)
        let file = (object?["files"] as? [[String: Any]])?.first
        #expect((file?["would"] as? [String: Int])?["new"] == 2)
        #expect(((file?["sheets"] as? [[String: Any]])?.first?["records"] as? [Any])?.count == 2)
        let listed = try duijie(["demands", "list", "--db", db, "--json"])
        #expect((try listed.json() as? [Any])?.isEmpty == true)
        // A field that does not exist: a usage sentence naming the fields, exit 1.
        let bad = try duijie(["import", "demands", sheet, "--db", db, "--map", "单位=company"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("'company'") && bad.stderr.contains("enterprise"))
        // Imported and saved; the mapping is listed, shown and applies to a second file with the same header.
        let saved = try duijie(["import", "demands", sheet, "--db", db, "--event", "HS2021", "--save-mapping", "--json"] + map)
        #expect((try saved.json() as? [String: Any])?["saved_mappings"] as? [String] == ["单位|难题|情况说明|备用"])
        let list = try duijie(["mappings", "list", "--db", db, "--json"])
        let mappings = try list.json() as? [[String: Any]]
        #expect(mappings?.count == 1)
        #expect((mappings?.first?["fields"] as? [String: String])?["备用"] == "ignore")
        let show = try duijie(["mappings", "show", "1", "--db", db])
        #expect(show.stdout.contains("'难题' → title"))
        let second = folder.path("枣强县-2022.csv")
        try "单位,难题,情况说明,备用\n丙公司,难题三,说明三,\n".write(toFile: second, atomically: true, encoding: .utf8)
        #expect(try duijie(["import", "demands", second, "--db", db, "--event", "HS2022"]).status == 0)
        #expect(try duijie(["mappings", "remove", "1", "--db", db]).status == 0)
        let gone = try duijie(["mappings", "show", "1", "--db", db])
        #expect(gone.status == 1 && gone.stderr.contains("no saved column mapping"))
    }
}
