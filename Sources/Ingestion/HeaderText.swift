import DuijieCore

/// A header cell read the way a person reads it: the name, and the remarks in brackets apart from it — a money unit
/// (`（万元）`), a maximum (`（30分）`), or a plain remark (`（盖章）`, `（技术方）`) — so a remark never becomes
/// part of the name.
public struct HeaderText: Sendable, Equatable {
    /// The header as written, whitespace folded (`联系人·联系电话` for a two-row header).
    public var display: String
    /// The name compared against the vocabulary: no remarks, no `*`, no `其中：`, normalised.
    public var key: String
    /// Other keys to try, weaker: the text with its brackets' content kept (`所属县（市、区）` → 所属县市区), and for a
    /// group header the sub-header alone (`联系人·联系电话` → 联系电话).
    public var alternatives: [String]
    /// A money unit the header states.
    public var unit: MoneyUnit?
    /// A maximum the header states, in tenths of a point (`技术先进性（30分）` → 300).
    public var maxTenths: Int?
    /// The remarks, as written.
    public var remarks: [String]

    /// Reads one header cell's text.
    public init(_ raw: String) {
        display = TextNormalizer.collapsedWhitespace(raw)
        var text = TextNormalizer.halfWidth(display)
        var remarks: [String] = []
        var outside = ""
        var inside = ""
        var depth = 0
        for character in text {
            if "(【[〔<《".contains(character) {
                depth += 1
                if depth == 1 { inside = "" } else { inside.append(character) }
            } else if ")】]〕>》".contains(character) {
                if depth == 1 { remarks.append(inside) } else if depth > 1 { inside.append(character) }
                depth = max(0, depth - 1)
            } else if depth == 0 {
                outside.append(character)
            } else {
                inside.append(character)
            }
        }
        if depth > 0 { remarks.append(inside) }
        var unit: MoneyUnit?
        var maxTenths: Int?
        var plain: [String] = []
        for remark in remarks {
            if let found = HeaderText.unit(in: remark) {
                unit = unit ?? found
            } else if let found = HeaderText.points(in: remark) {
                maxTenths = maxTenths ?? found
            } else {
                plain.append(remark)
            }
        }
        remarks = plain
        // A unit written without brackets: 金额万元, 预计投入（单位：万元） was handled above.
        if unit == nil, let found = HeaderText.trailingUnit(outside) {
            unit = found.unit
            outside = found.rest
        }
        text = outside.trimmingCharacters(in: " *:：")
        for prefix in ["其中:", "其中：", "其中", "注:"] where text.hasPrefix(prefix) && text.count > prefix.count + 1 {
            text = String(text.dropFirst(prefix.count))
            break
        }
        key = TextNormalizer.key(text)
        let whole = TextNormalizer.key(TextNormalizer.halfWidth(display).filter { $0 != "*" })
        alternatives = whole != key && !whole.isEmpty ? [whole] : []
        self.unit = unit
        self.maxTenths = maxTenths
        self.remarks = remarks.map { TextNormalizer.collapsedWhitespace($0) }.filter { !$0.isEmpty }
    }

    /// A two-row header: the group above (`联系人`) and the sub-header below (`联系电话`), shown `联系人·联系电话`.
    public init(group: String, sub: String) {
        let top = HeaderText(group)
        let below = HeaderText(sub)
        display = top.display + "·" + below.display
        key = top.key + below.key
        alternatives = [below.key] + below.alternatives
        unit = below.unit ?? top.unit
        maxTenths = below.maxTenths ?? top.maxTenths
        remarks = top.remarks + below.remarks
    }

    /// Whether the header holds no name.
    public var isEmpty: Bool { key.isEmpty && alternatives.allSatisfy(\.isEmpty) }

    /// The unit a remark names: `万元`, `单位：万元`, `元`, `亿元`, `万`.
    static func unit(in remark: String) -> MoneyUnit? {
        let text = remark.filter { !$0.isWhitespace }
        let body = text.hasPrefix("单位:") || text.hasPrefix("单位：") ? String(text.dropFirst(3)) : text
        switch body {
        case "亿元", "亿", "亿人民币": return .yi
        case "万元", "万", "万人民币", "万元人民币": return .wan
        case "元", "人民币元", "元人民币", "人民币", "rmb", "RMB", "¥", "￥": return .yuan
        default: return nil
        }
    }

    /// A unit at the end of a header outside brackets (`成交额万元`), with the rest of the name.
    static func trailingUnit(_ text: String) -> (unit: MoneyUnit, rest: String)? {
        for (suffix, unit) in [("亿元", MoneyUnit.yi), ("万元", .wan)] where text.hasSuffix(suffix) && text.count > suffix.count + 1 {
            return (unit, String(text.dropLast(suffix.count)))
        }
        return nil
    }

    /// A maximum in points: `30分`, `满分30`, `满分30分`, `0-30分`, `30`.
    static func points(in remark: String) -> Int? {
        var text = remark.filter { !$0.isWhitespace }
        if text.hasPrefix("满分") { text.removeFirst(2) }
        if let dash = text.lastIndex(where: { $0 == "-" || $0 == "~" || $0 == "—" }) {
            text = String(text[text.index(after: dash)...])
        }
        if text.hasSuffix("分") { text.removeLast() } else if !remark.contains("分") { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts[0].count <= 4, parts.count == 1 || parts[1].count == 1, let whole = Int(parts[0])
        else { return nil }
        let tenths = whole * 10 + (parts.count == 2 ? Int(parts[1])! : 0)
        return tenths > 0 ? tenths : nil
    }
}

extension String {
    /// Trims any of `characters` from both ends.
    func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
