import DuijieCore
import Sheets

/// Why a row was skipped rather than imported or rejected.
public enum SkipReason: String, Sendable, CaseIterable, Codable {
    /// Nothing in it, or only a running number (a template's pre-numbered empty row).
    case blank
    /// A totals row: 合计, 总计, 小计.
    case total
    /// The header repeated further down (sheets pasted together), or the header of a new block.
    case repeatedHeader
    /// A note under or between the rows: 注：…, 备注：…, or one long cell.
    case note
    /// A sign-off line: 填表人：… 审核人：… 填报日期：…
    case signoff
    /// A section heading between blocks: 一、省内高校院所.
    case section
}

/// The shared row words of `common.txt`, normalised once (a class, so the hot path passes one reference, not the
/// tables).
final class RowWords: Sendable {
    let totals: [String]
    let notes: [String]
    let signoff: [String]
    let none: Set<String>
    let conflict: Set<String>
    let genericSheet: [String]
    let institutionSuffixes: [String]

    static let shared = RowWords(Vocabulary.common)

    /// The first characters of the total words and the none words, so most cells are ruled out by one look-up.
    /// (A few scalars: a linear scan is cheaper than hashing.)
    let totalStarts: [Unicode.Scalar]
    let noneStarts: [Unicode.Scalar]

    init(_ vocabulary: Vocabulary) {
        func keys(_ field: String) -> [String] {
            vocabulary.names(of: field).map { TextNormalizer.key(TextNormalizer.halfWidth($0)) }.filter { !$0.isEmpty }
        }
        totals = keys("@total")
        notes = keys("@note")
        signoff = keys("@signoff").sorted { $0.count > $1.count }
        none = Set(vocabulary.names(of: "@none").map { TextNormalizer.halfWidth($0) })
        conflict = Set(keys("@conflict"))
        genericSheet = keys("@generic-sheet")
        institutionSuffixes = keys("@institution-suffix")
        totalStarts = Array(Set(totals.compactMap(\.unicodeScalars.first)))
        noneStarts = Array(Set(none.compactMap(\.unicodeScalars.first) + none.compactMap { TextNormalizer.fullWidthFirst($0) }))
    }

    /// Whether a folded cell text means "nothing" (`无`, `-`, `/`).
    func isNone(_ text: String) -> Bool {
        guard text.utf8.count <= 12, let first = text.unicodeScalars.first, noneStarts.contains(first) else { return false }
        return none.contains(TextNormalizer.halfWidth(text))
    }

    /// Whether a cell says the judge does not score this team (`回避`).
    func isConflictMark(_ text: String) -> Bool { conflict.contains(TextNormalizer.key(text)) }
}

/// Recognises rows that are not data. Runs on every row, so it looks only at what it must.
enum RowClassifier {
    static func skipReason<Field>(_ row: SheetRow, header: HeaderMap<Field>, words: RowWords = .shared) -> SkipReason? {
        var filled = 0
        var firstColumn = -1
        var same = 0
        var onlySerial = true
        var colonCells = 0
        for (index, cell) in row.cells.enumerated() where !cell.isBlank {
            filled += 1
            if filled == 1 { firstColumn = index }
            if onlySerial, !header.serialColumns.contains(index) || !isRunningNumber(cell) { onlySerial = false }
            guard case .text(let raw) = cell else { continue }
            // Totals sit in the first filled cells and are short: 合计, 合 计, 总计：, 合计：共8个团队
            if filled <= 3, raw.utf8.count <= 48, let first = raw.unicodeScalars.first(where: { !TextNormalizer.isSpace($0) }),
                words.totalStarts.contains(first), isTotal(raw, words)
            {
                return .total
            }
            if index < header.headers.count, !header.headers[index].isEmpty, raw.utf8.count == header.headers[index].utf8.count,
                raw.utf8.elementsEqual(header.headers[index].utf8)
            {
                same += 1
            }
        }
        // Sign-off lines and one-cell labels are short rows: only they are searched for colons.
        if filled <= 8 {
            for cell in row.cells { if case .text(let raw) = cell, hasColon(raw) { colonCells += 1 } }
        }
        if filled == 0 || onlySerial { return .blank }
        if same >= 2 && same * 2 >= filled { return .repeatedHeader }
        if filled == 1 {
            let only = TextNormalizer.collapsedWhitespace(row[firstColumn].text)
            if isSection(only) { return .section }
            let key = TextNormalizer.key(only)
            if words.notes.contains(where: { TextNormalizer.hasBytePrefix(key, $0) && startsAsLabel(only, $0) }) { return .note }
            if colonCells == 1, isSignoff(row, words) { return .signoff }
            // One cell outside the columns that hold fields: a heading or a note, never a record.
            if !header.isMapped(firstColumn) {
                if case .number = row[firstColumn] { return .blank }
                return only.unicodeScalars.count <= 30 ? .section : .note
            }
            return nil
        }
        if colonCells > 0 || (filled <= 6 && isSignoffLabel(TextNormalizer.key(row[firstColumn].text), words)),
            isSignoff(row, words)
        {
            return .signoff
        }
        return nil
    }

