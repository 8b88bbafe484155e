import DuijieCore
import Foundation
import Ingestion
import Judging
import Registry
import Service
import Store
import Testing

/// A CSV held in memory, as an upload arrives.
func csv(_ name: String, _ lines: String...) -> ImportFile {
    ImportFile(name: name, data: Data(lines.joined(separator: "\n").utf8))
}

/// A store with the final's three demands, nine teams and seven judges (as the layout zoo's setup has them).
func finalSetupStore() throws -> (DuijieStore, URL) {
    let (store, dir) = try freshStore()
    _ = ImportService(store: store).run(
        ImportRequest(
            kind: .demands,
            sources: [
                csv(
                    "final-demands.csv", "需求编号,企业名称,县市区,需求名称", "HS2020-101,衡水恒信化工有限公司,桃城区,水性醇酸树脂耐水解改性技术",
                    "HS2020-102,安平县泰安丝网有限公司,安平县,烧结丝网滤芯激光焊接工艺")
            ], event: "HS2020"))
    _ = ImportService(store: store).run(
        ImportRequest(
            kind: .solvers,
            sources: [
                csv(
                    "final-teams.csv", "团队编号,团队名称,依托单位", "T101,水性树脂团队,河北大学", "T102,涂料化学团队,华中科技大学",
                    "T104,激光加工团队,华中科技大学", "T105,焊接机器人团队,河北工业大学")
            ]))
    _ = try JudgeService(store: store).importJudges(
        csv(
            "judges.csv", "评委,单位,回避单位", "张志强,河北省科学技术情报研究院,", "李梅,河北科技大学,", "刘海燕,天津理工大学,",
            "杨振华,衡水学院,", "王建国,华中科技大学机械科学与工程学院,", "赵东,河北工业大学,"), event: "HS2020")
    return (store, dir)
}

@Suite struct ScoreSheetLayoutTests {
    @Test func theOfficesSummaryWithJudgesAsColumnsConflictMarksAndItsOwnFinalScore() throws {
        let (store, dir) = try finalSetupStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet = csv(
            "评分汇总表.csv",
            "2020年创新挑战赛现场赛评分汇总表,,,,,,,,,,,",
            "评审时间：2020年10月28日,,,,,,,,,,,",
            "序号,需求编号,参赛团队,张志强,李　梅,刘海燕,杨振华,王建国,赵  东,最高分,最低分,最后得分",
            "1,HS2020-101,水性树脂团队,88,82,90,85.5,87,84,90,82,86.38",
            "2,,涂料化学团队,80,76.5,83,79,回避,78,83,76.5,79.00",
            "注：最后得分为去掉一个最高分和一个最低分后的平均分。,,,,,,,,,,,",
            "计分人：,,,,监督人：,,,,日期：2020年10月28日,,,")
        let summary = try JudgeService(store: store).importScores(sheet, judgesFile: nil, event: "HS2020")
        #expect(summary.imported == 11)
        #expect(summary.declaredConflicts.map(\.judge) == ["王建国"])
        #expect(summary.declaredConflicts.map(\.team) == ["T102"])
        // The office's 86.38 is not Duijie's trimmed mean (344.5 / 4 = 86.13): a warning, never used. 79.00 is right.
        #expect(summary.warnings.contains { $0.contains("最后得分 for T101 is 86.38") })
        #expect(!summary.warnings.contains { $0.contains("T102") })
        let results = try JudgeService(store: store).results(event: "HS2020", method: .trimmed)
        let group = try #require(results.groups.first)
        #expect(group.ranking.map(\.team) == ["T101", "T102"])
        #expect(group.ranking.map(\.score) == ["86.13", "79.00"])
        #expect(group.ranking.map(\.validJudges) == [6, 5])
        #expect(results.excluded.isEmpty)
    }

