import Foundation
import Ingestion
import Testing

@Suite struct DocsTests {
    /// docs/formats.md prints the synonym table; every name the code accepts must be there.
    @Test func formatsDocListsEveryHeaderName() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/formats.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for (field, names) in HeaderSynonyms.demand {
            #expect(text.contains("`\(field.rawValue)`"))
            for name in names { #expect(text.contains(name), "\(name)") }
        }
        for (_, names) in HeaderSynonyms.solver {
            for name in names { #expect(text.contains(name), "\(name)") }
        }
    }
}
