import DuijieCore
import Foundation

/// The header names of one kind of sheet, read from `Resources/vocabulary/KIND.txt` (docs/formats.md prints them),
/// plus the words every kind shares (`common.txt`). Organizers extend both without recompiling: files of the same
/// names in the folder `$DUIJIE_VOCABULARY` add their names to the built-in ones.
///
/// File format: `[field] meaning` starts a field; the lines below it hold names separated by spaces, `、` or commas;
/// `#` starts a comment. A name marked `~` is generic (`~编号`): a column so named has its values checked, and they
/// may decide the field instead. Sections named `[@…]` in `common.txt` hold row words (totals, notes, sign-off
/// labels, words meaning "none").
public struct Vocabulary: Sendable {
    /// One field and the names that mean it.
    public struct Entry: Sendable, Equatable {
        /// The field's key (`title`, `registration`).
        public var field: String
        /// What the field means, for docs and messages (`需求名称 title (required)`).
        public var meaning: String
        /// The names as written in the file, in order (generic ones without their `~`).
        public var names: [String]
        /// Names marked `~`.
        public var generic: Set<String>
    }

    /// The entries, in file order.
    public private(set) var entries: [Entry]
    /// Normalised name → (field, generic), for exact look-ups.
    private var exact: [String: (field: String, generic: Bool)] = [:]
    /// Every normalised name with its field and length, longest first, for contained look-ups.
    private var contained: [(key: String, field: String, generic: Bool, length: Int, latin: Bool)] = []

    /// Builds a vocabulary from its entries.
    public init(entries: [Entry]) {
        self.entries = entries
        for entry in entries {
            for name in entry.names {
                let key = TextNormalizer.key(TextNormalizer.halfWidth(name))
                guard !key.isEmpty, exact[key] == nil else { continue }
                let generic = entry.generic.contains(name)
                exact[key] = (entry.field, generic)
                contained.append((key, entry.field, generic, key.unicodeScalars.count, key.utf8.allSatisfy { $0 < 0x80 }))
            }
        }
        contained.sort { $0.length > $1.length }
    }

    /// Parses the file format above.
    public init(text: String) throws(VocabularyError) {
        var entries: [Entry] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = TextNormalizer.collapsedWhitespace(line)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("[") {
                guard let close = trimmed.firstIndex(of: "]") else {
                    throw VocabularyError(line: number + 1, text: trimmed, reason: "a section name needs its closing ]")
                }
                let field = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
                guard !field.isEmpty else {
                    throw VocabularyError(line: number + 1, text: trimmed, reason: "an empty field name")
                }
                let meaning = TextNormalizer.collapsedWhitespace(String(trimmed[trimmed.index(after: close)...]))
                entries.append(Entry(field: field, meaning: meaning, names: [], generic: []))
                continue
            }
            guard !entries.isEmpty else {
                throw VocabularyError(line: number + 1, text: trimmed, reason: "names before any [field] line")
            }
            for piece in trimmed.split(whereSeparator: { " \t,，、".contains($0) }) {
                var name = String(piece)
                let generic = name.hasPrefix("~")
                if generic { name.removeFirst() }
                guard !name.isEmpty else { continue }
                if !entries[entries.count - 1].names.contains(name) { entries[entries.count - 1].names.append(name) }
                if generic { entries[entries.count - 1].generic.insert(name) }
            }
        }
        self.init(entries: entries)
    }

    /// This vocabulary with `other`'s names added (new fields appended, known fields extended).
    public func merging(_ other: Vocabulary) -> Vocabulary {
        var merged = entries
        for entry in other.entries {
            if let index = merged.firstIndex(where: { $0.field == entry.field }) {
                for name in entry.names where !merged[index].names.contains(name) { merged[index].names.append(name) }
                merged[index].generic.formUnion(entry.generic)
            } else {
                merged.append(entry)
            }
        }
        return Vocabulary(entries: merged)
    }

    /// The names of `field` as written.
    public func names(of field: String) -> [String] { entries.first { $0.field == field }?.names ?? [] }

    /// The field an already normalised name means exactly, and whether that name is generic.
    func exactField(_ key: String) -> (field: String, generic: Bool)? { exact[key] }

    /// The field whose longest name `key` contains (at least two characters; Latin names at least five letters).
    func containedField(_ key: String) -> (field: String, name: String, generic: Bool)? {
        for candidate in contained {
            guard candidate.length >= 2, !(candidate.latin && candidate.length < 5) else { continue }
            if key.utf8.count > candidate.key.utf8.count, key.contains(candidate.key) {
                return (candidate.field, candidate.key, candidate.generic)
            }
        }
        return nil
    }

    /// Whether `text` (normalised) starts with one of `field`'s names.
    func startsWithName(of field: String, _ key: String) -> Bool {
        names(of: field).contains { TextNormalizer.hasBytePrefix(key, TextNormalizer.key($0)) }
    }

    /// Whether `key` (normalised) is exactly one of `field`'s names.
    func isName(of field: String, _ key: String) -> Bool { exact[key]?.field == field }
}

