import DuijieCore
import Foundation
import Testing

@testable import Sheets

@Suite struct MergedCellsTests {
    func readAll(_ url: URL) throws -> [SheetRow] {
        let workbook = try WorkbookOpener.open(url)
        var rows: [SheetRow] = []
        try workbook.readRows(of: workbook.sheets[0]) { rows.append($0) }
        return rows
    }

    @Test func xlsxCountiesMergedDownAreFilledTitlesAcrossAreNot() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("merged.xlsx")
        let writer = try XLSXWriter()
        try writer.addSheet(
            name: "需求", merges: ["A1:D1", "A3:A5", "$A$6:$A$7", "B6:C6", "D3:D4"],
            rows: [
                [.text("衡水市技术需求汇总")],
                [.text("县市区"), .text("企业名称"), .text("需求名称"), .text("备注")],
                [.text("枣强县"), .text("甲公司"), .text("需求一"), .text("同一备注")],
                [.empty, .text("乙公司"), .text("需求二")],
                [.empty, .text("丙公司"), .text("需求三"), .text("自己的备注")],
                [.text("冀州区"), .text("丁公司")],
                [.empty, .text("戊公司"), .text("需求五")],
            ])
        try writer.write(to: url)
        let rows = try readAll(url)
        #expect(rows.map { $0[0].text } == ["衡水市技术需求汇总", "县市区", "枣强县", "枣强县", "枣强县", "冀州区", "冀州区"])
        #expect(rows[0][1].isBlank)  // a title across columns is not repeated
        #expect(rows[3][3].text == "同一备注")  // D3:D4
        #expect(rows[4][3].text == "自己的备注")  // below the range: untouched
        #expect(rows[5][2].isBlank)  // B6:C6 is one row tall
    }

    @Test func referencesAndTheByteSearch() throws {
        #expect(MergedCells.Range(reference: "A3:A7") == .init(top: 3, bottom: 7, left: 0, right: 0))
        #expect(MergedCells.Range(reference: "$AB$10:$AA$2") == .init(top: 2, bottom: 10, left: 26, right: 27))
        #expect(MergedCells.Range(reference: "A3") == nil)
        #expect(MergedCells.Range(reference: "3A:A3") == nil)
        let xml = #"<x:mergeCells count="2"><x:mergeCell ref="A3:A5"/><mergeCell  ref="B2:C9"/></x:mergeCells><mergeCells/>"#
        #expect(try MergedCells.ranges(inWorksheet: Array(xml.utf8)).count == 2)
        #expect(try MergedCells.ranges(inWorksheet: Array("<mergeCell".utf8)).isEmpty)
        #expect(throws: (any Error).self) {
            try MergedCells.ranges(inWorksheet: Array(#"<mergeCell ref="B2:B99999999999999999999"/>"#.utf8))
        }
    }

    @Test func spreadsheetMLMergeDownFillsAndMergeAcrossMovesTheNextCell() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("book.xml")
        let xml = """
            <?xml version="1.0"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="需求"><Table>
            <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">标题</Data></Cell><Cell><Data ss:Type="String">D1</Data></Cell></Row>
            <Row><Cell><Data ss:Type="String">县市区</Data></Cell><Cell><Data ss:Type="String">企业名称</Data></Cell></Row>
            <Row><Cell ss:MergeDown="2"><Data ss:Type="String">故城县</Data></Cell><Cell><Data ss:Type="String">甲</Data></Cell></Row>
            <Row><Cell ss:Index="2"><Data ss:Type="String">乙</Data></Cell></Row>
            <Row><Cell ss:Index="2"><Data ss:Type="String">丙</Data></Cell></Row>
            <Row><Cell><Data ss:Type="String">景县</Data></Cell><Cell><Data ss:Type="String">丁</Data></Cell></Row>
            </Table></Worksheet></Workbook>
            """
        try Data(xml.utf8).write(to: url)
        let rows = try readAll(url)
        #expect(rows[0][3].text == "D1")
        #expect(rows[0][1].isBlank)
        #expect(rows.map { $0[0].text } == ["标题", "县市区", "故城县", "故城县", "故城县", "景县"])
        #expect(rows[3][1].text == "乙")
    }
}
