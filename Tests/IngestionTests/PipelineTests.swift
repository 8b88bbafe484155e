import DuijieCore
import Foundation
import Ingestion
import Sheets
import Testing

func n(_ value: String) -> CellValue { .number(value) }

/// The import pipeline, mechanism by mechanism, on sheets built in the test (laid out the way offices lay them out).
@Suite struct TableFindingTests {
    @Test func tableBelowTitleUnitAndReportingOfficeNotAtA1WithWrappedHeaders() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "Sheet1",
                [
                    [],
                    [.empty, .text("深州市企业技术需求统计表")],
                    [.empty, .text("填报单位（盖章）：深州市科技局"), .empty, .empty, .text("单位：元")],
                    [.empty] + t("序号", "企业\n名称", "需求\n名称", "拟投入\n资金", "联系\n电话"),
                    [.empty, n("1")] + t("深州市华丰果品有限公司", "气调保鲜") + [n("500000"), n("13831837766")],
                    [.empty, n("2")] + t("深州市东方农机制造有限公司", "喷雾机", "30万", "0318-3321567 "),
                ]
            ),
            ("Sheet2", []), ("Sheet3", []),
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.rejected.isEmpty)
        #expect(result.records.map(\.title) == ["气调保鲜", "喷雾机"])
        #expect(result.records[0].budget == .amount(Money(yuan: 500_000)))  // 单位：元 above the table
        #expect(result.records[1].budget == .amount(Money(yuan: 300_000)))  // 万 in the cell wins
        #expect(result.records[1].phone == "0318-3321567")
        let sheet = try #require(result.report.sheets.first)
        #expect(sheet.tableStart == "B4")
        #expect(sheet.headerRows == [4])
        #expect(sheet.columns.first { $0.field == "title" }?.header == "需求 名称")
    }

    @Test func twoRowHeaderKeepsEveryPhoneMergedDownOrNot() throws {
        // As Excel stores it once merged cells are filled down: 联系人 merged across 姓名/联系电话, the rest merged down.
        let filled = MemoryWorkbook(sheets: [
            (
                "需求汇总",
                [
                    t("2020年衡水市企业技术需求征集汇总表"),
                    t("序号", "企业名称", "需求名称", "联系人", "", "完成时限"),
                    t("序号", "企业名称", "需求名称", "姓名", "联系电话", "完成时限"),
                    [n("1")] + t("衡水精工汽车零部件有限公司", "缩孔缺陷控制", "周建国") + [n("13831856021"), .text("2021年6月")],
                ]
            )
        ])
        // As a CSV has it: nothing under the headers merged down.
        let sparse = MemoryWorkbook(sheets: [
            (
                nil,
                [
                    t("序号", "企业名称", "需求名称", "联系人", "", "完成时限"),
                    t("", "", "", "姓名", "联系电话", ""),
                    t("1", "衡水精工汽车零部件有限公司", "缩孔缺陷控制", "周建国", "13831856021", "2021年6月"),
                ]
            )
        ])
        for workbook in [filled, sparse] {
            let result = try collect(DemandSchema(), workbook)
            let demand = try #require(result.records.first)
            #expect(demand.contact == "周建国")
            #expect(demand.phone == "13831856021")
            #expect(demand.deadline == CivilDate(year: 2021, month: 6, day: 30))
            let sheet = try #require(result.report.sheets.first)
            #expect(sheet.columns.first { $0.field == "phone" }?.header == "联系人·联系电话")
            #expect(sheet.headerRows.count == 2)
        }
    }

    @Test func groupHeaderRowAboveTheFieldNamesIsJoined() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "需求",
                [
                    t("序号", "企业信息", "", "需求信息", "", "联系方式", ""),
                    t("序号", "企业名称", "所在县区", "需求名称", "需求描述", "联系人", "手机"),
                    t("1", "故城县鑫源纺织有限公司", "故城县", "涤纶再生", "难以回收", "马建军", "13230878866"),
                ]
            )
        ])
        let result = try collect(DemandSchema(), workbook)
        let demand = try #require(result.records.first)
        #expect(demand.enterprise == "故城县鑫源纺织有限公司")
        #expect(demand.phone == "13230878866")
        #expect(result.report.sheets.first?.headerRows == [1, 2])
        #expect(result.report.sheets.first?.columns.first { $0.field == "phone" }?.header == "联系方式·手机")
    }

    @Test func blocksPastedTogetherWithSectionRowsAndRepeatedHeaders() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                nil,
                [
                    t("2020年省内外科研团队对接意向汇总"),
                    t("序号", "单位名称", "团队名称", "研究方向"),
                    t("一、省内高校院所"),
                    t("1", "河北大学", "功能高分子材料团队", "高分子合成/功能涂层"),
                    t("二、省外高校院所"),
                    t("序号", "单位名称", "团队名称", "研究方向"),
                    t("1", "浙江大学", "过程装备与控制团队", "过程装备 / 压力容器"),
                    t("（三）其他"),
                    t("团队名称", "依托单位", "研究方向"),
                    t("绿色化工团队", "中国科学院过程工程研究所", "离子液体；清洁生产"),
                    t("合计：共3个团队"),
                ]
            )
        ])
        let result = try collect(SolverSchema(), workbook)
        #expect(result.rejected.isEmpty)
        #expect(result.records.map(\.name) == ["功能高分子材料团队", "过程装备与控制团队", "绿色化工团队"])
        #expect(result.records.map(\.institution) == ["河北大学", "浙江大学", "中国科学院过程工程研究所"])
        #expect(result.records[1].directions == ["过程装备", "压力容器"])
        let skipped = try #require(result.report.sheets.first).skipped
        #expect(skipped.map(\.why) == [.section, .section, .repeatedHeader, .section, .repeatedHeader, .total])
    }
}

