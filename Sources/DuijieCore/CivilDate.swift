/// A calendar date with no time zone (a deadline, a signing date), as written on a sheet.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, e.g. 2021.
    public var year: Int
    /// The month, 1...12.
    public var month: Int
    /// The day of the month, 1...31.
    public var day: Int

    /// Creates a date when the parts form a real day of the Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 form, `2021-06-30`.
    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
    }

    /// Orders chronologically.
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), by the civil-from-days algorithm.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The date of an Excel serial day number (fractions, the time of day, are dropped).
    ///
    /// In the 1900 system Excel counts the fictitious 1900-02-29 (serial 60), so serials from 61 on are one
    /// day ahead of a true count from 1899-12-31; serial 60 itself has no real date and yields nil.
    /// In the 1904 system serial 0 is 1904-01-01.
    public init?(excelSerial serial: Double, uses1904: Bool) {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        if uses1904 {
            self.init(daysSinceEpoch: CivilDate(year: 1904, month: 1, day: 1)!.daysSinceEpoch + whole)
            return
        }
        if whole == 60 || whole == 0 { return nil }
        let base = CivilDate(year: 1899, month: 12, day: 31)!.daysSinceEpoch
        self.init(daysSinceEpoch: base + (whole > 60 ? whole - 1 : whole))
    }
}

/// Why a date could not be read.
public struct DateParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text as found.
    public var text: String
    /// One sentence for people (English).
    public var description: String { message.description }
    /// The sentence from the catalogue (both languages).
    public var message: Message { Message("date.unreadable", text) }
}

/// Parses dates as written on sheets: `2021-06-30`, `2021/6/30`, `2021.6.30`, `2021年6月30日`, `20210630`.
///
/// A month without a day (`2021年6月`, `2021-06`) means the last day of that month, and a year written alone with 年
/// (`2022年`) the last day of that year, since these are deadlines; `2021年12月底`, `2022年底` and `2021年6月前` mean
/// the end of the period they name.
public enum DateParser {
    /// Parses `text`; nil for an empty cell.
    public static func parse(_ text: String) throws(DateParseError) -> CivilDate? {
        var cleaned = TextNormalizer.halfWidth(text).trimmingCharacters(in: " \t\r\n")
        if cleaned.isEmpty || cleaned == "-" || cleaned == "/" || cleaned == "无" { return nil }
        // Deadlines as people write them: 2021年12月底, 2022年底, 2021年6月前 (the end of the period they name).
        for suffix in ["之前", "以前", "前", "底", "末"] where cleaned.hasSuffix(suffix) && cleaned.count > suffix.count + 4 {
            cleaned.removeLast(suffix.count)
            break
        }
        if cleaned.hasSuffix("年年") { cleaned.removeLast() }
        // A year alone, written as one (2022年): the last day of that year.
        if cleaned.count == 5, cleaned.hasSuffix("年"), let year = Int(cleaned.dropLast()), (1000...9999).contains(year) {
            return CivilDate(year: year, month: 12, day: 31)
        }
        var numbers: [Int] = []
        var current: Int?
        var separators = 0
        var digitsInFirst = 0
        for character in cleaned {
            if let digit = character.wholeNumberValue, character.isASCII {
                current = (current ?? 0) * 10 + digit
                if numbers.isEmpty { digitsInFirst += 1 }
                if (current ?? 0) > 99_999_999 { throw DateParseError(text: text) }
            } else if "-/.年月日 T".contains(character) {
                if let value = current { numbers.append(value) } else if character != "日" { throw DateParseError(text: text) }
                current = nil
                separators += 1
                if character == "T" || character == " " { break }
            } else if character == "号" {
                if let value = current { numbers.append(value) }
                current = nil
            } else {
                throw DateParseError(text: text)
            }
        }
        if let value = current { numbers.append(value) }
        if numbers.count == 1, digitsInFirst == 8 {
            let v = numbers[0]
            numbers = [v / 10_000, (v / 100) % 100, v % 100]
        }
        if numbers.count >= 3 && numbers.count <= 6 && numbers[0] >= 1000 {
            if let date = CivilDate(year: numbers[0], month: numbers[1], day: numbers[2]) { return date }
        } else if numbers.count == 2, numbers[0] >= 1000, (1...12).contains(numbers[1]) {
            return CivilDate(year: numbers[0], month: numbers[1], day: CivilDate.daysIn(month: numbers[1], year: numbers[0]))
        }
        throw DateParseError(text: text)
    }
}

extension String {
    /// Trims any of `characters` from both ends.
    func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
