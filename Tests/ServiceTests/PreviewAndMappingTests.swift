import DuijieCore
import Foundation
import Service
import Store
import Testing

/// Import preview and column mappings through the use cases: a preview reads and checks exactly as the import would
/// and stores nothing; a correction applies to its import; a saved one applies to the next sheet with the same
/// header, until it is removed.
@Suite struct PreviewAndMappingTests {
    static let oddCSV = """
        单位,难题,情况说明,备用
        河北圣春冀暖散热器有限公司,铸铁暖气片消失模铸造工艺改进,现有工艺砂眼多,x
        河北暖康散热器有限公司,铜铝复合散热器焊接与防腐技术,焊缝易腐蚀,y
        河北某公司,,没有名称的一行,z
        """
    static let map = ["单位=enterprise", "难题=title", "情况说明=description", "备用=ignore"]

    func request(_ csv: String = oddCSV, name: String = "枣强县.csv", map: [String] = [], preview: Bool = false)
        throws -> ImportRequest
    {
        var request = ImportRequest(
            kind: .demands, sources: [ImportFile(name: name, data: Data(csv.utf8))], event: "HS2021")
        request.mapping = try MappingService.correction(kind: .demands, assignments: map, headerRow: nil)
        request.preview = preview
        return request
    }

    @Test func aPreviewShowsWhatTheImportWouldDoAndStoresNothing() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = ImportService(store: store)
        _ = service.run(ImportRequest(kind: .demands, files: try files("demands"), event: "HS2020"))
        let before = try store.tableCounts()
        let summary = service.run(try request(map: Self.map, preview: true))
        #expect(try store.tableCounts() == before)
        let preview = try #require(summary.explain)
        #expect(preview.preview == true)
        let file = try #require(preview.files.first)
        #expect(file.would == PreviewCountsDTO(new: 2, updated: 0, unchanged: 0, skipped: 0, rejected: 1))
        let sheet = try #require(file.sheets.first)
        #expect(sheet.columns.map(\.field) == ["enterprise", "title", "description", nil])
        #expect(sheet.records.count == 2)
        guard case .object(let first) = sheet.records[0] else {
            Issue.record("a record is not an object")
            return
        }
        #expect(first["enterprise"] == .string("河北圣春冀暖散热器有限公司"))
        #expect(first["event"] == .string("HS2021"))
        #expect(first["id"] == nil)
        #expect(sheet.rejected.map(\.row) == [4])
        // The preview's JSON is the contract's shape.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(preview)) as? [String: Any]
        let sheetJSON = ((json?["files"] as? [[String: Any]])?.first?["sheets"] as? [[String: Any]])?.first
        for key in ["sheet", "header_rows", "columns", "records", "rejected", "skipped"] {
            #expect(sheetJSON?[key] != nil, "\(key)")
        }
    }

    @Test func aSavedMappingAppliesToTheNextSheetWithTheSameHeaderUntilRemoved() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let service = ImportService(store: store)
        // Without a correction the sheet cannot be read.
        #expect(service.run(try request()).files.first?.error != nil)
        var first = try request(map: Self.map)
        first.saveMapping = true
        first.savedBy = "组委会"
        let imported = service.run(first)
        #expect(imported.imported == 2)
        #expect(imported.savedMappings == ["单位|难题|情况说明|备用"])
        let mappings = MappingService(store: store)
        let saved = try mappings.list()
        #expect(saved.count == 1)
        #expect(saved.first?.savedBy == "组委会")
        #expect(saved.first?.fields["难题"] == "title")
        // Next year's sheet from the same county: same header, new rows, no --map.
        let nextYear = """
            单位,难题,情况说明,备用
            河北新公司,新的难题,新的说明,
            """
        let again = service.run(try request(nextYear, name: "枣强县-2021.csv"))
        #expect(again.imported == 1)
        #expect(again.explain == nil)
        #expect(try CatalogService(store: store).demands(event: "HS2021").contains { $0.title == "新的难题" })
        // Removed: the sheet is unreadable again.
        try mappings.remove("1")
        #expect(try mappings.list().isEmpty)
        #expect(service.run(try request(nextYear, name: "枣强县-2022.csv")).files.first?.error != nil)
        #expect(throws: MappingError.notFound("1")) { try mappings.remove("1") }
    }

    @Test func aDealsPreviewStoresNothingAndCountsLikeTheImport() throws {
        let (store, dir) = try freshStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let deals = DealService(store: store)
        let file = ImportFile(url: sampleEvent.appendingPathComponent("deals/deals.xlsx"))
        let before = try store.tableCounts()
        let preview = deals.importDeals([file], event: "HS2020", preview: true)
        #expect(try store.tableCounts() == before)
        let real = deals.importDeals([file], event: "HS2020")
        let would = try #require(preview.explain?.files.first?.would)
        #expect(would.new == real.imported && would.rejected == real.files.first?.rejected)
        #expect(would.new > 30)
        #expect(preview.explain?.files.first?.sheets.first?.records.isEmpty == false)
    }

    @Test func aScoreSheetsRepeatedColumnsAreNotMappable() {
        // Criteria, judges and teams as columns are found by their headers (they carry a label, not only a field).
        #expect(throws: (any Error).self) {
            try MappingService.correction(kind: .scores, assignments: ["技术=criterion"], headerRow: nil)
        }
        #expect(throws: Never.self) {
            try MappingService.correction(kind: .judges, assignments: ["专家=judge", "所在单位=affiliation"], headerRow: nil)
        }
    }
}

