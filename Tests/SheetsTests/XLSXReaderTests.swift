import DuijieCore
import Foundation
import Testing

@testable import Sheets

@Suite struct XLSXReaderTests {
    func readAll(_ workbook: Workbook, sheet: Int = 0) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        try workbook.readRows(of: workbook.sheets[sheet]) { rows.append($0) }
        return rows
    }

    @Test(arguments: [XLSXWriter.StringStorage.shared, .inline])
    func roundTripsWhatTheWriterWrites(storage: XLSXWriter.StringStorage) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("book.xlsx")
        let writer = try XLSXWriter(strings: storage)
        try writer.addSheet(
            name: "桃城区", merges: ["A1:D1"],
            rows: [
                [.text("2020年需求汇总表")],
                [.text("需求名称"), .text("预计投入(万元)"), .text("截止日期"), .text("公开")],
                [.text("PVDF膜 & <改性>\n第二行"), .number("12.5"), .date(CivilDate(year: 2021, month: 6, day: 30)!), .bool(true)],
                [],
                [.text("合计"), .number("12.5")],
            ])
        try writer.addSheet(name: "说明", hidden: true, rows: [[.text("hidden")]])
        try writer.write(to: url)

        let workbook = try WorkbookOpener.open(url)
        #expect(workbook is XLSXWorkbook)
        #expect(workbook.sheets.map(\.name) == ["桃城区", "说明"])
        #expect(workbook.sheets.map(\.isHidden) == [false, true])
        let rows = try readAll(workbook)
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(rows[0][0] == .text("2020年需求汇总表"))
        #expect(rows[2][0] == .text("PVDF膜 & <改性>\n第二行"))
        #expect(rows[2][1] == .number("12.5"))
        #expect(rows[2][2] == .date(CivilDate(year: 2021, month: 6, day: 30)!))
        #expect(rows[2][3] == .bool(true))
        #expect(rows[3].isBlank)
        #expect(try readAll(workbook, sheet: 1)[0][0] == .text("hidden"))
    }

    @Test func date1904WorkbooksReadTheSameDates() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("mac.xlsx")
        let writer = try XLSXWriter(uses1904: true)
        try writer.addSheet(name: "S", rows: [[.date(CivilDate(year: 2021, month: 6, day: 30)!)]])
        try writer.write(to: url)
        let workbook = try XLSXWorkbook(url: url)
        #expect(workbook.uses1904)
        #expect(try readAll(workbook)[0][0] == .date(CivilDate(year: 2021, month: 6, day: 30)!))
    }

    @Test func handMadePartsWithRichTextPhoneticsEscapesAndMissingReferences() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("rich.xlsx")
        let strings = """
            <sst \(sheetNamespace) count="3" uniqueCount="3">
            <si><t>企业名称</t></si>
            <si><r><rPr><b/></rPr><t>河北</t></r><r><t xml:space="preserve">联达 </t></r><rPh sb="0" eb="2"><t>ヘベイ</t></rPh></si>
            <si><t>第一行_x000D_第二行</t></si>
            </sst>
            """
        let styles = """
            <styleSheet \(sheetNamespace)><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00&quot;万元&quot;"/></numFmts>
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="31"/></cellXfs></styleSheet>
            """
        let sheet = """
            <worksheet \(sheetNamespace)><sheetData>
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>
            <row><c t="s"><v>2</v></c><c s="1"><v>44377</v></c><c s="2"><v>12.5</v></c><c s="3"><v>44377</v></c></row>
            <row r="5"><c r="A5" t="str"><f>A2&amp;"x"</f><v>企业名称x</v></c><c r="B5" t="b"><v>0</v></c><c r="C5" t="e"><v>#N/A</v></c><c r="D5"><v>1.2E-3</v></c><c r="E5" t="inlineStr"><is><r><t>行内</t></r><r><t>文本</t></r></is></c><c r="F5" t="d"><v>2021-06-30T00:00:00</v></c></row>
            </sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells></worksheet>
            """
        try writeZip(minimalWorkbook(sheetXML: sheet, sharedStrings: strings, styles: styles), to: url)
        let rows = try readAll(try WorkbookOpener.open(url))
        #expect(rows.map(\.number) == [2, 3, 5])
        #expect(rows[0][0] == .text("企业名称"))
        #expect(rows[0][1] == .empty)
        #expect(rows[0][2] == .text("河北联达 "))
        #expect(rows[1][0] == .text("第一行\r第二行"))
        #expect(rows[1][1] == .date(CivilDate(year: 2021, month: 6, day: 30)!))
        // The cell's format shows 万元, so the unit is part of its value (docs/formats.md, "Values").
        #expect(rows[1][2] == .text("12.5万元"))
        #expect(rows[1][3] == .date(CivilDate(year: 2021, month: 6, day: 30)!))
        #expect(rows[2][0] == .text("企业名称x"))
        #expect(rows[2][1] == .bool(false))
        #expect(rows[2][2] == .error("#N/A"))
        #expect(rows[2][3] == .number("0.0012"))
        #expect(rows[2][4] == .text("行内文本"))
        #expect(rows[2][5] == .date(CivilDate(year: 2021, month: 6, day: 30)!))
    }

    @Test(arguments: [
        ("yyyy\"年\"m\"月\"d\"日\"", true), ("yyyy年m月d日", true), ("yyyy/m/d", true), ("[$-804]yyyy\"年\"m\"月\"", true),
        ("0.00\"万元\"", false), ("#,##0.00", false), ("General", false), ("[Red]0", false), ("@", false), ("0%", false),
    ])
    func classifiesNumberFormats(code: String, isDate: Bool) {
        #expect(NumberFormat.isDate(code) == isDate)
    }

    @Test(
        arguments: [
            ("0.00\"万元\"", MoneyUnit.wan), ("#,##0\"万\"", .wan), ("0\"元\"", .yuan), ("¥#,##0.00", .yuan),
            ("[$¥-804]#,##0.00", .yuan), ("[$￥-804]#,##0", .yuan), ("0.00\"亿元\"", .yi), ("0!.0000\"万元\"", .yuan),
            ("0\\.0000\"万\"", .yuan), ("#,##0.00", nil), ("0%", nil), ("@", nil),
        ] as [(String, MoneyUnit?)])
    func numberFormatsThatShowAMoneyUnit(code: String, unit: MoneyUnit?) {
        #expect(NumberFormat.moneyUnit(code) == unit)
        #expect(NumberFormat.style(id: 200, code: code) == (unit.map(NumberStyle.money) ?? .plain))
    }

    @Test func builtInCurrencyFormatsAreYuanAndAMoneyCellReadsWithItsUnit() {
        #expect(NumberFormat.style(id: 7, code: nil) == .money(.yuan))
        #expect(NumberFormat.style(id: 44, code: nil) == .money(.yuan))
        #expect(NumberFormat.style(id: 3, code: nil) == .plain)
        #expect(NumberStyle.cell("1.25E1", style: .money(.wan), uses1904: false) == .text("12.5万元"))
        #expect(NumberStyle.cell("300000", style: .money(.yuan), uses1904: false) == .text("300000元"))
    }

    @Test func builtInDateFormats() {
        #expect(NumberFormat.isBuiltInDate(14))
        #expect(NumberFormat.isBuiltInDate(31))  // yyyy"年"m"月"d"日" in the Chinese built-ins
        #expect(NumberFormat.isBuiltInDate(57))
        #expect(!NumberFormat.isBuiltInDate(0))
        #expect(!NumberFormat.isBuiltInDate(4))
    }

    @Test func scientificNumbersBecomePlainDecimals() {
        #expect(DecimalText.plain("1.2E-3") == "0.0012")
        #expect(DecimalText.plain("4.4377E4") == "44377")
        #expect(DecimalText.plain("1.3800138E10") == "13800138000")
        #expect(DecimalText.plain("-2.5e2") == "-250")
        #expect(DecimalText.plain("12.50") == "12.5")
        #expect(DecimalText.plain("50") == "50")
    }

    @Test func columnLettersRoundTrip() {
        #expect(columnLetters(0) == "A")
        #expect(columnLetters(25) == "Z")
        #expect(columnLetters(27) == "AB")
        #expect(columnLetters(16_383) == "XFD")
        for index in [0, 25, 26, 701, 702, 16_383] {
            let letters = Array(columnLetters(index).utf8)
            #expect(letters.withUnsafeBufferPointer { SheetHandler.columnIndex($0) } == index)
        }
    }

    @Test func largeGeneratedSheetStreamsEveryRow() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("big.xlsx")
        let writer = try XLSXWriter()
        let count = 100_000
        try writer.addSheet(name: "big") { emit in
            emit([.text("需求名称"), .text("预计投入")])
            for i in 1...count { emit([.text("需求\(i % 5000)"), .number(String(i))]) }
        }
        try writer.write(to: url)
        var seen = 0
        var wrong = 0
        let workbook = try WorkbookOpener.open(url)
        // Shared strings load on another thread while rows are held back: every row must still come out
        // complete and in order, whenever the strings arrive.
        try workbook.readRows(of: workbook.sheets[0]) { row in
            if seen > 0 {
                if row.number != seen + 1 || row[0] != .text("需求\(seen % 5000)") || row[1] != .number(String(seen)) {
                    wrong += 1
                }
            }
            seen += 1
        }
        #expect(seen == count + 1)
        #expect(wrong == 0)
        // A second sheet read reuses the strings already loaded.
        var again = 0
        try workbook.readRows(of: workbook.sheets[0]) { row in if row[0] == .text("需求1") { again += 1 } }
        #expect(again == count / 5000)

        // With a tiny hold-back limit the reader must wait for the strings instead of buffering.
        let tight = try XLSXWorkbook(
            url: url, limits: ReadLimits(maxPartBytes: 1 << 30, maxTotalBytes: 1 << 31, maxPendingCells: 10))
        var tightRows = 0
        var tightWrong = 0
        try tight.readRows(of: tight.sheets[0]) { row in
            if tightRows > 0 && row[0] != .text("需求\(tightRows % 5000)") { tightWrong += 1 }
            tightRows += 1
        }
        #expect(tightRows == count + 1)
        #expect(tightWrong == 0)
    }
}