@Suite struct RowsThatAreNotDataTests {
    @Test func totalsNotesSignoffLinesAndPreNumberedRowsAreSkippedNeverRejected() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "需求",
                [
                    t("序号", "企业名称", "需求名称", "拟投入资金", "备注"),
                    [n("1")] + t("甲公司", "需求一") + [n("50")],
                    [n("2"), .empty, .empty, .empty],
                    [.text("3.")],
                    t("小计", "", "", "50"),
                    t("合 计"),
                    t("备注：1.拟投入资金单位为万元；2.本表由各县市区科技局汇总后报送。"),
                    t("注1. 合作方式可填写技术开发、技术转让"),
                    t("说明"),
                    t("本表数据截至2020年8月底，由县科技局统一报送，如有疑问请与科技局联系，逾期不候。"),
                    t("填表人：王丽娜", "", "审核人：刘志刚", "", "填报日期：2020年8月20日"),
                    t("经办人：", "张三", "报送时间：2020年9月1日"),
                    t("填报单位：深州市科技局（盖章）", "填报人", "赵敏", "联系电话：0318-3312345"),
                ]
            )
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.rejected.isEmpty, "\(result.rejected.map(\.message))")
        #expect(result.records.count == 1)
        #expect(
            result.skipped == [.blank, .blank, .total, .total, .note, .note, .note, .note, .signoff, .signoff, .signoff])
    }

    @Test func aDataRowWithOneCellInAFieldColumnIsStillRejected() throws {
        let workbook = MemoryWorkbook(sheets: [
            ("需求", [t("序号", "企业名称", "需求名称"), t("", "", "只有名称的需求")])
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.rejected.first?.reason.contains("enterprise") == true)
    }
}

@Suite struct VocabularyMatchingTests {
    func dealHeader(_ headers: String...) -> HeaderMap<DealField> {
        HeaderResolver.resolve(headers.map(HeaderText.init), schema: DealSchema(), rows: [1])
    }

    @Test func theMostSpecificNameWins() {
        let map = dealHeader("合同编号", "登记编号", "登记状态", "签约状态", "买方（委托方）", "卖方（技术方）", "买方所在县区", "其中：技术交易额(万元)")
        #expect(map.columns[.ref] == 0)
        #expect(map.columns[.registration] == 1)  // never the ref via 编号
        #expect(map.columns[.registrationStatus] == 2)  // never the stage via 状态
        #expect(map.columns[.stage] == 3)
        #expect(map.columns[.enterprise] == 4)
        #expect(map.columns[.solver] == 5)
        #expect(map.columns[.county] == 6)  // not the enterprise via 买方
        #expect(map.columns[.techAmount] == 7)
        #expect(map.units[7] == .wan)
    }

