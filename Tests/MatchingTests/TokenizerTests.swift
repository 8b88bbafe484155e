import Testing

@testable import Matching

@Suite struct TokenizerTests {
    @Test func chineseBecomesOverlappingBigrams() {
        #expect(Tokenizer.tokenize("激光焊接") == ["激光", "光焊", "焊接"])
        #expect(Tokenizer.tokenize("膜") == ["膜"])
        #expect(Tokenizer.tokenize("膜，网") == ["膜", "网"])
    }

    @Test func latinWordsAcronymsAndHyphens() {
        #expect(Tokenizer.tokenize("PVDF中空纤维膜") == ["pvdf", "中空", "空纤", "纤维", "维膜"])
        #expect(Tokenizer.tokenize("基于NB-IoT的PLC控制") == ["基于", "nb-iot", "的", "plc", "控制"])
        #expect(Tokenizer.tokenize("a CNC") == ["cnc"])  // single letters carry nothing
    }

    @Test func fullWidthFoldsToHalfWidth() {
        #expect(Tokenizer.tokenize("ＰＶＤＦ膜（改性）") == Tokenizer.tokenize("PVDF膜(改性)"))
        #expect(Tokenizer.tokenize("ＣＮＣ") == ["cnc"])
    }

    @Test func numbersKeepTheirUnits() {
        #expect(Tokenizer.tokenize("耐温600℃") == ["耐温", "600℃"])
        #expect(Tokenizer.tokenize("精度0.02mm，孔径5μm") == ["精度", "0.02mm", "孔径", "5μm"])
        #expect(Tokenizer.tokenize("耐压1.5MPa") == ["耐压", "1.5mpa"])
        #expect(Tokenizer.tokenize("3D打印") == ["3d", "打印"])
    }

    @Test(arguments: ["激光焊接装备，耐温600℃、精度0.02mm", "基于NB-IoT的PLC控制 3D打印", "膜 a b 5μm/10mg/m³", "", "ＰＶＤＦ（改性）"])
    func keysSpellTheSameTermsAsTokens(text: String) {
        #expect(Tokenizer.keys(text) == Tokenizer.tokenize(text).map(TermKey.of))
        for token in Tokenizer.tokenize(text) where token.unicodeScalars.allSatisfy({ Tokenizer.isHan($0.value) }) {
            #expect(TermKey.hanText(TermKey.of(token)) == token)
        }
    }

    @Test func adjacencyLetsPhrasesBeRebuilt() {
        let terms = Tokenizer.terms("激光焊接，PLC")
        #expect(terms.map(\.continuesPrevious) == [false, true, true, false])
    }

    @Test func synonymGroupsMatchWholeLatinWords() {
        let table = SynonymTable(text: "# comment\n数控 CNC\n增材制造、3D打印\nPLC=可编程控制器\n")
        #expect(table.groups.count == 3)
        #expect(table.groups(in: SynonymTable.normalise("三轴CNC加工")) == [0])
        #expect(table.groups(in: SynonymTable.normalise("3D打印砂型")) == [1])
        #expect(table.groups(in: SynonymTable.normalise("plcx模块")) == [])
        #expect(table.groups(in: SynonymTable.normalise("PLC控制柜")) == [2])
    }

    @Test func standardTableShipsTheIssueGroups() throws {
        let table = try SynonymTable.standard()
        for (a, b) in [
            ("数控", "cnc"), ("增材制造", "3d打印"), ("玻璃钢", "gfrp"), ("可编程控制器", "plc"), ("聚偏氟乙烯", "pvdf"),
            ("暖气片", "散热器"), ("挥发性有机物", "vocs"),
        ] {
            #expect(table.groups.contains { $0.contains(a) && $0.contains(b) }, "\(a) ↔ \(b)")
        }
    }

    @Test func mergingAddsToExistingGroups() {
        let merged = SynonymTable(text: "数控 CNC").merging(SynonymTable(text: "CNC 数控加工\n滤袋 除尘袋"))
        #expect(merged.groups.count == 2)
        #expect(merged.groups[0].contains("数控加工"))
    }
}
