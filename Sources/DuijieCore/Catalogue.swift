/// A message a person reads, kept as a key and its arguments until it is shown, so every surface (pages, JSON, the
/// command line) can say it in the reader's language from one catalogue.
public struct Message: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The catalogue key.
    public let key: String
    /// The values put into the sentence, in order (`{0}`, `{1}`, …).
    public let args: [String]

    /// A message by key.
    public init(_ key: String, _ args: String...) {
        self.key = key
        self.args = args
    }

    /// The English sentence (what logs, JSON `reason` fields and older scripts read).
    public var description: String { Catalogue.text(self, .english) }
    /// The sentence in Chinese.
    public var chinese: String { Catalogue.text(self, .chinese) }

    /// The sentence in `language`.
    public func text(_ language: Language) -> String { Catalogue.text(self, language) }
}

/// The two languages every message exists in.
public enum Language: String, Sendable, Codable, CaseIterable {
    /// 中文, the default.
    case chinese = "zh"
    /// English.
    case english = "en"

    /// The language a locale name asks for (`zh_CN.UTF-8` → Chinese, `en_US` or `C` → English), or nil.
    public init?(locale: String) {
        let lowered = locale.lowercased()
        if lowered.hasPrefix("zh") {
            self = .chinese
        } else if lowered.hasPrefix("en") || lowered == "c" || lowered.hasPrefix("c.") || lowered == "posix" {
            self = .english
        } else {
            return nil
        }
    }

    /// The language of a command-line run: `--lang`, else `LC_ALL`, `LC_MESSAGES`, `LANG` (the first set), else Chinese.
    public static func of(flag: String?, environment: [String: String]) -> Language {
        if let flag, let chosen = Language(locale: flag) { return chosen }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return Language(locale: value) ?? .chinese }
        }
        return .chinese
    }
}