    @Test func aLoserForAFieldIsReportedNotSilentlyUsed() {
        let map = HeaderResolver.resolve(
            ["需求名称", "项目名称（简称）", "企业名称"].map(HeaderText.init), schema: DemandSchema(), rows: [1])
        #expect(map.columns[.title] == 0)
        #expect(map.decisions[1]?.how == .ignored)
        #expect(map.decisions[1]?.note?.contains("also reads as title") == true)
    }

    @Test(
        arguments: [
            ("技术先进性（30分）", "技术先进性", nil, 300, [String]()), ("预计投入(万元)", "预计投入", MoneyUnit.wan, nil, []),
            ("企业名称（盖章）", "企业名称", nil, nil, ["盖章"]), ("*需求名称", "需求名称", nil, nil, []),
            ("成交额（单位：元）", "成交额", .yuan, nil, []), ("其中：技术交易额", "技术交易额", nil, nil, []),
            ("技术先进性（满分30分）", "技术先进性", nil, 300, []), ("预计总投资(亿元)", "预计总投资", .yi, nil, []),
        ] as [(String, String, MoneyUnit?, Int?, [String])])
    func bracketedRemarksAreUnitsMaximaOrRemarksNeverTheName(
        header: String, key: String, unit: MoneyUnit?, max: Int?, remarks: [String]
    ) {
        let text = HeaderText(header)
        #expect(text.key == key)
        #expect(text.unit == unit)
        #expect(text.maxTenths == max)
        #expect(text.remarks == remarks)
    }

    @Test func vocabularyFilesParseMergeAndSayWhereTheyAreWrong() throws {
        let extra = try Vocabulary(text: "# a county office's own names\n[title]\n课题名目 ~题目\n[budget] 预算\n资助额度")
        let merged = Vocabulary.builtIn(.demands).merging(extra)
        #expect(merged.names(of: "title").contains("课题名目"))
        let map = HeaderResolver.resolve([HeaderText("课题名目"), HeaderText("单位名称")], schema: DemandSchema(), rows: [1])
        #expect(map.columns[.title] == nil)  // the schema reads the built-in vocabulary; `merged` is what DUIJIE_VOCABULARY adds
        #expect(throws: VocabularyError.self) { try Vocabulary(text: "课题名目") }
        do {
            _ = try Vocabulary(text: "[title]\n[budget\n")
            Issue.record("a section without its ] must be refused")
        } catch {
            #expect(error.line == 2)
        }
    }
}

@Suite struct ValuesSpeakTests {
    @Test func unknownAndGenericHeadersAreReadByTheirValuesAndTheSummarySaysSo() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "签约",
                [
                    t("需方", "供方", "合同类型", "号码", "合同额（万元）", "联络"),
                    t("甲公司", "河北工业大学", "合同") + [n("20201311000601"), n("100"), .text("13900001111")],
                    t("乙公司", "天津大学", "意向协议", "", "30", "13900002222"),
                ]
            )
        ])
        let result = try collect(DealSchema(), workbook)
        let sheet = try #require(result.report.sheets.first)
        #expect(sheet.columns.first { $0.header == "合同类型" }?.field == "agreementType")
        #expect(sheet.columns.first { $0.header == "合同类型" }?.how == .values)
        #expect(sheet.columns.first { $0.header == "号码" }?.field == "registration")
        #expect(result.records.map(\.fields.stage) == [.registered, .intention])
        #expect(result.report.warnings.contains { $0.contains("'号码' was read as registration from its values") })
        // 联络 holds phones, but a deals sheet has no phone field: it is reported, not read.
        #expect(result.report.warnings.contains { $0.contains("columns not read: '联络'") })
    }

    @Test func phonesAndCountiesByValues() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "需求",
                [
                    t("企业名称", "需求名称", "属地", "联络", "xx"),
                    t("甲公司", "需求一", "故城县", "13900001111", "衡水市桃城区"),
                    t("乙公司", "需求二", "故城县", "0318-5551234", "河北省衡水市景县"),
                ]
            )
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.records.map(\.phone) == ["13900001111", "0318-5551234"])
        #expect(result.records.map(\.county) == ["故城县", "故城县"])
    }

    @Test func aCountyWrittenWithItsProvinceAndCityIsTheCounty() {
        #expect(Gazetteer.shared.county(in: "衡水市桃城区") == "桃城区")
        #expect(Gazetteer.shared.county(in: "河北省衡水市深州市") == "深州市")
        #expect(Gazetteer.shared.county(in: "河北衡水景县") == "景县")
        #expect(Gazetteer.shared.county(in: "衡水市") == nil)
        #expect(Gazetteer.shared.county(in: "桃城区") == "桃城区")
        #expect(Gazetteer.shared.county(inFileName: "2020年深州市企业需求.xlsx") == "深州市")
        #expect(Gazetteer.shared.county(inFileName: "2020年衡水市企业需求汇总.xlsx") == nil)
    }
}

