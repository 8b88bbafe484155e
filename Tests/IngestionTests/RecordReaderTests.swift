import DuijieCore
import Foundation
import Ingestion
import Sheets
import Testing

/// A workbook held in memory, for mapping tests.
final class MemoryWorkbook: Workbook {
    let fileName: String
    let sheets: [SheetInfo]
    let content: [[[CellValue]]]

    init(fileName: String = "需求.xlsx", sheets: [(String?, [[CellValue]])], hidden: Set<Int> = []) {
        self.fileName = fileName
        self.sheets = sheets.enumerated().map { SheetInfo(name: $1.0, index: $0, isHidden: hidden.contains($0)) }
        self.content = sheets.map(\.1)
    }

    func readRows(of sheet: SheetInfo, _ body: (SheetRow) throws -> Void) throws {
        for (index, cells) in content[sheet.index].enumerated() { try body(SheetRow(number: index + 1, cells: cells)) }
    }
}

func t(_ values: String...) -> [CellValue] { values.map { $0.isEmpty ? .empty : .text($0) } }

struct Collected<R> {
    var records: [R] = []
    var rejected: [Rejection] = []
    var skipped: [SkipReason] = []
    var report = ReadReport()
}

func collect<S: RecordSchema>(_ schema: S, _ workbook: Workbook, options: ReaderOptions = ReaderOptions()) throws -> Collected<
    S.Record
> {
    var out = Collected<S.Record>()
    out.report = try RecordReader(schema: schema, options: options).read(workbook) { outcome in
        switch outcome {
        case .record(let r): out.records.append(r)
        case .rejected(let r): out.rejected.append(r)
        case .skipped(let s): out.skipped.append(s)
        }
    }
    return out
}