/// A vocabulary file that cannot be read: the line, its text and why.
public struct VocabularyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// The line's text.
    public var text: String
    /// Why.
    public var reason: String
    /// The file, once known.
    public var file: String = ""

    /// One sentence.
    public var description: String { "\(file.isEmpty ? "vocabulary" : file), line \(line) '\(text)': \(reason)" }
}

extension Vocabulary {
    /// The vocabulary of a kind of sheet as Duijie ships it, without the organizers' additions.
    public static func builtIn(_ kind: SheetKind) -> Vocabulary {
        Loaded.shared.builtIn[kind.rawValue] ?? Vocabulary(entries: [])
    }

    /// The vocabulary of a kind of sheet: the built-in names plus `$DUIJIE_VOCABULARY/KIND.txt` when present.
    public static func standard(_ kind: SheetKind) -> Vocabulary {
        Loaded.shared.standard[kind.rawValue] ?? Vocabulary(entries: [])
    }

    /// The shared row words (`common.txt` plus the organizers' additions).
    public static var common: Vocabulary { Loaded.shared.standard["common"] ?? Vocabulary(entries: []) }

    /// Problems met reading the organizers' files (reported as warnings by every import).
    public static var problems: [String] { Loaded.shared.problems }

    /// The built-in file of `name` (`demands`, `common`), as text.
    public static func builtInText(_ name: String) -> String? {
        guard
            let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "vocabulary")
                ?? Bundle.module.url(forResource: name, withExtension: "txt")
        else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Everything loaded once per process.
    private struct Loaded: Sendable {
        var builtIn: [String: Vocabulary] = [:]
        var standard: [String: Vocabulary] = [:]
        var problems: [String] = []

        static let shared = Loaded()

        init() {
            let names = SheetKind.allCases.map(\.rawValue) + ["common"]
            let extra = ProcessInfo.processInfo.environment["DUIJIE_VOCABULARY"].flatMap { $0.isEmpty ? nil : $0 }
            for name in names {
                var vocabulary = Vocabulary(entries: [])
                if let text = Vocabulary.builtInText(name) {
                    do { vocabulary = try Vocabulary(text: text) } catch { problems.append("built-in \(name).txt: \(error)") }
                }
                builtIn[name] = vocabulary
                if let extra {
                    let path = URL(fileURLWithPath: extra).appendingPathComponent("\(name).txt").path
                    if FileManager.default.fileExists(atPath: path) {
                        do {
                            let text = try String(contentsOfFile: path, encoding: .utf8)
                            vocabulary = vocabulary.merging(try Vocabulary(text: text))
                        } catch var error as VocabularyError {
                            error.file = path
                            problems.append(error.description)
                        } catch {
                            problems.append("\(path): cannot be read as UTF-8 text")
                        }
                    }
                }
                standard[name] = vocabulary
            }
        }
    }
}
