import Foundation

/// The vocabulary as docs/formats.md prints it: one table per kind of sheet, between marker lines, generated from
/// the vocabulary files (`duijie-dev docs` rewrites them; a test fails when the document and the files differ).
public enum VocabularyDocs {
    /// The line that opens a kind's table in the document.
    public static func startMarker(_ name: String) -> String {
        "<!-- vocabulary \(name): generated from Sources/Ingestion/Resources/vocabulary/\(name).txt -->"
    }
    /// The line that closes it.
    public static let endMarker = "<!-- /vocabulary -->"

    /// The table for the built-in vocabulary `name` (a kind, or `common`).
    public static func table(_ name: String) -> String {
        guard let text = Vocabulary.builtInText(name), let vocabulary = try? Vocabulary(text: text) else { return "" }
        var lines: [String]
        if name == "common" {
            lines = ["| words | meaning |", "|---|---|"]
            for entry in vocabulary.entries {
                lines.append("| \(entry.names.map(escape).joined(separator: "、")) | \(escape(entry.meaning)) |")
            }
        } else {
            lines = ["| field | meaning | header names accepted (~ generic: the values are checked) |", "|---|---|---|"]
            for entry in vocabulary.entries {
                let names = entry.names.map { (entry.generic.contains($0) ? "~" : "") + escape($0) }
                lines.append("| `\(entry.field)` | \(escape(entry.meaning)) | \(names.joined(separator: "、")) |")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `document` with every marked table replaced by the current one.
    public static func rewrite(_ document: String) -> String {
        var out: [Substring] = []
        var skipping = false
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if skipping {
                if line == endMarker {
                    skipping = false
                    out.append(line)
                }
                continue
            }
            out.append(line)
            for name in ["common"] + SheetKind.allCases.map(\.rawValue) where line == startMarker(name) {
                out.append(Substring(table(name)))
                skipping = true
            }
        }
        return out.joined(separator: "\n")
    }

    private static func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
