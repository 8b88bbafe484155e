import DuijieCore
import Ingestion
import Sheets
import Testing

/// The organizer's corrections: a mapping decides the columns it names before the vocabulary and value inference,
/// `ignore` leaves a column unread, a header row is taken as said, and a saved mapping is found by the header's
/// signature.
@Suite struct ColumnMappingTests {
    /// A county sheet whose headers no vocabulary foresaw: 单位 (the enterprise), 难题 (the title), 情况说明.
    static var oddSheet: MemoryWorkbook {
        MemoryWorkbook(sheets: [
            (
                "Sheet1",
                [
                    t("单位", "难题", "情况说明", "备用"),
                    t("河北圣春冀暖散热器有限公司", "铸铁暖气片消失模铸造工艺改进", "现有工艺砂眼多", "x"),
                    t("河北暖康散热器有限公司", "铜铝复合散热器焊接与防腐技术", "焊缝易腐蚀", "y"),
                ]
            )
        ])
    }

    static let fields = DemandField.allCases.map(\.rawValue)

    @Test func withoutAMappingTheSheetHasNoHeader() {
        #expect(throws: IngestionError.self) { try collect(DemandSchema(), Self.oddSheet) }
    }

    @Test func aMappingNamesTheColumnsAndIgnoresOne() throws {
        var options = ReaderOptions()
        options.mapping = try ColumnMapping.parse(
            ["单位=enterprise", "难题=title", "情况说明=description", "备用=ignore"], fields: Self.fields)
        let result = try collect(DemandSchema(), Self.oddSheet, options: options)
        #expect(result.rejected.isEmpty)
        #expect(result.records.map(\.enterprise) == ["河北圣春冀暖散热器有限公司", "河北暖康散热器有限公司"])
        #expect(result.records.map(\.description) == ["现有工艺砂眼多", "焊缝易腐蚀"])
        let columns = try #require(result.report.sheets.first?.columns)
        #expect(columns.map(\.how) == [.mapped, .mapped, .mapped, .mapped])
        #expect(columns.map(\.field) == ["enterprise", "title", "description", nil])
        #expect(result.report.sheets.first?.signature == "单位|难题|情况说明|备用")
    }

    @Test func aMappingOverridesTheVocabulary() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "Sheet1",
                [
                    t("企业名称", "需求名称", "需求描述", "联系人"),
                    t("甲公司", "需求一", "描述一", "王工"),
                ]
            )
        ])
        var options = ReaderOptions()
        // The organizer says 需求描述 holds the goals here, and 联系人 is not to be read.
        options.mapping = try ColumnMapping.parse(["需求描述=goals", "联系人=ignore"], fields: Self.fields)
        let result = try collect(DemandSchema(), workbook, options: options)
        #expect(result.records.first?.goals == "描述一")
        #expect(result.records.first?.description == nil)
        #expect(result.records.first?.contact == nil)
    }

    @Test func theHeaderRowIsTakenAsSaid() throws {
        let workbook = MemoryWorkbook(sheets: [
            (
                "Sheet1",
                [
                    t("企业名称", "需求名称"),  // a decoy: a sample header row the county left above the real table
                    t("示例公司", "示例需求"),
                    t("单位", "难题"),
                    t("甲公司", "需求一"),
                ]
            )
        ])
        var options = ReaderOptions()
        options.mapping = try ColumnMapping.parse(["单位=enterprise", "难题=title"], fields: Self.fields, headerRow: 3)
        let result = try collect(DemandSchema(), workbook, options: options)
        #expect(result.records.map(\.enterprise) == ["甲公司"])
        #expect(result.report.sheets.first?.headerRows == [3])
    }

    @Test func aSavedMappingIsFoundByTheHeaderSignature() throws {
        let saved = try ColumnMapping.parse(
            ["单位=enterprise", "难题=title", "情况说明=description"], fields: Self.fields)
        var options = ReaderOptions()
        options.savedMappings = [ColumnMapping.signature(["单位", "难题", "情况说明", "备用"]): saved]
        let result = try collect(DemandSchema(), Self.oddSheet, options: options)
        #expect(result.records.count == 2)
        #expect(result.report.sheets.first?.savedMapping == true)
        // Another layout (one more column) does not have that signature.
        options.savedMappings = [ColumnMapping.signature(["单位", "难题"]): saved]
        #expect(throws: IngestionError.self) { try collect(DemandSchema(), Self.oddSheet, options: options) }
    }

    @Test func fieldNamesAsTheListJSONWritesThem() throws {
        let mapping = try ColumnMapping.parse(
            ["投入=budget_yuan", "合作=cooperation_mode", "Contact Person = CONTACT"], fields: Self.fields)
        #expect(mapping.fields == ["投入": "budget", "合作": "cooperationMode", ColumnMapping.key("Contact Person"): "contact"])
    }

    @Test func badCorrectionsSayWhatIsWrong() {
        #expect(throws: ColumnMappingError.notAnAssignment("单位")) { try ColumnMapping.parse(["单位"], fields: Self.fields) }
        do {
            _ = try ColumnMapping.parse(["单位=company"], fields: Self.fields)
            Issue.record("an unknown field was accepted")
        } catch let error as ColumnMappingError {
            #expect(error.description.contains("'company'") && error.description.contains("enterprise"))
        } catch {
            Issue.record("\(error)")
        }
        #expect(throws: ColumnMappingError.badHeaderRow(0)) {
            try ColumnMapping.parse([], fields: Self.fields, headerRow: 0)
        }
    }
}
