import DuijieCore
import Foundation
import Testing

@testable import Sheets

let xlsFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/xls")

@Suite struct XLSReaderTests {
    /// Every cell of a workbook written by xlwt reads as xlrd reads it (Fixtures/xls/make_fixture.py).
    @Test func aWorkbookFromAnotherWriterReadsAsXlrdReadsIt() throws {
        let workbook = try WorkbookOpener.open(xlsFixtures.appendingPathComponent("county-demands.xls"))
        #expect(workbook is XLSWorkbook)
        #expect(workbook.sheets.map(\.name) == ["汇总", "说明", "团队"])
        #expect(workbook.sheets.map(\.isHidden) == [false, true, false])
        var lines: [String] = []
        for sheet in workbook.sheets {
            try workbook.readRows(of: sheet) { row in
                var texts = row.cells.map(\.text)
                while texts.last == "" { texts.removeLast() }
                guard !texts.isEmpty else { return }
                lines.append(([sheet.name ?? "", String(row.number)] + texts).joined(separator: "\t"))
            }
        }
        let expected = try String(contentsOf: xlsFixtures.appendingPathComponent("county-demands.expected.tsv"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { $0.split(separator: "\t").count > 2 }
        #expect(lines.count == expected.count)
        for (got, want) in zip(lines, expected) where got != want {
            Issue.record("got  \(got)\nwant \(want)")
            break
        }
        // Typed values, not only their text.
        var first: [SheetRow] = []
        try workbook.readRows(of: workbook.sheets[0]) { first.append($0) }
        #expect(first[2][4] == .date(CivilDate(year: 2021, month: 7, day: 2)!))
        #expect(first[2][6] == .bool(true))
        #expect(first[3][3] == .number("300"))
    }

    @Test func importsLikeAnyOtherSheet() throws {
        // The header is found below the merged title, the county reaches every row, the totals row is a total.
        let workbook = try WorkbookOpener.open(xlsFixtures.appendingPathComponent("county-demands.xls"))
        var counties: [String] = []
        try workbook.readRows(of: workbook.sheets[0]) { row in
            if row.number >= 3, row.number <= 14 { counties.append(row[0].text) }
        }
        #expect(Set(counties) == ["枣强县", "冀州区", "安平县", "武邑县"])
        #expect(counties.count == 12)
    }

    @Test func damagedContainersAndOldFormatsGetPlainAnswers() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // An OLE2 signature and nothing sensible behind it.
        let garbage = dir.appendingPathComponent("old.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: garbage)
        #expect(throws: SheetsError.self) { try WorkbookOpener.open(garbage) }
        // A truncated real file.
        let real = try Data(contentsOf: xlsFixtures.appendingPathComponent("county-demands.xls"))
        let cut = dir.appendingPathComponent("cut.xls")
        try real.prefix(3000).write(to: cut)
        do {
            _ = try WorkbookOpener.open(cut)
            Issue.record("a truncated .xls opened")
        } catch let error as SheetsError {
            #expect(error.description.contains("cut.xls"))
        }
        // Every single-byte corruption of the header sector either opens or fails cleanly (no crash, no hang).
        for offset in stride(from: 0x2C, to: 0x200, by: 4) {
            var bytes = [UInt8](real)
            bytes[offset] ^= 0xFF
            let url = dir.appendingPathComponent("mutant.xls")
            try Data(bytes).write(to: url)
            if let workbook = try? WorkbookOpener.open(url) {
                for sheet in workbook.sheets { try? workbook.readRows(of: sheet) { _ in } }
            }
        }
    }

    @Test func stringDecodingCoversEveryPlane() {
        func utf16le(_ units: [UInt16]) -> [UInt8] { units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        let text = "衡水𠀀PVDF·é"
        let bytes = utf16le(Array(text.utf16))
        #expect(bytes.withUnsafeBufferPointer { StringReader.decode($0, wide: true) } == text)
        // An unpaired surrogate becomes U+FFFD instead of breaking the string.
        let broken = utf16le([0x6C34, 0xD840, 0x0041])
        #expect(broken.withUnsafeBufferPointer { StringReader.decode($0, wide: true) } == "水\u{FFFD}A")
        // 8-bit strings are Latin-1.
        let latin: [UInt8] = [0x43, 0x61, 0x66, 0xE9]
        #expect(latin.withUnsafeBufferPointer { StringReader.decode($0, wide: false) } == "Café")
    }

    @Test func rkNumbersAndDecimalText() {
        #expect(XLSWorkbook.rk(UInt32(bitPattern: Int32(1234) << 2) | 0x02) == 1234)
        #expect(XLSWorkbook.rk((UInt32(bitPattern: Int32(1234) << 2) | 0x02) | 0x01) == 12.34)
        let bits = (1.5).bitPattern >> 32
        #expect(XLSWorkbook.rk(UInt32(bits)) == 1.5)
        #expect(XLSWorkbook.decimal(0.001) == "0.001")
        #expect(XLSWorkbook.decimal(1e-7) == "0.0000001")
        #expect(XLSWorkbook.decimal(1_000_000) == "1000000")
        #expect(XLSWorkbook.decimal(-3.25) == "-3.25")
    }
}

/// Builds small BIFF8 workbooks in an OLE2 container, for records other writers do not produce.
enum BIFFBuilder {
    static func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func u32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
    static func f64(_ v: Double) -> [UInt8] { (0..<8).map { UInt8(v.bitPattern >> (8 * UInt64($0)) & 0xFF) } }
    static func record(_ type: Int, _ body: [UInt8]) -> [UInt8] { u16(type) + u16(body.count) + body }
    /// XLUnicodeString, 16-bit characters.
    static func string(_ text: String, lengthBytes: Int = 2) -> [UInt8] {
        let units = Array(text.utf16)
        return (lengthBytes == 2 ? u16(units.count) : [UInt8(units.count)]) + [0x01] + units.flatMap { u16(Int($0)) }
    }

    /// A workbook with one visible sheet whose records are `cells`; `strings` is the shared string table.
    static func workbook(strings: [String], cells: [[UInt8]], version: Int = 0x0600) -> [UInt8] {
        let sst = record(0x00FC, u32(UInt32(strings.count)) + u32(UInt32(strings.count)) + strings.flatMap { string($0) })
        let xfs =
            record(0x00E0, u16(0) + u16(0) + [UInt8](repeating: 0, count: 16))  // xf 0: General
            + record(0x00E0, u16(0) + u16(14) + [UInt8](repeating: 0, count: 16))  // xf 1: a built-in date
        let head = record(0x0809, u16(version) + u16(0x0005) + [UInt8](repeating: 0, count: 12)) + xfs
        let sheetName = string("县区表", lengthBytes: 1)
        let boundsheetLength = 4 + 4 + 2 + sheetName.count
        let globalsLength = head.count + boundsheetLength + sst.count + 4
        let boundsheet = record(0x0085, u32(UInt32(globalsLength)) + [0, 0] + sheetName)
        let globals = head + boundsheet + sst + record(0x000A, [])
        let sheet =
            record(0x0809, u16(version) + u16(0x0010) + [UInt8](repeating: 0, count: 12)) + cells.flatMap { $0 }
            + record(0x000A, [])
        return globals + sheet
    }

    /// An OLE2 container (512-byte sectors) holding `stream` as "Workbook", padded past the mini-stream cutoff.
    static func container(_ stream: [UInt8]) -> [UInt8] {
        var data = stream
        if data.count < 4096 { data += [UInt8](repeating: 0, count: 4096 - data.count) }
        let sectors = (data.count + 511) / 512
        var header = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 16)
        header += u16(0x3E) + u16(3) + u16(0xFFFE) + u16(9) + u16(6) + [UInt8](repeating: 0, count: 6)
        header += u32(0) + u32(1) + u32(1) + u32(0) + u32(4096) + u32(0xFFFF_FFFE) + u32(0) + u32(0xFFFF_FFFE) + u32(0)
        header += u32(0)  // DIFAT[0]: the FAT is sector 0
        header += (1..<109).flatMap { _ in u32(0xFFFF_FFFF) }
        var fat = u32(0xFFFF_FFFD) + u32(0xFFFF_FFFE)
        for i in 0..<sectors { fat += u32(i == sectors - 1 ? 0xFFFF_FFFE : UInt32(3 + i)) }
        fat += [UInt8](repeating: 0xFF, count: 512 - fat.count)
        func entry(_ name: String, type: UInt8, child: UInt32, start: UInt32, size: UInt32) -> [UInt8] {
            var bytes: [UInt8] = Array(name.utf16).flatMap { u16(Int($0)) } + [0, 0]
            bytes += [UInt8](repeating: 0, count: 64 - bytes.count)
            bytes += u16((name.utf16.count + 1) * 2) + [type, UInt8(1)] + u32(0xFFFF_FFFF) + u32(0xFFFF_FFFF) + u32(child)
            bytes += [UInt8](repeating: 0, count: 16 + 4 + 16)
            bytes += u32(start) + u32(size) + u32(0)
            return bytes
        }
        var directory = entry("Root Entry", type: 5, child: 1, start: 0xFFFF_FFFE, size: 0)
        directory += entry("Workbook", type: 2, child: 0xFFFF_FFFF, start: 2, size: UInt32(data.count))
        directory += [UInt8](repeating: 0, count: 512 - directory.count)
        let body = data + [UInt8](repeating: 0, count: sectors * 512 - data.count)
        return header + fat + directory + body
    }
}

@Suite struct XLSRecordTests {
    func read(_ bytes: [UInt8]) throws -> (XLSWorkbook, [SheetRow]) {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("b.xls")
        try Data(bytes).write(to: url)
        let workbook = try XLSWorkbook(url: url)
        var rows: [SheetRow] = []
        try workbook.readRows(of: workbook.sheets[0]) { rows.append($0) }
        return (workbook, rows)
    }

    @Test func everyCellRecordExcelWrites() throws {
        typealias B = BIFFBuilder
        let rk = (UInt32(bitPattern: Int32(4250) << 2) | 0x03)  // 42.5 as an integer RK / 100
        let cells: [[UInt8]] = [
            B.record(0x00FD, B.u16(0) + B.u16(0) + B.u16(0) + B.u32(1)),  // LABELSST → 企业名称
            B.record(0x0204, B.u16(0) + B.u16(1) + B.u16(0) + B.string("需求名称")),  // LABEL
            B.record(0x0203, B.u16(1) + B.u16(0) + B.u16(0) + B.f64(12.5)),  // NUMBER
            B.record(0x027E, B.u16(1) + B.u16(1) + B.u16(0) + B.u32(rk)),  // RK
            B.record(
                0x00BD,
                B.u16(2) + B.u16(0) + B.u16(0) + B.u32(UInt32(7) << 2 | 2) + B.u16(0) + B.u32(UInt32(8) << 2 | 2) + B.u16(1)
                    + B.u32(UInt32(44377) << 2 | 2) + B.u16(2)),  // MULRK: 7, 8, a date
            B.record(0x0205, B.u16(3) + B.u16(0) + B.u16(0) + [1, 0]),  // BOOLERR: TRUE
            B.record(0x0205, B.u16(3) + B.u16(1) + B.u16(0) + [0x07, 1]),  // BOOLERR: #DIV/0!
            B.record(0x0006, B.u16(4) + B.u16(0) + B.u16(0) + B.f64(0.1 + 0.2) + [0, 0, 0, 0, 0, 0]),  // FORMULA number
            B.record(0x0006, B.u16(4) + B.u16(1) + B.u16(0) + [0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + [0, 0, 0, 0, 0, 0]),
            B.record(0x0207, B.string("公式文本")),  // STRING: the formula's text result
            B.record(0x0006, B.u16(4) + B.u16(2) + B.u16(0) + [1, 0, 1, 0, 0, 0, 0xFF, 0xFF] + [0, 0, 0, 0, 0, 0]),
            B.record(0x0203, B.u16(5) + B.u16(0) + B.u16(0) + B.f64(1e-7)),
            B.record(0x00FD, B.u16(6) + B.u16(0) + B.u16(0) + B.u32(0)),  // 饶阳县, merged down two rows
            B.record(0x00FD, B.u16(7) + B.u16(1) + B.u16(0) + B.u32(1)),
            B.record(0x00E5, B.u16(1) + B.u16(6) + B.u16(7) + B.u16(0) + B.u16(0)),
        ]
        let (workbook, rows) = try read(BIFFBuilder.container(BIFFBuilder.workbook(strings: ["饶阳县", "企业名称"], cells: cells)))
        #expect(workbook.sheets.map(\.name) == ["县区表"])
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(rows[0].cells == [.text("企业名称"), .text("需求名称")])
        #expect(rows[1].cells == [.number("12.5"), .number("42.5")])
        #expect(rows[2].cells == [.number("7"), .number("8"), .date(CivilDate(year: 2021, month: 6, day: 30)!)])
        #expect(rows[3].cells == [.bool(true), .error("#DIV/0!")])
        #expect(rows[4].cells == [.number("0.30000000000000004"), .text("公式文本"), .bool(true)])
        #expect(rows[5].cells == [.number("0.0000001")])
        #expect(rows[7][0] == .text("饶阳县"))  // filled down from the merge
    }

    @Test func olderFormatsAndEncryptionAreRefusedPlainly() throws {
        let biff5 = BIFFBuilder.container(BIFFBuilder.workbook(strings: [], cells: [], version: 0x0500))
        #expect(throws: SheetsError.legacyExcel(file: "b.xls")) { _ = try read(biff5) }
        var stream = BIFFBuilder.workbook(strings: [], cells: [])
        stream.insert(contentsOf: BIFFBuilder.record(0x002F, [0, 0]), at: 20)
        do {
            _ = try read(BIFFBuilder.container(stream))
            Issue.record("an encrypted workbook opened")
        } catch let error as SheetsError {
            #expect(error.description.contains("password"))
        }
    }

    @Test func aSharedStringSplitAcrossContinueRecords() throws {
        typealias B = BIFFBuilder
        // One string of 5 characters: 2 in the SST record (16-bit), 3 in a CONTINUE that switches to 8-bit.
        let sstBody = B.u32(1) + B.u32(1) + B.u16(5) + [0x01] + B.u16(0x6D4B) + B.u16(0x8BD5)
        let cont = [0x00] + Array("abc".utf8)
        var stream = BIFFBuilder.workbook(strings: [], cells: [B.record(0x00FD, B.u16(0) + B.u16(0) + B.u16(0) + B.u32(0))])
        // Replace the empty SST with the split one (the sheet offset moves by the difference).
        let emptySST = B.record(0x00FC, B.u32(0) + B.u32(0))
        let split = B.record(0x00FC, sstBody) + B.record(0x003C, cont)
        let at = try #require(stream.firstRange(of: emptySST))
        stream.replaceSubrange(at, with: split)
        let shift = split.count - emptySST.count
        let boundsheet = try #require(stream.firstRange(of: [0x85, 0x00]))
        let old = Int(stream[boundsheet.upperBound + 2]) | Int(stream[boundsheet.upperBound + 3]) << 8
        stream.replaceSubrange((boundsheet.upperBound + 2)..<(boundsheet.upperBound + 4), with: B.u16(old + shift))
        let (_, rows) = try read(BIFFBuilder.container(stream))
        #expect(rows.first?[0] == .text("测试abc"))
    }
}
