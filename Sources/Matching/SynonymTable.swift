import DuijieCore
import Foundation

/// Groups of terms that mean the same thing but share no characters (数控 ↔ CNC), read from a data file.
///
/// A text containing any member of a group gets one extra token for the group, so 3D打印 in a demand meets
/// 增材制造 in a team's directions.
public struct SynonymTable: Sendable {
    /// The groups, each a list of normalised members.
    public private(set) var groups: [[String]]
    /// The same members as UTF-8 bytes, for searching.
    private let memberBytes: [[[UInt8]]]

    /// Creates a table from groups of members.
    public init(groups: [[String]]) {
        let normalised = groups.map { $0.map(SynonymTable.normalise).filter { !$0.isEmpty } }.filter { $0.count >= 2 }
        self.groups = normalised
        memberBytes = normalised.map { $0.map { Array($0.utf8) } }
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
    func groups(in normalisedText: String) -> [Int] { groups(inBytes: Array(normalisedText.utf8)) }

    /// The same, over the normalised text's UTF-8 bytes.
    func groups(inBytes bytes: [UInt8]) -> [Int] {
        var found: [Int] = []
        bytes.withUnsafeBufferPointer { haystack in
            for (index, members) in memberBytes.enumerated()
            where members.contains(where: { SynonymTable.occurs($0, in: haystack) }) {
                found.append(index)
            }
        }
        return found
    }

    /// The UTF-8 bytes of `text` half-width, ASCII lower-cased and without spaces: what members are compared with.
    static func normalisedBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let half = TextNormalizer.halfWidth(text)
        out.reserveCapacity(half.utf8.count)
        var previous: UInt8 = 0
        for byte in half.utf8 {
            switch byte {
            case 0x09...0x0D, 0x20: break
            case 0x41...0x5A: out.append(byte + 0x20)
            case 0xA0 where previous == 0xC2: out.removeLast()  // NBSP
            default: out.append(byte)
            }
            previous = byte
        }
        return out
    }

    static func normalise(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in Tokenizer.normalise(text).unicodeScalars where !TextNormalizer.isSpace(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    /// Whether `member` occurs in `text`, compared as UTF-8 bytes; a member starting or ending in a Latin letter
    /// must not touch another Latin letter (so PLC is not found in plcx).
    static func occurs(_ member: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = member.first, let base = text.baseAddress, member.count <= text.count else { return false }
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) }
        let latinStart = isLetter(first)
        let latinEnd = isLetter(member[member.count - 1])
        var offset = 0
        while offset + member.count <= text.count {
            guard let hit = memchr(base + offset, Int32(first), text.count - offset - member.count + 1) else { return false }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, member, member.count) != 0 {
                offset = at + 1
                continue
            }
            let clashBefore = latinStart && at > 0 && isLetter(text[at - 1])
            let clashAfter = latinEnd && at + member.count < text.count && isLetter(text[at + member.count])
            if !clashBefore && !clashAfter { return true }
            offset = at + 1
        }
        return false
    }
}
