import DuijieCore
import Testing

@Suite struct DateTests {
    @Test(arguments: [
        ("2021-06-30", "2021-06-30"),
        ("2021/6/30", "2021-06-30"),
        ("2021.6.30", "2021-06-30"),
        ("2021年6月30日", "2021-06-30"),
        ("２０２１年６月３０日", "2021-06-30"),
        ("20210630", "2021-06-30"),
        ("2021-06-30 00:00:00", "2021-06-30"),
        ("2021-06-30T00:00:00.000", "2021-06-30"),
        ("2021年6月", "2021-06-30"),
        ("2020年2月", "2020-02-29"),
        ("2021年6月30号", "2021-06-30"),
    ])
    func parsesWrittenDates(text: String, iso: String) throws {
        #expect(try DateParser.parse(text)?.description == iso)
    }

    @Test(arguments: ["2021年13月1日", "2021-02-30", "明年六月", "6/30/2021", "2021"])
    func refusesImpossibleDates(text: String) {
        #expect(throws: DateParseError.self) { try DateParser.parse(text) }
    }

    @Test func excel1900SystemWithItsLeapYearQuirk() {
        #expect(CivilDate(excelSerial: 1, uses1904: false)?.description == "1900-01-01")
        #expect(CivilDate(excelSerial: 59, uses1904: false)?.description == "1900-02-28")
        #expect(CivilDate(excelSerial: 60, uses1904: false) == nil)  // Excel's fictitious 1900-02-29
        #expect(CivilDate(excelSerial: 61, uses1904: false)?.description == "1900-03-01")
        #expect(CivilDate(excelSerial: 44377, uses1904: false)?.description == "2021-06-30")
        #expect(CivilDate(excelSerial: 44377.75, uses1904: false)?.description == "2021-06-30")
    }

    @Test func excel1904System() {
        #expect(CivilDate(excelSerial: 0, uses1904: true)?.description == "1904-01-01")
        #expect(CivilDate(excelSerial: 42915, uses1904: true)?.description == "2021-06-30")
    }

    @Test func epochRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
        }
    }

    @Test func normalisedKeys() {
        #expect(TextNormalizer.key("河北联达过滤器材有限公司 ") == TextNormalizer.key("河北联达过滤器材有限公司"))
        #expect(TextNormalizer.key("ＰＶＤＦ中空纤维膜（改性）") == TextNormalizer.key("pvdf中空纤维膜(改性)"))
        #expect(TextNormalizer.collapsedWhitespace("  a \n\t b  ") == "a b")
    }
}