@Suite struct RecordReaderTests {
    @Test func findsHeaderBelowTitleAndUnitRowsAndAppliesTheUnit() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "冀州区",
                [
                    t("2020年衡水市创新挑战赛企业技术需求汇总表"),
                    [],
                    t("", "", "", "单位：万元"),
                    t("序号", "企业名称", "需求名称", "拟投入资金", "截止日期"),
                    [.number("1"), .text("河北圣春冀暖散热器有限公司"), .text("铸铁暖气片消失模铸造工艺改进"), .number("50"), .number("44377")],
                    [.number("2"), .text("河北暖康散热器有限公司"), .text("铜铝复合散热器焊接与防腐技术"), .text("面议"), .text("2021年6月30日")],
                ]
            )
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.rejected.isEmpty)
        #expect(result.records.count == 2)
        let first = result.records[0]
        #expect(first.county == "冀州区")  // from the sheet name
        #expect(first.budget == .amount(Money(yuan: 500_000)))
        #expect(first.deadline?.description == "2021-06-30")  // a bare Excel serial in a date column
        #expect(first.source == SourceRef(file: "需求.xlsx", sheet: "冀州区", row: 5))
        #expect(result.records[1].budget == .negotiable)
    }

    @Test func headerUnitAndExplicitCellUnit() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "Sheet1",
                [
                    t("企业名称", "需求名称", "预计投入（元）"),
                    t("甲公司", "需求一", "850000"),
                    t("乙公司", "需求二", "12.5万元"),
                ]
            )
        ])
        let records = try collect(DemandSchema(), workbook).records
        #expect(records[0].budget.money?.yuanString == "850000.00")
        #expect(records[1].budget.money?.yuanString == "125000.00")  // the cell's own unit wins
        #expect(records[0].county == nil)  // Sheet1 names no county; 需求.xlsx neither
    }

    @Test func englishAndSynonymHeadersAndCountyFromFileName() throws {
        let workbook = MemoryWorkbook(
            fileName: "枣强县技术需求.csv",
            sheets: [
                (
                    nil,
                    [
                        t("Ref", "Company", "Title", "Description", "Budget", "Deadline", "Field"),
                        t("ZQ-1", "枣强县华东玻璃钢有限公司", "GFRP拉挤型材阻燃改性技术", "氧指数≥32", "30万元", "2021/9/30", "玻璃钢复合材料"),
                    ]
                )
            ])
        let demand = try #require(try collect(DemandSchema(), workbook).records.first)
        #expect(demand.ref == "ZQ-1")
        #expect(demand.county == "枣强县")
        #expect(demand.field == "玻璃钢复合材料")
        #expect(demand.description == "氧指数≥32")
    }

    @Test func skipsBlankTotalsNotesAndRepeatedHeaders() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "汇总",
                [
                    t("企业名称", "需求名称", "预计投入"),
                    t("甲公司", "需求一", "10"),
                    t("", "", ""),
                    t("企业名称", "需求名称", "预计投入"),
                    t("乙公司", "需求二", "20"),
                    t("合  计", "", "30"),
                    t("注：金额单位为万元"),
                ]
            )
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.records.map(\.title) == ["需求一", "需求二"])
        #expect(result.skipped == [.blank, .repeatedHeader, .total, .note])
        #expect(result.report.skippedCount == 4)
    }

    @Test func rejectionsNameFileSheetRowColumnValueAndReason() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "需求汇总",
                [
                    t("企业名称", "需求名称", "拟投入资金", "截止日期"),
                    t("甲公司", "需求一", "约五十万", ""),
                    t("乙公司", "", "10", ""),
                    t("丙公司", "需求三", "10", "2021年13月1日"),
                    t("", "需求四", "10", ""),
                    t("丁公司", "需求五", "50-100万", ""),
                ]
            )
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.records.isEmpty)
        #expect(result.rejected.count == 5)
        let amount = result.rejected[0]
        #expect(amount.file == "需求.xlsx")
        #expect(amount.sheet == "需求汇总")
        #expect(amount.row == 2)
        #expect(amount.column == "拟投入资金")
        #expect(amount.value == "约五十万")
        #expect(amount.reason == "cannot read '约五十万' as an amount")
        #expect(amount.message == "需求.xlsx, sheet '需求汇总', row 2, column '拟投入资金': cannot read '约五十万' as an amount")
        #expect(amount.cells["企业名称"] == "甲公司")
        #expect(result.rejected[1].column == "需求名称")
        #expect(result.rejected[2].column == "截止日期")
        #expect(result.rejected[2].value == "2021年13月1日")
        #expect(result.rejected[3].column == "企业名称")
        #expect(result.rejected[4].reason.contains("range"))
    }

    @Test func noRecognisableHeaderListsWhatItSaw() throws {
        let workbook = MemoryWorkbook(sheets: [("Sheet1", [t("姓名", "年龄"), t("张三", "30")])])
        do {
            _ = try collect(DemandSchema(), workbook)
            Issue.record("no error")
        } catch let error as IngestionError {
            guard case .noHeader(let file, let sheet, let seen, let accepted) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(file == "需求.xlsx")
            #expect(sheet == "Sheet1")
            #expect(seen.contains("姓名"))
            #expect(accepted.contains("需求名称"))
            #expect(error.description.contains("'姓名'"))
        }
    }

    @Test func instructionSheetsWithoutHeaderAreNotedNotFatal() throws {
        let workbook = MemoryWorkbook(sheets: [
            ("填表说明", [t("1. 每行一项需求")]),
            ("桃城区", [t("企业名称", "需求名称"), t("甲公司", "需求一")]),
        ])
        let result = try collect(DemandSchema(), workbook)
        #expect(result.records.count == 1)
        #expect(result.report.warnings.count == 1)
        #expect(result.report.sheetsRead == ["桃城区"])
    }

    @Test func hiddenSheetsAreSkippedUnlessAskedFor() throws {
        let workbook = MemoryWorkbook(
            sheets: [
                ("桃城区", [t("企业名称", "需求名称"), t("甲公司", "需求一")]),
                ("旧数据", [t("企业名称", "需求名称"), t("乙公司", "需求二")]),
            ], hidden: [1])
        #expect(try collect(DemandSchema(), workbook).records.count == 1)
        #expect(try collect(DemandSchema(), workbook, options: ReaderOptions(includeHiddenSheets: true)).records.count == 2)
    }

    @Test func solverDirectionsAreSplit() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "团队",
                [
                    t("团队编号", "团队名称", "依托单位", "研究方向", "代表性成果"),
                    t("T1", "膜科学与技术团队", "天津大学", "PVDF膜；膜分离、抗污染改性,水处理;\n海水淡化", "亲水改性膜"),
                    t("T2", "", "天津大学", "x", ""),
                ]
            )
        ])
        let result = try collect(SolverSchema(), workbook)
        let solver = try #require(result.records.first)
        #expect(solver.directions == ["PVDF膜", "膜分离", "抗污染改性", "水处理", "海水淡化"])
        #expect(solver.institution == "天津大学")
        #expect(result.rejected.first?.column == "团队名称")
    }

    @Test(arguments: [
        ("企业名称（盖章）", DemandField.enterprise), ("*需求名称", .title), ("预计投入(万元)", .budget), ("联系人电话", .phone),
        ("需求内容", .description), ("所属县（市、区）", .county), ("ＴＩＴＬＥ", .title), ("完成时限", .deadline),
    ])
    func headerSynonyms(header: String, field: DemandField) {
        let map = HeaderResolver.resolve([HeaderText(header)], schema: DemandSchema(), rows: [1])
        #expect(map.columns[field] == 0)
    }

    @Test func regionHints() {
        #expect(RegionHint.from(sheetName: "枣强县") == "枣强县")
        #expect(RegionHint.from(sheetName: "衡水高新区") == "衡水高新区")
        #expect(RegionHint.from(sheetName: "需求汇总") == nil)
        #expect(RegionHint.from(sheetName: "Sheet1") == nil)
        #expect(RegionHint.from(fileName: "安平县技术需求.xlsx") == "安平县")
        #expect(RegionHint.from(fileName: "2020需求.xlsx") == nil)
    }
}
