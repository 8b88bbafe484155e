/// The fields a demand sheet can carry.
public enum DemandField: String, CaseIterable, Sendable {
    case ref, enterprise, county, field, title, description, goals, cooperationMode, budget, contact, phone, deadline, partner
}

/// The fields a solver (research team) sheet can carry.
public enum SolverField: String, CaseIterable, Sendable {
    case ref, name, institution, region, directions, achievements, contact, phone
}

/// The one table of header names Duijie recognises, Chinese and English; docs/formats.md prints it.
///
/// Headers are compared after removing spaces, punctuation, a leading `*` and a unit in brackets, and
/// after folding full-width letters and case. An exact match wins; otherwise the longest synonym the
/// header contains (so `企业名称（盖章）` is the enterprise).
public enum HeaderSynonyms {
    /// Demand-sheet synonyms, by field.
    public static let demand: [(DemandField, [String])] = [
        (.ref, ["需求编号", "编号", "需求代码", "项目编号", "需求id", "ref", "id", "code", "demandid", "demandno"]),
        (
            .enterprise,
            [
                "企业名称", "单位名称", "需求单位", "需求企业", "需求单位名称", "需求企业名称", "企业", "公司名称", "申报单位",
                "提出单位", "需求方", "enterprise", "company", "companyname",
            ]
        ),
        (
            .county,
            [
                "县市区", "所属县市区", "所属县", "县别", "县区", "县市", "所在县区", "所在县市区", "所属县区", "地区", "所在地区", "区域", "属地", "所属地区",
                "county", "district", "region",
            ]
        ),
        (.field, ["所属领域", "技术领域", "领域", "行业", "所属行业", "产业领域", "行业领域", "需求领域", "field", "industry", "sector"]),
        (
            .title,
            [
                "需求名称", "项目名称", "需求题目", "技术需求名称", "需求标题", "技术难题名称", "技术需求", "难题名称", "需求项目名称", "title",
                "demandtitle",
            ]
        ),
        (
            .description,
            [
                "需求描述", "需求内容", "需求简介", "技术需求描述", "需求详情", "主要内容", "需求说明", "存在问题", "技术难题描述", "需求概述",
                "具体需求", "description", "details",
            ]
        ),
        (.goals, ["预期目标", "预期效果", "目标", "技术指标", "拟达到的目标", "预期指标", "主要指标", "预期成果", "goals", "targets"]),
        (.cooperationMode, ["合作方式", "合作模式", "拟合作方式", "对接方式", "合作形式", "cooperation", "cooperationmode", "mode"]),
        (
            .budget,
            [
                "预计投入", "拟投入资金", "投入资金", "预算", "拟投资金额", "意向投入", "计划投入", "资金投入", "投资额度", "拟投入",
                "预计投入资金", "投入金额", "拟投入金额", "研发投入", "budget", "investment",
            ]
        ),
        (.contact, ["联系人", "联系人姓名", "企业联系人", "负责人", "contact", "contactperson"]),
        (.phone, ["联系电话", "电话", "手机", "联系方式", "手机号", "手机号码", "联系人电话", "phone", "tel", "mobile"]),
        (
            .deadline,
            [
                "截止日期", "完成时限", "截止时间", "需求时限", "期望完成时间", "完成时间", "要求完成时间", "时限", "deadline", "duedate",
            ]
        ),
        (.partner, ["现有合作单位", "已有合作单位", "合作单位", "现合作单位", "合作高校", "合作伙伴", "partner", "existingpartner"]),
    ]

    /// Solver-sheet synonyms, by field.
    public static let solver: [(SolverField, [String])] = [
        (.ref, ["团队编号", "编号", "专家编号", "成果编号", "teamid", "ref", "id", "code"]),
        (
            .name,
            [
                "团队名称", "团队名", "团队", "科研团队", "创新团队", "研发团队", "专家团队", "团队专家名称", "名称", "team", "teamname", "name",
            ]
        ),
        (
            .institution,
            [
                "依托单位", "所在单位", "单位名称", "工作单位", "单位", "院校", "高校院所", "机构名称", "依托机构", "所属单位",
                "institution", "affiliation", "organization",
            ]
        ),
        (.region, ["所在地区", "地区", "所在地", "省份", "所在省市", "所在城市", "区域", "region", "province", "city"]),
        (
            .directions,
            [
                "研究方向", "主要研究方向", "技术方向", "擅长领域", "专业领域", "研究领域", "技术领域", "主攻方向", "directions",
                "research", "researchdirections",
            ]
        ),
        (
            .achievements,
            [
                "代表性成果", "主要成果", "科研成果", "代表成果", "技术成果", "成果简介", "成果", "代表性成果简介", "achievements",
                "results",
            ]
        ),
        (.contact, ["联系人", "负责人", "团队负责人", "带头人", "首席专家", "团队带头人", "contact", "leader"]),
        (.phone, ["联系电话", "电话", "手机", "联系方式", "手机号", "phone", "tel", "mobile"]),
    ]
}
