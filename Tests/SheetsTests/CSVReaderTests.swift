import Foundation
import Testing

@testable import Sheets

@Suite struct CSVReaderTests {
    func rows(_ bytes: [UInt8], name: String = "t.csv") throws -> [SheetRow] {
        let workbook = try CSVWorkbook(data: Data(bytes), fileName: name)
        var rows: [SheetRow] = []
        try workbook.readRows(of: workbook.sheets[0]) { rows.append($0) }
        return rows
    }

    @Test func rfc4180QuotesSeparatorsAndLineBreaks() throws {
        let text = "需求名称,描述\r\n\"PVDF膜, 改性\",\"第一行\r\n第二行 \"\"引号\"\"\"\r\n简单,\r\n最后,行"
        let result = try rows(Array(text.utf8))
        #expect(result.map(\.number) == [1, 2, 4, 5])
        #expect(result[1][0] == .text("PVDF膜, 改性"))
        #expect(result[1][1] == .text("第一行\r\n第二行 \"引号\""))
        #expect(result[2][1] == .empty)
        #expect(result[3][1] == .text("行"))
    }

    @Test func utf8WithBOM() throws {
        let workbook = try CSVWorkbook(data: Data([0xEF, 0xBB, 0xBF] + Array("企业名称,需求名称\n".utf8)), fileName: "bom.csv")
        #expect(workbook.encoding == .utf8)
        var first: SheetRow?
        try workbook.readRows(of: workbook.sheets[0]) { if first == nil { first = $0 } }
        #expect(first?[0] == .text("企业名称"))
    }

    @Test func gb18030IsDetected() throws {
        let bytes = try TextEncoder.gb18030("企业名称,需求名称\r\n衡水益通管业有限责任公司,内接式波纹管衬砌结构关键技术\r\n")
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let workbook = try CSVWorkbook(data: Data(bytes), fileName: "gbk.csv")
        #expect(workbook.encoding == .gb18030)
        var all: [SheetRow] = []
        try workbook.readRows(of: workbook.sheets[0]) { all.append($0) }
        #expect(all[1][0] == .text("衡水益通管业有限责任公司"))
        #expect(all[1][1] == .text("内接式波纹管衬砌结构关键技术"))
    }

    @Test func undecodableBytesNameTheLine() throws {
        var bytes = try TextEncoder.gb18030("企业名称,需求名称\r\n甲公司,需求一\r\n")
        bytes += [0x81, 0x20, 0x2C, 0x0D, 0x0A]  // 0x81 must be followed by a trail byte, not a space
        do {
            _ = try CSVWorkbook(data: Data(bytes), fileName: "bad.csv")
            Issue.record("bad bytes accepted")
        } catch let SheetsError.undecodableText(file, line, shown) {
            #expect(file == "bad.csv")
            #expect(line == 3)
            #expect(shown.hasPrefix("81"))
        }
    }

    @Test func utf8WithBOMAndABadByteNamesTheLine() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\nc,d\n".utf8) + [0xFF, 0x0A]
        #expect(throws: SheetsError.undecodableText(file: "x.csv", line: 3, bytes: "FF 0A")) {
            try CSVWorkbook(data: Data(bytes), fileName: "x.csv")
        }
    }

    @Test func utf16TabSeparatedUnicodeText() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "企业名称\t需求名称\r\n甲\t乙\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let result = try rows(bytes)
        #expect(result[1][1] == .text("乙"))
    }

    @Test(arguments: [("a;b;c\n1;2;3", UInt8(0x3B)), ("a\tb\tc\n1\t2\t3", 0x09), ("a,b;c\n", 0x2C)])
    func detectsSeparator(text: String, separator: UInt8) throws {
        #expect(try CSVWorkbook(data: Data(text.utf8), fileName: "s.csv").separator == separator)
    }

    @Test func formulaLikeTextIsNeutralisedOnExport() {
        #expect(
            TextEncoder.csvRecord(["=1+1", "+86", "@SUM(A1)", "正常"], neutraliseFormulas: true) == "'=1+1,'+86,'@SUM(A1),正常\r\n")
        #expect(TextEncoder.csvRecord(["a,b", "say \"hi\""]) == "\"a,b\",\"say \"\"hi\"\"\"\r\n")
    }
}

@Suite struct SpreadsheetMLReaderTests {
    @Test func readsWorksheetsIndexesTypesAndHiddenSheets() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("book.xml")
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
             <Worksheet ss:Name="深州市"><Table>
              <Row><Cell><Data ss:Type="String">需求名称</Data></Cell><Cell ss:Index="3"><Data ss:Type="String">预计投入</Data></Cell></Row>
              <Row ss:Index="4"><Cell><ss:Data ss:Type="String"><html:B>蜜桃</html:B>保鲜</ss:Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell><Cell><Data ss:Type="Number">1.25E2</Data></Cell><Cell><Data ss:Type="DateTime">2021-06-30T00:00:00.000</Data></Cell></Row>
             </Table></Worksheet>
             <Worksheet ss:Name="隐藏"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table>
              <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
            </Workbook>
            """
        try Data(xml.utf8).write(to: url)
        let workbook = try WorkbookOpener.open(url)
        #expect(workbook.sheets.map(\.name) == ["深州市", "隐藏"])
        #expect(workbook.sheets.map(\.isHidden) == [false, true])
        var rows: [SheetRow] = []
        try workbook.readRows(of: workbook.sheets[0]) { rows.append($0) }
        #expect(rows.map(\.number) == [1, 4])
        #expect(rows[0][2] == .text("预计投入"))
        #expect(rows[1][0] == .text("蜜桃保鲜"))
        #expect(rows[1][1] == .bool(true))
        #expect(rows[1][2] == .number("125"))
        #expect(rows[1][3].text == "2021-06-30")
    }

    @Test func plainXMLThatIsNotSpreadsheetML() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("feed.xml")
        try Data("<?xml version=\"1.0\"?><rss><channel/></rss>".utf8).write(to: url)
        #expect(throws: SheetsError.self) { try WorkbookOpener.open(url) }
    }
}
