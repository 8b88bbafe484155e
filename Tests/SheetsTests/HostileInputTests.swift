import Foundation
import Testing
import ZIPFoundation

@testable import Sheets

@Suite struct HostileInputTests {
    @Test func randomBytesAreNotASpreadsheet() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("photo.xlsx")
        var generator = SystemRandomNumberGenerator()
        try Data((0..<4096).map { i in i % 7 == 0 ? 0 : UInt8.random(in: 1...255, using: &generator) }).write(to: url)
        #expect(throws: SheetsError.self) { try WorkbookOpener.open(url) }
    }

    @Test func emptyFileAndMissingFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        #expect(throws: SheetsError.notASpreadsheet(file: "empty.csv", reason: "the file is empty")) {
            try WorkbookOpener.open(empty)
        }
        #expect(throws: SheetsError.unreadableFile(file: "nope.xlsx", reason: "no such file")) {
            try WorkbookOpener.open(dir.appendingPathComponent("nope.xlsx"))
        }
    }

    @Test func legacyXLSGarbageGetsAPlainAnswer() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("old.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: url)
        #expect(throws: SheetsError.self) { try WorkbookOpener.open(url) }
    }

    @Test func truncatedZipIsCorrupt() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = dir.appendingPathComponent("whole.xlsx")
        let writer = try XLSXWriter()
        try writer.addSheet(name: "S") { emit in for i in 0..<2000 { emit([.text("需求\(i)"), .number("\(i)")]) } }
        try writer.write(to: whole)
        let data = try Data(contentsOf: whole)
        let cut = dir.appendingPathComponent("cut.xlsx")
        try data.prefix(data.count / 2).write(to: cut)
        do {
            let workbook = try WorkbookOpener.open(cut)
            try workbook.readRows(of: workbook.sheets[0]) { _ in }
            Issue.record("a truncated zip was read")
        } catch let error as SheetsError {
            guard case .corruptArchive(let file, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(file == "cut.xlsx")
        }
    }

    @Test func zipBombPartIsRefusedBeforeMemoryGrows() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bomb.xlsx")
        // A sheet part of 64 MiB of the same bytes deflates to well under 1 MiB: far past 200× the file.
        var parts = minimalWorkbook(sheetXML: "")
        parts.removeAll { $0.0 == "xl/worksheets/sheet1.xml" }
        try writeZip(parts, to: url)
        let archive = try Archive(url: url, accessMode: .update)
        let size = 64 << 20
        let chunk = Data(String(repeating: "<row/>", count: 10_923).utf8)
        let head = Data("<worksheet><sheetData>".utf8)
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
            bufferSize: chunk.count,
            provider: { position, length in
                if position == 0 { return head + chunk.prefix(length - head.count) }
                return chunk.prefix(length)
            })
        let fileSize = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        #expect(fileSize < 1 << 20)
        let workbook = try WorkbookOpener.open(url)
        #expect(throws: SheetsError.partTooLarge(file: "bomb.xlsx", part: "xl/worksheets/sheet1.xml", limit: 32 << 20)) {
            try workbook.readRows(of: workbook.sheets[0]) { _ in }
        }
    }

    @Test func inflatedBytesAreCountedEvenWhenTheHeaderLies() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("small-limit.xlsx")
        let rows = String(repeating: "<row><c><v>1</v></c></row>", count: 5000)
        try writeZip(
            minimalWorkbook(sheetXML: "<worksheet \(sheetNamespace)><sheetData>\(rows)</sheetData></worksheet>"), to: url)
        let workbook = try XLSXWorkbook(url: url, limits: ReadLimits(maxPartBytes: 50_000, maxTotalBytes: 1 << 30))
        #expect(throws: SheetsError.self) { try workbook.readRows(of: workbook.sheets[0]) { _ in } }
    }

    @Test func externalEntityInASheetIsNotResolved() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("xxe.xlsx")
        let sheet = """
            <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <worksheet \(sheetNamespace)><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>
            """
        try writeZip(minimalWorkbook(sheetXML: sheet), to: url)
        var texts: [String] = []
        do {
            let workbook = try WorkbookOpener.open(url)
            try workbook.readRows(of: workbook.sheets[0]) { row in texts += row.cells.map(\.text) }
        } catch is SheetsError {
            // refusing is fine
        }
        #expect(!texts.joined().contains("root:"))
    }

    @Test func deeplyNestedSheetIsMalformed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("deep.xlsx")
        let nested = String(repeating: "<x>", count: 5000) + String(repeating: "</x>", count: 5000)
        try writeZip(minimalWorkbook(sheetXML: "<worksheet \(sheetNamespace)>\(nested)</worksheet>"), to: url)
        let workbook = try WorkbookOpener.open(url)
        do {
            try workbook.readRows(of: workbook.sheets[0]) { _ in }
            Issue.record("deep nesting accepted")
        } catch let SheetsError.malformedXML(file, part, _, message) {
            #expect(file == "deep.xlsx")
            #expect(part == "xl/worksheets/sheet1.xml")
            #expect(message.contains("deeper"))
        }
    }

    @Test func zipWithoutWorkbookIsNotASpreadsheet() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("docs.zip")
        try writeZip([("readme.txt", "hello")], to: url)
        #expect(throws: SheetsError.self) { try WorkbookOpener.open(url) }
    }

    /// A deflate stream that stops before its final block (the stored length says so): ZIPFoundation looped forever.
    @Test func aDeflateStreamWithoutItsFinalBlockEndsWithAnError() throws {
        let parts = minimalWorkbook(
            sheetXML: "<worksheet \(sheetNamespace)><sheetData>"
                + (0..<400).map { "<row r=\"\($0 + 1)\"><c t=\"inlineStr\"><is><t>需求\($0)</t></is></c></row>" }.joined()
                + "</sheetData></worksheet>")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("whole.xlsx")
        try writeZip(parts, to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        // Find the sheet's local header and halve its compressed size in the central directory, so the stream ends early.
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        var central = -1
        for i in 0..<(bytes.count - 46) where bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 1 && bytes[i + 3] == 2 {
            let length = Int(bytes[i + 28]) | Int(bytes[i + 29]) << 8
            if Array(bytes[(i + 46)..<(i + 46 + length)]) == name { central = i }
        }
        try #require(central >= 0)
        let size = Int(bytes[central + 20]) | Int(bytes[central + 21]) << 8 | Int(bytes[central + 22]) << 16
        let half = size / 2
        bytes[central + 20] = UInt8(half & 0xFF)
        bytes[central + 21] = UInt8((half >> 8) & 0xFF)
        bytes[central + 22] = UInt8((half >> 16) & 0xFF)
        do {
            let workbook = try WorkbookOpener.open(data: Data(bytes), fileName: "cut.xlsx")
            try workbook.readRows(of: workbook.sheets[0]) { _ in }
            Issue.record("a truncated deflate stream was read")
        } catch let error as SheetsError {
            #expect(error.description.hasPrefix("cut.xlsx"))
            #expect(error.description.contains("ends before its last block"))
        }
    }

    @Test func anUnclosedQuoteIsReadAsACharacterAndSaid() throws {
        let text = "企业名称,需求名称\n甲,\"需求一\n乙,需求二\n丙,需求三\n"
        let workbook = try CSVWorkbook(data: Data(text.utf8), fileName: "q.csv")
        var rows: [SheetRow] = []
        try workbook.readRows(of: workbook.sheets[0]) { rows.append($0) }
        #expect(rows.map(\.number) == [1, 2, 3, 4])
        #expect(rows[1][1] == .text("\"需求一"))
        #expect(rows[3][0] == .text("丙"))
        #expect(
            workbook.readWarnings == [
                "q.csv, line 2: a quote (\") opened here is never closed; it was read as a plain character so the lines after it are not lost — check that record"
            ])
    }

    @Test func aUTF8FileWithGBKLinesNamesTheFirstSuchLine() throws {
        var bytes = Array("企业名称,需求名称\n".utf8)
        for i in 0..<10 { bytes += Array("甲公司\(i),需求\(i)\n".utf8) }
        bytes += try TextEncoder.gb18030("乙公司,需求\n")
        #expect(throws: SheetsError.mixedEncoding(file: "m.csv", line: 12, bytes: "D2 D2 B9 AB")) {
            try CSVWorkbook(data: Data(bytes), fileName: "m.csv")
        }
    }

    @Test func aCSVRecordWiderThanTheGridIsRefused() throws {
        let text = "企业名称,需求名称\n" + String(repeating: ",", count: 20_000) + "\n"
        let workbook = try CSVWorkbook(data: Data(text.utf8), fileName: "w.csv")
        #expect(throws: SheetsError.self) { try workbook.readRows(of: workbook.sheets[0]) { _ in } }
    }
}

