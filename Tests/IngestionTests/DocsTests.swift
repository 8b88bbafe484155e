import Foundation
import Ingestion
import Testing

@Suite struct DocsTests {
    /// docs/formats.md prints the vocabulary files' tables; it must say exactly what the files say
    /// (`swift run duijie-dev docs` rewrites it).
    @Test func formatsDocMatchesTheVocabularyFiles() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/formats.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for name in ["common"] + SheetKind.allCases.map(\.rawValue) {
            #expect(
                text.contains(
                    VocabularyDocs.startMarker(name) + "\n" + VocabularyDocs.table(name) + "\n" + VocabularyDocs.endMarker),
                "docs/formats.md's \(name) table differs from vocabulary/\(name).txt; run `swift run duijie-dev docs`")
        }
        #expect(VocabularyDocs.rewrite(text) == text)
    }

    /// Every built-in vocabulary file parses, names only fields its schema has, and no name means two fields.
    @Test func vocabularyFilesAreWellFormed() throws {
        let fields: [SheetKind: Set<String>] = [
            .demands: Set(DemandField.allCases.map(\.rawValue)), .solvers: Set(SolverField.allCases.map(\.rawValue)),
            .deals: Set(DealField.allCases.map(\.rawValue)), .judges: Set(PanelField.allCases.map(\.rawValue)),
            .scores: Set(ScoreField.allCases.map(\.rawValue)),
        ]
        for kind in SheetKind.allCases {
            let text = try #require(Vocabulary.builtInText(kind.rawValue))
            let vocabulary = try Vocabulary(text: text)
            #expect(Set(vocabulary.entries.map(\.field)).isSubset(of: fields[kind]!), "\(kind)")
            var seen: [String: String] = [:]
            for entry in vocabulary.entries {
                for name in entry.names {
                    let key = HeaderText(name).key
                    #expect(
                        seen[key] == nil || seen[key] == entry.field,
                        "\(kind): '\(name)' means \(seen[key] ?? "") and \(entry.field)")
                    seen[key] = entry.field
                }
            }
        }
        #expect(Vocabulary.problems.isEmpty)
    }
}