@Suite struct AmountsAndContextTests {
    @Test func aCurrencySignInTheCellWinsOverTheHeaderUnit() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "需求",
                [
                    t("企业名称", "需求名称", "预计投入(万元)"),
                    t("甲", "一", "¥300,000"), t("乙", "二", "￥300000"), t("丙", "三", "RMB 300000"), t("丁", "四", "３０万 "),
                    t("戊", "五", "30"), t("己", "六", "协商"), t("庚", "七", "¥30万"),
                ]
            )
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.rejected.isEmpty)
        let yuan = Money(yuan: 300_000)
        #expect(
            result.records.map(\.budget) == [
                .amount(yuan), .amount(yuan), .amount(yuan), .amount(yuan), .amount(yuan), .negotiable, .amount(yuan),
            ])
    }

    @Test func institutionFromATabPerUniversityAndCountyFromTheFileName() throws {
        let workbook = MemoryWorkbook(
            fileName: "2020年深州市团队.xlsx",
            sheets: [
                ("河北工业大学", [t("团队名称", "研究方向"), t("智能装备团队", "焊接、机器人")]),
                ("填表说明", [t("请按模板填写")]),
            ])
        let result = try collect(SolverSchema(), workbook)
        #expect(result.records.first?.institution == "河北工业大学")
        #expect(result.records.first?.region == "深州市")
        let demands = MemoryWorkbook(fileName: "2020年深州市需求.csv", sheets: [(nil, [t("企业名称", "需求名称"), t("甲", "一")])])
        #expect(try collect(DemandSchema(), demands).records.first?.county == "深州市")
    }

    @Test func contextLinesGiveOnlyTheFieldsTheyMayGive() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "Sheet1",
                [
                    t("县（市、区）：枣强县", "", "填报单位：枣强县科技局"),
                    t("企业名称", "需求名称"),
                    t("甲公司", "需求一"),
                ]
            )
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.records.first?.county == "枣强县")
        #expect(result.records.first?.enterprise == "甲公司")
        #expect(result.report.sheets.first?.context.contains { $0.field == "county" && $0.from == "row 1" } == true)
    }
}

@Suite struct FormTests {
    func form(_ enterprise: String, _ title: String, budget: String) -> [[CellValue]] {
        [
            t("衡水市企业技术需求征集表"),
            t("填报日期：2020年8月12日"),
            t("企业名称", enterprise),
            t("所在县区", "安平县", "所属领域", "丝网"),
            t("联系人", "张海涛", "联系电话", "13603385599"),
            t("需求名称", title),
            t("需求内容（主要技术难题及现状）", "编织速度低"),
            t("拟投入资金（万元）", budget, "合作方式", "技术开发"),
            t("完成时限", "2021年12月", "现有合作单位", "无"),
            t("企业意见", "同意报送。（盖章）"),
        ]
    }