/// The fuzz seed corpus (`Fixtures/fuzz`) and the inputs that once crashed or hung a release build
/// (`../shared/crashers`), replayed through every reader: each ends, with rows or an error (how fast is measured by
/// the fuzz campaign and the crashers run in docs/testing.md, not here).
@Suite struct FuzzCorpusReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func files(_ folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().filter { !$0.hasSuffix(".md") }
            .map { folder.appendingPathComponent($0) }
    }

    @Test func seedsAndCrashersEndInEveryReader() throws {
        let corpus = FuzzCorpusReplayTests.root.appendingPathComponent("Fixtures/fuzz")
        let crashers = FuzzCorpusReplayTests.root.deletingLastPathComponent().appendingPathComponent("shared/crashers")
        var inputs = files(crashers)
        for folder in ["xlsx", "xls", "csv", "ssml"] { inputs += files(corpus.appendingPathComponent(folder)) }
        try #require(inputs.count > 20)
        for url in inputs {
            let data = try Data(contentsOf: url)
            for open in [
                { try XLSXWorkbook(source: .memory(data), fileName: "f") as Workbook },
                { try XLSWorkbook(data: data, fileName: "f") },
                { try CSVWorkbook(data: data, fileName: "f") },
                { try SpreadsheetMLWorkbook(source: .memory(data), fileName: "f") },
            ] {
                guard let workbook = try? open() else { continue }
                for sheet in workbook.sheets { try? workbook.readRows(of: sheet) { _ in } }
            }
        }
    }
}
