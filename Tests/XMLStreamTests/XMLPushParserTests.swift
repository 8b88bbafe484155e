import Testing

@testable import XMLStream

/// Records events as strings for assertions.
final class Recorder: XMLStreamHandler {
    var events: [String] = []
    var text = ""

    override func startElement(_ name: XMLName, attributes: XMLAttributes) {
        var attrs: [String] = []
        for i in 0..<attributes.count {
            attrs.append(
                "\(attributes.name(at: i).string)=\(attributes.value(attributes.name(at: i).string == "r" ? "r" : "t") ?? "")")
        }
        events.append("<\(name.string)\(attrs.isEmpty ? "" : " " + attrs.joined(separator: " "))>")
    }

    override func endElement(_ name: XMLName) { events.append("</\(name.string)>") }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text += String(decoding: bytes, as: UTF8.self) }
}

@Suite struct XMLPushParserTests {
    @Test func reportsElementsAttributesAndTextAcrossChunks() throws {
        let document = Array(
            #"<?xml version="1.0" encoding="UTF-8"?><row r="3"><c r="A3" t="s"><v>12</v></c><t>衡水 &amp; PVDF</t></row>"#.utf8)
        let recorder = Recorder()
        let parser = XMLPushParser(handler: recorder)
        // Feed one byte at a time: multi-byte UTF-8 and names split across chunks must still come out whole.
        for byte in document { try [byte].withUnsafeBytes { try parser.feed($0) } }
        try parser.finish()
        #expect(recorder.events == ["<row r=3>", "<c r=A3 t=s>", "<v>", "</v>", "</c>", "<t>", "</t>", "</row>"])
        #expect(recorder.text == "12衡水 & PVDF")
    }

    /// A part of tens of megabytes handed over in one piece (the XLSX reader buffers a sheet of up to 16 MB to read
    /// its merged ranges first, then feeds it) must stream: libxml2 stops a push that leaves more than 10 MB
    /// unparsed with "Huge input lookup", which is how a 100,000-row sheet failed.
    @Test func aPartHandedOverWholeStreams() throws {
        final class Counter: XMLStreamHandler {
            var rows = 0
            override func startElement(_ name: XMLName, attributes: XMLAttributes) { if name.string == "row" { rows += 1 } }
        }
        let row = Array(#"<row r="1"><c r="A1" t="inlineStr"><is><t>衡水市枣强县玻璃钢复合材料技术需求</t></is></c></row>"#.utf8)
        let rows = 12_000_000 / row.count + 1
        var document = Array(#"<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>"#.utf8)
        document.reserveCapacity(rows * row.count + 100)
        for _ in 0..<rows { document += row }
        document += Array("</sheetData></worksheet>".utf8)
        let counter = Counter()
        let parser = XMLPushParser(handler: counter)
        try document.withUnsafeBytes { try parser.feed($0) }
        try parser.finish()
        #expect(counter.rows == rows)
    }

    @Test func namesCompareWithoutAllocating() throws {
        final class Check: XMLStreamHandler {
            var matches: [Bool] = []
            override func startElement(_ name: XMLName, attributes: XMLAttributes) {
                matches.append(name.equals("sheetData"))
                matches.append(name.equals("sheet"))
                #expect(attributes.withValue("t") { $0.count } == (name.equals("sheet") ? 1 : nil))
            }
        }
        let check = Check()
        try XMLPushParser.parse(Array(#"<sheetData><sheet t="x"/></sheetData>"#.utf8), handler: check)
        #expect(check.matches == [true, false, false, true])
    }

    @Test func externalEntitiesAreNeverResolved() throws {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y SYSTEM "http://127.0.0.1:9/evil">]>
            <r>before&x;&y;after</r>
            """
        let recorder = Recorder()
        do {
            try XMLPushParser.parse(Array(xxe.utf8), handler: recorder)
        } catch {
            // Refusing the document is as good as ignoring the entity; reading the file is not.
        }
        #expect(!recorder.text.contains("root:"))
        #expect(!recorder.text.contains("evil"))
    }

    @Test func internalEntityExpansionIsNotABomb() throws {
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a0 \"lol\">"
        for i in 1...10 { laughs += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">" }
        laughs += "]><r>&a10;</r>"
        let recorder = Recorder()
        try? XMLPushParser.parse(Array(laughs.utf8), handler: recorder)
        #expect(recorder.text.utf8.count < 1_000)
    }

    @Test func deepNestingIsRefused() {
        let depth = 20_000
        let document = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(throws: XMLStreamError.self) { try XMLPushParser.parse(Array(document.utf8), handler: Recorder()) }
    }

    @Test func malformedDocumentNamesLine() {
        do {
            try XMLPushParser.parse(Array("<a>\n<b>\n</a>".utf8), handler: Recorder())
            Issue.record("expected an error")
        } catch let XMLStreamError.malformed(line, _, message) {
            #expect(line >= 2)
            #expect(!message.isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