    @Test func oneSheetPerJudgeWithCriteriaMaximaInTheHeaders() throws {
        let (store, dir) = try finalSetupStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet = csv(
            "张志强评分表.csv",
            "评委：张　志强,,,,,,",
            "需求名称,团队名称,技术先进性（30分）,方案可行性（30分）,团队实力（20分）,经济社会效益（20分）,合计",
            "水性醇酸树脂耐水解改性技术,水性树脂团队,26.5 ,25.5,17.5,18.5,88",
            "水性醇酸树脂耐水解改性技术,涂料化学团队,24.5,23.5,16,16,81")
        let summary = try JudgeService(store: store).importScores(sheet, judgesFile: nil, event: "HS2020", explain: true)
        #expect(summary.imported == 2)
        // 81 is not 24.5 + 23.5 + 16 + 16 = 80: the criteria count and the sheet's total is warned about.
        #expect(summary.warnings.contains { $0.contains("total 81") && $0.contains("(80)") })
        let context = try #require(summary.explain?.files.first?.sheets.first?.context)
        #expect(context.contains { $0.field == "judge" && TextNormalizer.personName($0.value) == "张志强" && $0.from == "row 1" })
        let history = try JudgeService(store: store).history(event: "HS2020", judge: "张志强", team: "T101")
        #expect(history.last?.tenths == [265, 255, 175, 185])
    }

    @Test func paddedNamesInALongSheetMeetTheirJudgesAndConflictsAreExcluded() throws {
        let (store, dir) = try finalSetupStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet = csv(
            "录入.csv", "评委,需求名称,团队名称,总分", "李　梅,烧结丝网滤芯激光焊接工艺,激光加工团队,86", "王 建 国,烧结丝网滤芯激光焊接工艺,激光加工团队,95",
            "赵  东,烧结丝网滤芯激光焊接工艺,焊接机器人团队,94")
        let summary = try JudgeService(store: store).importScores(sheet, judgesFile: nil, event: "HS2020")
        #expect(summary.imported == 3)
        #expect(Set(summary.excluded.map(\.judge)) == ["王建国", "赵东"])
    }

    @Test func aScoreSheetWithProblemsIsRefusedWholeWithEveryPlace() throws {
        let (store, dir) = try finalSetupStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet = csv(
            "bad.csv", "评委,需求编号,团队名称,总分", "李梅,HS2020-101,水性树脂团队,101", "无名氏,HS2020-101,水性树脂团队,80",
            "李梅,HS2020-999,水性树脂团队,80")
        #expect {
            try JudgeService(store: store).importScores(sheet, judgesFile: nil, event: "HS2020")
        } throws: { error in
            let text = "\(error)"
            return text.contains("row 2") && text.contains("above the maximum") && text.contains("无名氏")
                && text.contains("HS2020-999")
        }
        #expect(try JudgeService(store: store).results(event: "HS2020", method: .mean).groups.isEmpty)
    }
}