    /// Whether `text` holds `:` or `：`, by bytes.
    static func hasColon(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == 0x3A || (byte == 0x9A && previous == (0xEF, 0xBC)) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    /// A running number: `12`, `12.`, `(12)`, `一`.
    static func isRunningNumber(_ cell: CellValue) -> Bool {
        switch cell {
        case .number: return true
        case .text(let text):
            let digits = TextNormalizer.halfWidth(text).filter { !"()（）.、 ".contains($0) }
            return !digits.isEmpty && digits.count <= 6 && digits.allSatisfy { $0.isASCII && $0.isNumber }
        default: return false
        }
    }

    /// 合计, 合 计, 总计：, 合计：共8个团队 (short, or a total word followed by a colon).
    static func isTotal(_ raw: String, _ words: RowWords) -> Bool {
        let compact = String(TextNormalizer.halfWidth(raw).unicodeScalars.filter { !TextNormalizer.isSpace($0) })
        for word in words.totals where TextNormalizer.hasBytePrefix(compact, word) {
            let rest = compact.dropFirst(word.count)
            if rest.isEmpty || rest.first == ":" || compact.unicodeScalars.count <= 8 { return true }
        }
        return false
    }

    /// Whether `text` begins with `word` as a label (`注：…`, `注1.…`, `备注…`, `说明…`), not as part of a longer word.
    static func startsAsLabel(_ text: String, _ word: String) -> Bool {
        if word.unicodeScalars.count >= 2 { return true }
        let folded = TextNormalizer.halfWidth(text).drop { $0 == " " || $0 == "*" }
        guard folded.hasPrefix(word) else { return false }
        let rest = folded.dropFirst(word.count).drop { $0 == " " }
        return rest.first.map { ":.、".contains($0) || $0.isNumber } ?? true
    }

    /// A heading between blocks: `一、省内高校院所`, `（二）省外`, `第三部分`, `二. 企业`.
    static func isSection(_ text: String) -> Bool {
        let folded = TextNormalizer.halfWidth(text)
        guard folded.unicodeScalars.count <= 40 else { return false }
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        var rest = Substring(folded)
        if rest.first == "(" {
            rest = rest.dropFirst()
            let count = rest.prefix { numerals.contains($0) }.count
            return count > 0 && rest.dropFirst(count).first == ")"
        }
        if rest.first == "第" {
            let count = rest.dropFirst().prefix { numerals.contains($0) || $0.isNumber }.count
            guard count > 0, let unit = rest.dropFirst(1 + count).first else { return false }
            return "部分组批类章节片".contains(unit)
        }
        let count = rest.prefix { numerals.contains($0) }.count
        guard count > 0, let next = rest.dropFirst(count).first else { return false }
        return "、.．".contains(next)
    }

    /// A sign-off line: every filled cell is `标签：值` with a sign-off label (or a bare label followed by its value).
    static func isSignoff(_ row: SheetRow, _ words: RowWords) -> Bool {
        var labels = 0
        var expectValue = false
        for cell in row.cells where !cell.isBlank {
            let text = TextNormalizer.halfWidth(TextNormalizer.collapsedWhitespace(cell.text))
            if let colon = text.firstIndex(where: { $0 == ":" }) {
                let label = TextNormalizer.key(String(text[..<colon]))
                guard isSignoffLabel(label, words) else { return false }
                labels += 1
                // `经办人：` with its value in the next cell.
                expectValue = text[text.index(after: colon)...].allSatisfy { $0 == " " }
            } else if isSignoffLabel(TextNormalizer.key(text), words) {
                labels += 1
                expectValue = true
            } else if expectValue {
                expectValue = false
            } else {
                return false
            }
        }
        return labels > 0
    }

    /// A sign-off label: one of the vocabulary's (填表人, 审核人, 填报日期 …) or one starting with it (填表人签字), or a
    /// short label of the same shape — a role ending in 人 (经办人, 统计人), a date or a time (报送日期, 填报时间).
    static func isSignoffLabel(_ key: String, _ words: RowWords) -> Bool {
        let length = key.unicodeScalars.count
        guard length > 0, length <= 12 else { return false }
        if words.signoff.contains(where: {
            key == $0 || (TextNormalizer.hasBytePrefix(key, $0) && length <= $0.unicodeScalars.count + 4)
        }) {
            return true
        }
        guard length <= 6, key.unicodeScalars.allSatisfy({ $0.value >= 0x4E00 && $0.value <= 0x9FFF }) else { return false }
        return key.hasSuffix("人") || key.hasSuffix("日期") || key.hasSuffix("时间") || key.hasSuffix("签字") || key.hasSuffix("签名")
    }
}