/// `judge import --preview`: the corrections a score sheet would make, counted, and nothing stored.
@Suite struct ScorePreviewTests {
    @Test func aScoreSheetPreviewStoresNothing() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("wide.csv")
        try Data("评委,需求编号,T006,T046,T026\n李红梅,HS2020-033,90,82.5,71\n刘海燕,HS2020-033,93,,75\n".utf8).write(to: csv)
        let before = try store.tableCounts()
        let preview = try JudgeService(store: store).importScores(
            ImportFile(url: csv), judgesFile: nil, event: "HS2020", preview: true)
        #expect(try store.tableCounts() == before)
        #expect(preview.preview == true)
        #expect(preview.corrected == 5)
        #expect(preview.explain?.preview == true)
        #expect(preview.explain?.files.first?.sheets.first?.columns.isEmpty == false)
        let real = try JudgeService(store: store).importScores(file: csv, judgesFile: nil, event: "HS2020")
        #expect(real.corrected == preview.corrected && real.preview == nil)
    }
}

/// A score sheet whose judge column has a header no vocabulary knows: mapped, saved, applied next time.
@Suite struct ScoreSheetMappingTests {
    @Test func aScoreSheetsColumnCanBeMappedAndRemembered() throws {
        let (store, dir) = try finalStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("签名表.csv")
        try Data("签名人,需求编号,T006,T046,T026\n李红梅,HS2020-033,90,82.5,71\n".utf8).write(to: csv)
        let service = JudgeService(store: store)
        #expect(throws: (any Error).self) { try service.importScores(file: csv, judgesFile: nil, event: "HS2020") }
        let mapping = try MappingService.correction(kind: .scores, assignments: ["签名人=judge"], headerRow: nil)
        let first = try service.importScores(
            ImportFile(url: csv), judgesFile: nil, event: "HS2020", mapping: mapping, saveMapping: true, savedBy: "组委会")
        #expect(first.corrected == 3)
        #expect(try MappingService(store: store).list(kind: .scores).first?.fields["签名人"] == "judge")
        try Data("签名人,需求编号,T006,T046,T026\n李红梅,HS2020-033,91,82.5,71\n".utf8).write(to: csv)
        let again = try service.importScores(file: csv, judgesFile: nil, event: "HS2020")
        #expect(again.corrected == 1 && again.unchanged == 2)
    }
}
