/// The words deals sheets write for stages, agreement types and registration statuses, and category names.
///
/// These run on sample cells of every column while a sheet's columns are decided, so the word lists are sets made
/// once and substrings are found by bytes.
public enum DealWords {
    static let notRegistered: Set<String> = ["未登记", "未认定", "未认定登记", "待登记", "待认定", "未办理", "否", "没有", "尚未登记", "登记中", "在办"]
    static let registered: Set<String> = [
        "已认定登记", "已登记", "已认定", "认定登记", "已办理登记", "已完成登记", "已完成认定登记", "是", "登记", "已办理",
    ]
    static let intentionTypes: Set<String> = [
        "意向", "意向协议", "意向书", "合作意向", "意向合同", "框架协议", "合作协议意向", "意向签约", "战略合作协议", "合作意向书",
    ]
    static let contractTypes: Set<String> = [
        "合同", "技术合同", "正式合同", "合同签约", "签约合同", "技术开发合同", "技术转让合同", "技术服务合同", "技术咨询合同", "技术许可合同",
    ]
    static let signedWords: Set<String> = [
        "签约", "已签约", "签订", "已签订", "合同签订", "签订合同", "已签订合同", "已签合同", "已签署", "签署合同", "已签署合同", "正式签约", "合同",
        "signed",
    ]
    static let voidWords = ["作废", "终止", "撤销", "取消", "解除", "void"]

    /// A registration status: true for registered (已认定登记, 已登记, 是), false for not (未登记, 否, 待登记).
    public static func registrationStatus(_ text: String) -> Bool? {
        let t = TextNormalizer.key(text)
        if notRegistered.contains(t) { return false }
        if registered.contains(t) { return true }
        return nil
    }

    /// An agreement type: true for a contract (合同, 技术合同, 正式合同), false for an intention (意向协议, 框架协议).
    public static func agreement(_ text: String) -> Bool? {
        let t = TextNormalizer.key(text)
        if intentionTypes.contains(t) { return false }
        if contractTypes.contains(t) { return true }
        return nil
    }

    /// A stage in words, as sheets write it (containment of the words that decide, not an exact list).
    public static func stage(_ text: String) -> DealStage? {
        let t = TextNormalizer.key(text)
        if t.isEmpty || t.utf8.count > 60 { return nil }
        if let stage = DealStage(rawValue: t) { return stage }
        if voidWords.contains(where: { contains(t, $0) }) { return .voided }
        if contains(t, "未登记") || contains(t, "未认定") { return contains(t, "意向") ? .intention : .signed }
        if contains(t, "认定登记") || contains(t, "已登记") || contains(t, "已认定") || t == "登记" || t == "认定" || t == "registered" {
            return .registered
        }
        if contains(t, "意向") { return .intention }
        if signedWords.contains(t) || (contains(t, "合同") && (contains(t, "签") || contains(t, "订"))) { return .signed }
        return nil
    }

    /// The five category names a written category starts with (`技术开发（委托开发）` → 技术开发), or nil.
    public static func categoryBase(_ text: String) -> String? {
        let t = TextNormalizer.halfWidth(TextNormalizer.collapsedWhitespace(text))
        for base in ["技术开发", "技术转让", "技术许可", "技术咨询", "技术服务"] where TextNormalizer.hasBytePrefix(t, base) { return base }
        for (short, base) in [("开发", "技术开发"), ("转让", "技术转让"), ("许可", "技术许可"), ("咨询", "技术咨询"), ("服务", "技术服务")]
        where t == short || t == short + "合同" {
            return base
        }
        return nil
    }

    /// Whether `text` holds `word`, comparing UTF-8 bytes.
    static func contains(_ text: String, _ word: String) -> Bool {
        let haystack = Array(text.utf8)
        let needle = Array(word.utf8)
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