    @Test func oneFormPerSheet() throws {
        let workbook = MemoryWorkbook(sheets: [
            ("亿利达", form("亿利达丝网", "高速编织装备", budget: "80")), ("恒瑞", form("恒瑞过滤", "纤维毡", budget: "面议")),
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.rejected.isEmpty)
        #expect(result.records.map(\.title) == ["高速编织装备", "纤维毡"])
        let first = try #require(result.records.first)
        #expect(first.county == "安平县")
        #expect(first.phone == "13603385599")
        #expect(first.budget == .amount(Money(yuan: 800_000)))
        #expect(first.deadline == CivilDate(year: 2021, month: 12, day: 31))
        #expect(first.partner == nil)  // 无
        #expect(first.source.row == 3)
        #expect(result.records[1].budget == .negotiable)
        #expect(result.report.sheets.first?.layout == "form")
    }

    @Test func formsStackedOnOneSheet() throws {
        let workbook = MemoryWorkbook(sheets: [("安平县", form("甲", "一", budget: "10") + [[]] + form("乙", "二", budget: "20"))])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.records.map(\.enterprise) == ["甲", "乙"])
        #expect(result.records.map(\.budget) == [.amount(Money(yuan: 100_000)), .amount(Money(yuan: 200_000))])
    }
}

/// What a deals row became: a deal at a stage, or a rejection with its reason.
enum DealOutcome: Equatable {
    case success(DealStage)
    case failure(String)
}

@Suite struct DealSheetTests {
    func deal(_ headers: [String], _ row: [CellValue]) throws -> DealOutcome {
        let result = try collect(
            DealSchema(), MemoryWorkbook(sheets: [("签约", [t("企业名称", "合作单位") + headers.map(CellValue.text), t("甲", "乙") + row])]))
        if let record = result.records.first { return .success(record.fields.stage) }
        return .failure(result.rejected.first?.reason ?? "")
    }

    @Test func stageFromEveryColumnTheSheetUses() throws {
        #expect(
            try deal(["协议类型", "登记状态", "登记编号", "合同金额"], t("合同", "已认定登记") + [n("20201311000301"), n("50")]) == .success(.registered)
        )
        #expect(try deal(["协议类型", "登记状态", "合同金额"], t("合同", "未登记", "50")) == .success(.signed))
        #expect(try deal(["协议类型", "登记状态", "合同金额"], t("意向协议", "未登记", "30")) == .success(.intention))
        #expect(try deal(["签约状态", "合同金额"], t("已签订合同", "50")) == .success(.signed))
        #expect(try deal(["签约状态"], t("签订意向协议")) == .success(.intention))
        #expect(try deal(["状态", "登记号"], [.text("已认定登记"), n("20201311000301")]) == .success(.registered))
        #expect(try deal(["登记号", "成交额"], [n("20201311000301"), n("50")]) == .success(.registered))
        #expect(try deal(["阶段"], t("作废")) == .success(.voided))
        #expect(try deal(["合同金额"], t("50")) == .success(.signed))
        #expect(
            try deal(["协议类型", "登记状态"], t("意向协议", "已登记")) == .failure("an intention agreement (意向协议) cannot be registered (已认定登记)")
        )
        if case .failure(let why) = try deal(["登记状态", "登记编号"], [.text("未登记"), n("20201311000301")]) {
            #expect(why.contains("未登记"))
        } else {
            Issue.record("未登记 with a registration number must be refused")
        }
        if case .failure(let why) = try deal(["签约状态"], t("研究中")) {
            #expect(why.contains("unknown stage"))
        } else {
            Issue.record("unknown stage")
        }
    }

    @Test func registrationNumberBesideContractNumberIsTheRegistration() throws {
        let result = try collect(
            DealSchema(),
            MemoryWorkbook(sheets: [
                ("签约", [t("合同编号", "企业名称", "合作单位", "登记编号", "合同金额"), t("HT-1", "甲", "乙") + [n("20201311000301"), n("50")]])
            ]))
        let deal = try #require(result.records.first).fields
        #expect(deal.ref == "HT-1")
        #expect(deal.registration == "20201311000301")
        #expect(deal.stage == .registered)
    }
}
