import Foundation
import Service
import Sheets
import Store
import Testing

/// The committed sample event.
let sampleEvent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/sample-event")

func files(_ kind: String) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: sampleEvent.appendingPathComponent(kind), includingPropertiesForKeys: nil)
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

func freshStore() throws -> (DuijieStore, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-service-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return (try DuijieStore(path: dir.appendingPathComponent("s.sqlite").path), dir)
}

@Suite struct ImportServiceTests {
    @Test func sampleEventImportsWithItsDeliberateFaults() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = ImportService(store: store)
        let demands = service.run(ImportRequest(kind: .demands, files: try files("demands"), event: "HS2020"))
        #expect(demands.errors.isEmpty)
        #expect(demands.imported >= 190)
        #expect(demands.unchanged == 1)  // the city sheet's demand repeated in the county CSV
        #expect(demands.rejected.count == 3)
        #expect(Set(demands.rejected.map(\.column)) == ["预计投入", "需求名称", "要求完成时间"])
        let solvers = service.run(ImportRequest(kind: .solvers, files: try files("solvers")))
        #expect(solvers.rejected.count == 1)
        let totals = try store.totals()
        #expect(totals.institutions >= 63)
        let catalog = try CatalogService(store: store).demands(event: "HS2020")
        let finals = [
            ("衡水新光新材料科技有限公司", "装备制造用长寿命耐水解水性醇酸树脂的研发"),
            ("河北联达过滤器材有限公司", "过滤器烧蚀网自适应激光焊接装备及关键技术研究"),
            ("衡水益通管业有限责任公司", "内接式波纹管衬砌结构关键技术"),
        ]
        for (enterprise, title) in finals {
            #expect(catalog.contains { $0.enterprise == enterprise && $0.title == title })
        }
        #expect(Set(catalog.compactMap(\.county)).count >= 10)
        #expect(catalog.contains { $0.budgetNegotiable && $0.budgetYuan == nil })
        // Every format contributed.
        #expect(Set(catalog.map { URL(fileURLWithPath: $0.source.file).pathExtension }) == ["xlsx", "csv", "xml"])
    }

    @Test func countiesMergedDownTheSheetReachEveryRow() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("衡水市需求汇总.xlsx")
        let writer = try XLSXWriter()
        try writer.addSheet(
            name: "汇总", merges: ["A1:D1", "A3:A5", "A6:A7"],
            rows: [
                [.text("2020年衡水市企业技术需求汇总表")],
                [.text("县市区"), .text("企业名称"), .text("需求名称"), .text("预计投入（万元）")],
                [.text("枣强县"), .text("甲公司"), .text("玻璃钢缠绕工艺优化"), .number("50")],
                [.empty, .text("乙公司"), .text("复合材料检测方法"), .number("30")],
                [.empty, .text("丙公司"), .text("树脂固化工艺"), .number("20")],
                [.text("冀州区"), .text("丁公司"), .text("采暖散热器铸造"), .number("40")],
                [.empty, .text("戊公司"), .text("铸件缺陷检测"), .number("10")],
            ])
        try writer.write(to: url)
        let summary = ImportService(store: store).run(ImportRequest(kind: .demands, files: [url], event: "M"))
        #expect(summary.imported == 5)
        let counties = try store.demands(event: "M").map { $0.demand.county }
        #expect(counties == ["枣强县", "枣强县", "枣强县", "冀州区", "冀州区"])
    }

    @Test func legacyXLSSheetsImport() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xls = sampleEvent.deletingLastPathComponent().appendingPathComponent("xls/county-demands.xls")
        let summary = ImportService(store: store).run(ImportRequest(kind: .demands, files: [xls], event: "X"))
        #expect(summary.errors.isEmpty)
        #expect(summary.imported == 12)
        #expect(summary.rejected.isEmpty)
        let demands = try store.demands(event: "X")
        #expect(Set(demands.compactMap(\.demand.county)) == ["枣强县", "冀州区", "安平县", "武邑县"])
        #expect(demands.allSatisfy { $0.demand.county != nil })
        // 单位：万元 in the title: 12.5 means 125,000 yuan.
        #expect(demands.contains { $0.demand.budget.money?.fen == 12_500_000 })
    }

    @Test func unreadableFileIsReportedAndWritesNothing() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.xlsx")
        let good = try Data(contentsOf: try files("demands")[0])
        try good.prefix(good.count - 200).write(to: broken)
        let summary = ImportService(store: store).run(
            ImportRequest(kind: .demands, files: [broken, try files("demands")[2]], event: "E"))
        #expect(summary.errors.count == 1)
        #expect(summary.errors[0].contains("broken.xlsx"))
        #expect(summary.files[0].error != nil)
        #expect(summary.files[0].importID == nil)
        #expect(summary.files[1].imported == 16)
        #expect(try store.demands().allSatisfy { $0.demand.source.file != "broken.xlsx" })
    }

    @Test func demoPipelineSummarises() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = try DemoPipeline(store: store).run(folder: sampleEvent)
        #expect(summary.demandCount >= 190)
        #expect(summary.institutionCount >= 63)
        #expect(summary.text.contains("HS2020"))
        #expect(summary.errors.isEmpty)
    }
}
