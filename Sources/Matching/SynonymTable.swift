import DuijieCore
import Foundation

/// Groups of terms that mean the same thing but share no characters (数控 ↔ CNC), read from a data file.
///
/// A text containing any member of a group gets one extra token for the group, so 3D打印 in a demand meets
/// 增材制造 in a team's directions.
public struct SynonymTable: Sendable {
    /// The groups, each a list of normalised members.
    public private(set) var groups: [[String]]

    /// Creates a table from groups of members.
    public init(groups: [[String]]) {
        self.groups = groups.map { $0.map(SynonymTable.normalise).filter { !$0.isEmpty } }.filter { $0.count >= 2 }
    }

    /// Parses the file format: one group per line, members separated by spaces, `,` `，` `、` or `=`; `#` comments.
    public init(text: String) {
        var groups: [[String]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let members = trimmed.split(whereSeparator: { " \t,，、=".contains($0) }).map(String.init)
            groups.append(members)
        }
        self.init(groups: groups)
    }

    /// The table that ships with Duijie (Resources/synonyms.txt), or `DUIJIE_SYNONYMS` when set.
    public static func standard() throws(MatchingError) -> SynonymTable {
        if let path = ProcessInfo.processInfo.environment["DUIJIE_SYNONYMS"], !path.isEmpty {
            return try load(path)
        }
        guard let url = Bundle.module.url(forResource: "synonyms", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return SynonymTable(groups: []) }
        return SynonymTable(text: text)
    }

    /// Reads a table from a file.
    public static func load(_ path: String) throws(MatchingError) -> SynonymTable {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .unreadableSynonyms(path: path)
        }
        return SynonymTable(text: text)
    }

    /// This table with `other`'s groups added; a group sharing a member with an existing one is merged into it.
    public func merging(_ other: SynonymTable) -> SynonymTable {
        var merged = groups
        for group in other.groups {
            if let index = merged.firstIndex(where: { !Set($0).isDisjoint(with: group) }) {
                merged[index] = Array(Set(merged[index]).union(group)).sorted()
            } else {
                merged.append(group)
            }
        }
        return SynonymTable(groups: merged)
    }

    /// The indices of the groups with a member in `normalisedText` (Latin members must stand as whole words).
    func groups(in normalisedText: String) -> [Int] {
        var found: [Int] = []
        for (index, members) in groups.enumerated() where members.contains(where: { SynonymTable.occurs($0, in: normalisedText) })
        {
            found.append(index)
        }
        return found
    }

    static func normalise(_ text: String) -> String { Tokenizer.normalise(text).filter { !$0.isWhitespace } }

    /// Whether `member` occurs in `text`; a member ending or starting in a Latin letter must not touch another one.
    static func occurs(_ member: String, in text: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: member, range: searchStart..<text.endIndex) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            let latinStart = member.first.map { $0.isASCII && $0.isLetter } ?? false
            let latinEnd = member.last.map { $0.isASCII && $0.isLetter } ?? false
            let clashBefore = latinStart && before.isASCII && before.isLetter
            let clashAfter = latinEnd && after.isASCII && after.isLetter
            if !clashBefore && !clashAfter { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