@Suite struct DealSheetServiceTests {
    @Test func aPlainDealsSheetImportsEveryContract() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sheet = csv(
            "签约汇总.csv", "序号,合同编号,企业名称,合作单位,协议类型,登记状态,登记编号,合同金额（万元）,签约日期,县区",
            "1,HT-001,衡水甲公司,河北工业大学,合同,已认定登记,20201311000301,100,2020-10-28,桃城区",
            "2,HT-002,衡水乙公司,天津大学,合同,未登记,,50,2020-10-28,冀州区",
            "3,HT-003,衡水丙公司,燕山大学,意向协议,未登记,,30,2020-10-28,枣强县",
            "4,HT-004,衡水丁公司,河北大学,技术合同,已登记,20201311000302,¥800000,,武邑县",
            "合计,,,,,,,260,,", "填报人：张三,,,,审核人：李四,,,,,")
        let summary = DealService(store: store).importDeals([sheet], event: nil)
        #expect(summary.rejected.isEmpty, "\(summary.rejected.map(\.reason))")
        #expect(summary.imported == 4)
        #expect(summary.skipped == 2)
        let report = try DealService(store: store).report(event: nil)
        #expect(report.signed.count == 3)
        #expect(report.registered.count == 2)
        #expect(report.intention.count == 1)
        // ¥800000 under a 万元 header is 800,000 元, not 8,000,000,000.
        #expect(report.signed.amountYuan == "2300000.00")
        #expect(report.sciencePlan.map(\.registration) == ["20201311000301", "20201311000302"])
    }

    @Test func aDealWithoutASignDateIsJudgedByItsRegistrationNeverByToday() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 14-digit numbers are the 2001 rules' (in force to 2025); today's rules want 16 digits.
        let sheet = csv(
            "登记.csv", "登记号,卖方（技术方）,买方（委托方）,合同类别,成交额（万元）,登记日期",
            "20201311000401,燕山大学,景县鑫盛机械有限公司,技术许可,80,",
            "20201311000402,河北大学,衡水恒信化工有限公司,技术开发（委托开发）,120,2020年11月20日")
        let summary = DealService(store: store).importDeals([sheet], event: nil)
        #expect(summary.rejected.isEmpty, "\(summary.rejected.map(\.reason))")
        let report = try DealService(store: store).report(event: nil)
        // 技术许可 counts as 技术转让 under the 2001 rules, chosen by the number's year; a sub-type counts under its category.
        #expect(Set(report.byCategory.compactMap(\.name)) == ["技术转让", "技术开发"])
        #expect(report.registered.count == 2)
    }

    @Test func theEventsDateGovernsADealWithNoDateAtAll() throws {
        var deal = DealFields(enterprise: "甲", solver: "乙", stage: .signed, category: "技术许可", amount: Money(yuan: 1))
        #expect(RuleSet.governingDate(of: deal, eventDate: nil) == nil)
        let event = CivilDate(year: 2020, month: 10, day: 28)!
        #expect(DealValidator.validate(&deal, eventDate: event).isEmpty)
        #expect(deal.category == "技术转让")
        var later = DealFields(enterprise: "甲", solver: "乙", stage: .signed, category: "技术许可", amount: Money(yuan: 1))
        #expect(DealValidator.validate(&later, eventDate: CivilDate(year: 2026, month: 3, day: 1)!).isEmpty)
        #expect(later.category == "技术许可")
        var numbered = DealFields(
            enterprise: "甲", solver: "乙", stage: .registered, amount: Money(yuan: 1), registration: "20201311000401")
        #expect(RuleSet.governingDate(of: numbered, eventDate: nil) == CivilDate(year: 2020, month: 1, day: 1))
        #expect(DealValidator.validate(&numbered).isEmpty)
    }
}

@Suite struct UploadFromMemoryTests {
    @Test func everyFileOfAMultiFileImportIsReadFromMemoryWithItsExplanation() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [
            csv("枣强县需求.csv", "企业名称,需求名称,拟投入资金", "甲公司,需求一,50"),
            csv("故城县需求.csv", "填报单位：故城县科技局", "企业名称,需求名称,联系人,职称", "乙公司,需求二,王五,工程师"),
        ]
        let summary = ImportService(store: store).run(
            ImportRequest(kind: .demands, sources: files, event: "HS2020", explain: true))
        #expect(summary.imported == 2)
        #expect(summary.files.map(\.file) == ["枣强县需求.csv", "故城县需求.csv"])
        #expect(summary.files[1].warnings.contains { $0.contains("columns not read: '职称'") })
        let explain = try #require(summary.explain)
        #expect(explain.files.map(\.file) == ["枣强县需求.csv", "故城县需求.csv"])
        let columns = try #require(explain.files[1].sheets.first?.columns)
        #expect(columns.map(\.field) == ["enterprise", "title", "contact", nil])
        #expect(columns.map(\.how) == [.synonym, .synonym, .synonym, .ignored])
        #expect(columns[0].samples == ["乙公司"])
        let demands = try CatalogService(store: store).demands(event: "HS2020")
        #expect(Set(demands.compactMap(\.county)) == ["枣强县", "故城县"])
        // The explanation encodes with the documented keys.
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        for key in ["\"explain\"", "\"header_rows\"", "\"table_start\"", "\"how\"", "\"samples\"", "\"skipped_total\""] {
            #expect(json.contains(key))
        }
    }
}