/// Every sentence by key, in Chinese and English: the one place the words live. Hand-written: the texts are
/// short and few enough for a table in code; a key missing here shows itself as the key.
public enum Catalogue {
    static let entries: [String: (zh: String, en: String)] = [
        // A text kept as it was written or stored (an older log entry's reason).
        "text": ("{0}", "{0}"),
        // Values in sheets.
        "amount.unreadable": ("无法把“{0}”读成金额", "cannot read '{0}' as an amount"),
        "amount.range": ("“{0}”是一个区间而不是一个金额；请写一个数或“面议”", "'{0}' is a range, not one amount; write a single figure or 面议"),
        "amount.negative": ("“{0}”是负数", "'{0}' is negative"),
        "amount.too_large": (
            "“{0}”超过 1万亿元（{1} 元），没有哪项需求或合同有这么大；请检查单位",
            "'{0}' is more than 1万亿元 ({1} 元), which no demand or contract is; check the unit"
        ),
        "amount.out_of_range": ("“{0}”的位数超过任何金额能精确表示的范围", "'{0}' has more digits than any amount can hold exactly"),
        "date.unreadable": (
            "无法把“{0}”读成日期（请写 2021-06-30、2021/6/30 或 2021年6月30日）",
            "cannot read '{0}' as a date (use 2021-06-30, 2021/6/30 or 2021年6月30日)"
        ),
        // Rows refused on import.
        "row.no_title": ("该需求没有名称（{0}）", "the demand has no title ({0})"),
        "row.no_enterprise": ("该需求没有写企业（企业名称）", "the demand names no enterprise (企业名称)"),
        "row.no_enterprise_column": ("表格没有企业名称列（企业名称）", "the sheet has no enterprise column (企业名称)"),
        "row.no_team_name": ("该团队没有名称（{0}）", "the team has no name ({0})"),
        "row.deal_no_enterprise": ("该成交记录没有写企业（企业名称）", "the deal names no enterprise (企业名称)"),
        "row.deal_no_solver": ("该成交记录没有写科研团队或单位（合作单位）", "the deal names no research team or institution (合作单位)"),
        "row.unknown_stage": ("未知的阶段“{0}”（意向、签约、已认定登记、作废）", "unknown stage '{0}' (意向, 签约, 已认定登记, 作废)"),
        "row.unknown_agreement": ("未知的协议类型“{0}”（合同、意向协议）", "unknown agreement type '{0}' (合同, 意向协议)"),
        "row.unknown_registration": ("未知的登记状态“{0}”（已认定登记、未登记）", "unknown registration status '{0}' (已认定登记, 未登记)"),
        "row.registration_contradicts": (
            "登记状态写“未登记”，但阶段写“已认定登记”", "the registration status says 未登记 but the stage says 已认定登记"
        ),
        "row.intention_registered": ("意向协议不能认定登记（已认定登记）", "an intention agreement (意向协议) cannot be registered (已认定登记)"),
        "row.unregistered_with_number": (
            "登记状态写“未登记”，却填了登记号“{0}”", "the registration status says 未登记 but registration number '{0}' is given"
        ),
        // Deals against the registry's rules.
        "deal.number_in_use": ("登记号“{0}”已被另一项成交使用", "registration number '{0}' is already used by another deal"),
        "deal.unknown_category": ("{1} 规则下没有合同类别“{0}”（{2}）", "unknown contract category '{0}' under the {1} rules ({2})"),
        "deal.negative": ("金额为负数", "a negative amount"),
        "deal.tech_above_amount": ("技术交易额 {0}万元 超过合同金额 {1}万元", "技术交易额 {0}万元 is above the contract amount {1}万元"),
        "deal.registered_no_number": ("已认定登记但没有登记号", "已认定登记 but no registration number"),
        "deal.signed_no_amount": ("已签约的合同须填写合同金额（合同金额）", "a signed contract needs its amount (合同金额)"),
        "deal.stage_back": ("成交阶段不能从“{2}”退回“{3}”", "a deal cannot move from {0} back to {1}"),
        "row.no_judge": ("该行没有写评委（评委）", "the row names no judge (评委)"),
        "row.no_team": ("该行没有写团队（{0}）", "the row names no team ({0})"),
        // The assignment's shortfalls.
        "assign.too_few_candidates": (
            "需求 {0} 需要 {1} 个团队，但只有 {2} 个无回避冲突的团队有非零得分",
            "demand {0} needs {1} team(s) but only {2} unconflicted team(s) have a non-zero score"
        ),
        "assign.too_few_institutions": (
            "需求 {0} 需要 {1} 个来自不同单位的团队，但候选团队只来自 {2} 个单位",
            "demand {0} needs {1} team(s) from different institutions but its candidates come from only {2} institution(s)"
        ),
        "assign.capacity": (
            "需求 {0} 需要 {1} 个团队，只分到 {2} 个：其他候选团队已各自承担 {3} 项需求（容量上限）",
            "demand {0} needs {1} team(s) and got {2}: its other candidates already take {3} demand(s) each (the capacity)"
        ),
        // Matching.
        "match.unreadable_synonyms": ("无法读取同义词文件“{0}”", "cannot read the synonym file '{0}'"),
        "match.nothing": (
            "没有可匹配的内容：库中有 {0} 项需求、{1} 个团队；请先导入两者",
            "nothing to match: {0} demand(s) and {1} team(s) in the store; import both first"
        ),
        "match.unknown_pair": ("{0} – {1} 中的需求或团队不在本次运行中", "the pair {0} – {1} names a demand or team not in this run"),
        // Files that cannot be imported (the English sentences are IngestionError.description).
        "ingest.no_header": (
            "{0}：前 30 行中找不到表头，也不是“标签：值”表单；看到的是 {1}；可识别的列名包括 {2}",
            "{0}: no header row found in the first 30 rows, and no label/value form; saw {1}; accepted names include {2}"
        ),
        "ingest.too_slow": (
            "{0}：读取 {1} 秒后停止（已读 {2} 行），没有导入任何内容——这么大的文件请在服务器上用 duijie import 导入",
            "{0}: reading stopped after {1} s ({2} rows read); nothing was imported"
        ),
        "ingest.too_many_rows": (
            "{0}：超过 {1} 行，超出上传的上限，没有导入任何内容——请拆分文件，或在服务器上用 duijie import 导入",
            "{0}: more than {1} rows, more than an upload accepts; nothing was imported"
        ),
        "ingest.value_out_of_range": ("{0}，“{1}”列：{2}；整个文件被拒绝，没有导入任何内容", "{0}, column '{1}': {2}; the file is refused whole"),
        "ingest.strict": ("{0}：有 {1} 行被拒绝；--strict 拒绝整个文件，没有导入任何内容", "{0}: {1} row(s) rejected; --strict refuses the whole file"),
        // The pages' own refusals.
        "page.no_demand": ("活动 {1} 中没有需求 {0}", "no demand {0} in event {1}"),
        "page.pin_action": ("操作只能是固定、移除或撤销", "action must be pin, drop or unpin"),
        "page.whole_numbers": ("每项需求的团队数和容量须为整数", "teams per demand and capacity must be whole numbers"),
        "page.which_judge": ("请指明评委（?judge=姓名）", "which judge? (?judge=NAME)"),
        "page.qr_failed": ("无法生成二维码", "cannot draw the QR code"),
        "page.method": ("汇总方法只能是平均分、去掉最高最低分或标准分（mean、trimmed、zscore）", "method must be mean, trimmed or zscore"),
        "page.run_number": ("运行编号须为数字", "run must be a number"),
        "page.group_needs_teams": ("请填写需求编号和至少一个团队", "give a demand and at least one team"),
        "page.signin_link": ("此登录链接不存在、已使用或已过期；请索取新的链接", "this sign-in link is unknown, used or expired; ask for a new one"),
        // Conflicts of interest (回避).
        "conflict.avoid": ("评委{0}须回避{1}（该团队的单位：{2}）", "judge {0} must avoid {1}, the institution of the team ({2})"),
        "conflict.works_at": ("评委{0}在{1}任职，即该团队的单位（{2}）", "judge {0} works at {1}, the institution of the team ({2})"),
        "conflict.marked": ("评分表上标为回避（{0}）：不计分", "marked 回避 on the sheet ({0}): no score"),
        // Scores that do not count.
        "void.removed": ("作废：已移出本组（{0}）", "void: removed from the group ({0})"),
        "void.not_in_group": ("作废：该团队不在本需求的路演分组中", "void: the team is not in this demand's group"),
        // Aggregation methods.
        "method.mean": ("平均分", "mean"),
        "method.trimmed": ("去掉最高分和最低分", "trimmed"),
        "method.zscore": ("标准分（z 分数）", "zscore"),
        "method.mean.rule": ("平均分：有效评委总分的算术平均", "mean: the plain average of the valid judges' totals"),
        "method.trimmed.rule": (
            "去掉最高分和最低分：有效评委不少于 5 位时，去掉一个最高分和一个最低分（并列时各去一个）后取平均，否则取平均分",
            "trimmed: one highest and one lowest total dropped (one copy each) when at least 5 valid judges scored the team, else the mean"
        ),
        "method.zscore.rule": (
            "标准分：每位评委的总分按其有效评分的平均分和总体标准差标准化；得分 = 全体有效总分的平均分 + 标准差 × 平均 z 分，按平均 z 分排名",
            "zscore: each judge's totals standardised (population SD over the teams they validly scored); score = M + SD × mean z over all valid totals; ranked by mean z"
        ),
        // Judging errors: {0} the place ("file, sheet, row" or empty), {1} the column, {2} the value.
        "judging.not_a_number": ("{0}“{1}”列：无法把“{2}”读成分数", "{0}column '{1}': cannot read '{2}' as points"),
        "judging.above_maximum": ("{0}“{1}”列：“{2}”超过满分 {3}", "{0}column '{1}': '{2}' is above the maximum {3}"),
        "judging.finer_than_step": (
            "{0}“{1}”列：“{2}”不符合本次分值步长 {3}", "{0}column '{1}': '{2}' is finer than the event's step of {3}"
        ),
        "judging.unknown_team": ("{0}“{1}”列：没有团队“{2}”（团队编号或团队名称）", "{0}column '{1}': no team '{2}' (团队编号 or team name)"),
        "judging.unknown_demand": ("{0}“{1}”列：没有需求“{2}”（需求编号或需求名称）", "{0}column '{1}': no demand '{2}' (需求编号 or title)"),
        "judging.not_on_panel": (
            "{0}“{1}”列：评委“{2}”不在评委名单中（请先导入评委名单，或用 --judges 一并导入）",
            "{0}column '{1}': judge '{2}' is not on the panel (import the judges file first, or with --judges)"
        ),
        "judging.missing_column": ("{0}表格没有“{1}”列", "{0}the sheet has no '{1}' column"),
        "judging.locked": (
            "{0}“{1}”列：评委“{2}”已提交评分表，修改需要填写原因",
            "{0}column '{1}': judge '{2}' already submitted this sheet; a correction needs a reason"
        ),
        "judging.not_assigned": (
            "{0}“{1}”列：评委“{2}”不评审这一组（见评委名单的“评审组”列）",
            "{0}column '{1}': judge '{2}' does not judge this group (see the judges file's 评审组 column)"
        ),
        "judging.not_in_group": (
            "{0}“{1}”列：团队“{2}”不在需求 {3} 的路演分组中（该组：{4}）；分组可能已调整，请刷新评分表",
            "{0}column '{1}': team '{2}' does not pitch in demand {3}'s group ({4}); reload the sheet, the groups may have changed"
        ),
        "judging.removes_scored": (
            "{0}此次调整会把已有评分的团队移出分组：{1}；请填写调整原因（其评分保留在记录中并标为作废）",
            "{0}the change removes {1} from the group although they have scores; give a reason (their scores then stay in the log, marked void)"
        ),
        "judging.detail": ("{0}“{1}”列：{2}", "{0}column '{1}': {2}"),
    ]

    /// The sentence of `message` in `language`, its `{n}` filled in; the key itself when the catalogue lacks it.
    public static func text(_ message: Message, _ language: Language) -> String {
        guard let entry = entries[message.key] else { return message.key }
        var text = language == .chinese ? entry.zh : entry.en
        for (index, value) in message.args.enumerated() {
            text = text.replacingAll("{\(index)}", with: value)
        }
        return text
    }

    /// Every key, for tests that check both languages are there.
    public static var keys: [String] { entries.keys.sorted() }
}

extension String {
    /// Replaces every `target` (no Foundation in this module).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.unicodeScalars)
        guard !pattern.isEmpty else { return self }
        let scalars = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if i + pattern.count <= scalars.count && Array(scalars[i..<(i + pattern.count)]) == pattern {
                out.append(contentsOf: replacement.unicodeScalars)
                i += pattern.count
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }
}
