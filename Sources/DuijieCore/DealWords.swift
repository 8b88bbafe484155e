/// The words deals sheets write for stages, agreement types and registration statuses, and category names.
public enum DealWords {
    /// A registration status: true for registered (已认定登记, 已登记, 是), false for not (未登记, 否, 待登记).
    public static func registrationStatus(_ text: String) -> Bool? {
        let t = TextNormalizer.key(text)
        if t.isEmpty { return nil }
        if ["未登记", "未认定", "未认定登记", "待登记", "待认定", "未办理", "否", "没有", "尚未登记", "登记中", "在办"].contains(t) { return false }
        if ["已认定登记", "已登记", "已认定", "认定登记", "已办理登记", "已完成登记", "已完成认定登记", "是", "登记", "已办理"].contains(t) { return true }
        return nil
    }

    /// An agreement type: true for a contract (合同, 技术合同, 正式合同), false for an intention (意向协议, 框架协议).
    public static func agreement(_ text: String) -> Bool? {
        let t = TextNormalizer.key(text)
        if t.isEmpty { return nil }
        if ["意向", "意向协议", "意向书", "合作意向", "意向合同", "框架协议", "合作协议意向", "意向签约", "战略合作协议", "合作意向书"].contains(t) {
            return false
        }
        if ["合同", "技术合同", "正式合同", "合同签约", "签约合同", "技术开发合同", "技术转让合同", "技术服务合同", "技术咨询合同", "技术许可合同"]
            .contains(t)
        {
            return true
        }
        return nil
    }

    /// A stage in words, as sheets write it (containment of the words that decide, not an exact list).
    public static func stage(_ text: String) -> DealStage? {
        let t = TextNormalizer.key(text)
        if t.isEmpty { return nil }
        if let stage = DealStage(rawValue: t) { return stage }
        if ["作废", "终止", "撤销", "取消", "解除", "void", "voided"].contains(where: { t.contains($0) }) { return .voided }
        if t.contains("未登记") || t.contains("未认定") {
            return t.contains("意向") ? .intention : .signed
        }
        if t.contains("认定登记") || t.contains("已登记") || t.contains("已认定") || ["登记", "认定", "registered"].contains(t) {
            return .registered
        }
        if t.contains("意向") { return .intention }
        if ["签约", "已签约", "签订", "已签订", "合同签订", "签订合同", "已签订合同", "已签合同", "已签署", "签署合同", "已签署合同", "正式签约",
            "合同", "signed"]
            .contains(t) || (t.contains("合同") && (t.contains("签") || t.contains("订")))
        {
            return .signed
        }
        return nil
    }

    /// The five category names a written category starts with (`技术开发（委托开发）` → 技术开发), or nil.
    public static func categoryBase(_ text: String) -> String? {
        let t = TextNormalizer.halfWidth(TextNormalizer.collapsedWhitespace(text))
        for base in ["技术开发", "技术转让", "技术许可", "技术咨询", "技术服务"] where t.hasPrefix(base) { return base }
        for (short, base) in [("开发", "技术开发"), ("转让", "技术转让"), ("许可", "技术许可"), ("咨询", "技术咨询"), ("服务", "技术服务")]
        where t == short || t == short + "合同" {
            return base
        }
        return nil
    }
}
