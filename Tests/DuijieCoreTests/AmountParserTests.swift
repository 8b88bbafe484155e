import DuijieCore
import Testing

@Suite struct AmountParserTests {
    @Test(arguments: [
        ("50", MoneyUnit.wan, "500000.00"),
        ("50万元", .yuan, "500000.00"),
        ("120万", .yuan, "1200000.00"),
        ("0.5亿", .wan, "50000000.00"),
        ("0.12亿元", .wan, "12000000.00"),
        ("1,200,000元", .wan, "1200000.00"),
        ("12.5万元", .yuan, "125000.00"),
        ("８５万", .yuan, "850000.00"),
        ("850,000元", .wan, "850000.00"),
        ("300", .yuan, "300.00"),
        ("1.005", .yuan, "1.01"),
        ("0.0001", .wan, "1.00"),
        ("¥3,000", .yuan, "3000.00"),
        ("5千元", .wan, "5000.00"),
        (" 50 万元 ", .yuan, "500000.00"),
        // A currency sign or word states 元 over the header's unit (the silent ×10,000 of ¥300,000 under 万元).
        ("¥300,000", .wan, "300000.00"),
        ("￥300000", .wan, "300000.00"),
        ("RMB 300000", .wan, "300000.00"),
        ("人民币300000", .wan, "300000.00"),
        ("300000 CNY", .wan, "300000.00"),
        ("¥30万", .yuan, "300000.00"),
        ("３０万 ", .yuan, "300000.00"),
    ])
    func parsesExactly(text: String, unit: MoneyUnit, yuan: String) throws {
        let amount = try AmountParser.parse(text, defaultUnit: unit)
        guard case .exact(let money)? = amount else {
            Issue.record("\(text) gave \(String(describing: amount))")
            return
        }
        #expect(money.yuanString == yuan)
    }

    @Test func negotiableIsNotZero() throws {
        #expect(try AmountParser.parse("面议", defaultUnit: .wan) == .negotiable)
        #expect(try AmountParser.parse("双方协商", defaultUnit: .wan) == .negotiable)
        #expect(try AmountParser.parse("", defaultUnit: .wan) == nil)
        #expect(try AmountParser.parse("  ", defaultUnit: .wan) == nil)
    }

    @Test(arguments: ["约五十万", "五十万", "50-100万", "50~80万元", "abc", "1.2.3万", "50美元", "-5万"])
    func refusesWhatIsNotOneAmount(text: String) {
        #expect(throws: AmountParseError.self) { try AmountParser.parse(text, defaultUnit: .wan) }
    }

    @Test func rangeMessageSaysRange() {
        do {
            _ = try AmountParser.parse("50-100万", defaultUnit: .wan)
        } catch {
            #expect(error.description.contains("range"))
        }
    }

    @Test func largeAmountsStayExact() throws {
        guard case .exact(let money)? = try AmountParser.parse("123456789.99元", defaultUnit: .wan) else {
            Issue.record("no amount")
            return
        }
        #expect(money.fen == 12_345_678_999)
        #expect(throws: AmountParseError.self) { try AmountParser.parse("99999999999999999亿", defaultUnit: .wan) }
    }

    @Test func displayUnits() {
        #expect(Money(fen: 5_200_000_000).wanString == "5200")
        #expect(Money(fen: 125_000_00).wanString == "12.5")
        #expect(Money(fen: 660_000_000_00).yiString == "6.6")
        #expect(Money(fen: -150).yuanString == "-1.50")
        #expect(Money(fen: 5).yuanString == "0.05")
    }
}

@Suite struct MoneyTotalTests {
    @Test func sumsExactlyPastSixtyFourBits() {
        var total = MoneyTotal()
        #expect(total.yuanString == "0.00")
        total.add(Money(fen: 5))
        #expect(total.yuanString == "0.05")
        #expect(total.wanString == "0.000005")
        var big = MoneyTotal((0..<4).map { _ in Money(fen: Int64.max) })
        #expect(big.money == nil)
        #expect(big.yuanString == "368934881474191032.28")
        big.add(Money(fen: -Int64.max))
        big.add(Money(fen: -Int64.max))
        big.add(Money(fen: -Int64.max))
        #expect(big.money == Money(fen: Int64.max))
        let negative = MoneyTotal([Money(fen: Int64.min), Money(fen: Int64.min)])
        #expect(negative.yuanString == "-184467440737095516.16")
        #expect(MoneyTotal([Money(yuan: 500_000), Money(yuan: 200_000)]).wanString == "70")
    }

    @Test func amountsPastExactArithmeticAreOutOfRangeAndPastTheLimitTooLarge() throws {
        #expect(throws: AmountParseError.outOfRange("922337203.9999999999亿")) {
            try AmountParser.parse("922337203.9999999999亿", defaultUnit: .wan)
        }
        #expect(throws: AmountParseError.outOfRange("99999999999999999999")) {
            try AmountParser.parse("99999999999999999999", defaultUnit: .yuan)
        }
        #expect(throws: AmountParseError.tooLarge("900000000亿元")) { try AmountParser.parse("900000000亿元", defaultUnit: .wan) }
        #expect(try AmountParser.parse("10000亿元", defaultUnit: .wan) == .exact(AmountParser.plausibleLimit))
    }
}
