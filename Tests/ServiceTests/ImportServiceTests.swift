import Foundation
import Service
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
