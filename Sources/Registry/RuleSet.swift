import DuijieCore

/// A versioned set of technology-contract rules: categories, registration-number format, code tables, and the
/// period it governs. A contract is judged by the rule set in force on its sign date, so new measures never
/// rewrite history.
public struct RuleSet: Sendable, Equatable {
    /// A short id for reports (`2001`, `2026`).
    public var id: String
    /// First day in force.
    public var validFrom: CivilDate
    /// Last day in force; nil while current.
    public var validTo: CivilDate?
    /// Contract categories, in display order.
    public var categories: [String]
    /// Other names accepted for a category (技术许可 under the old rules was a kind of 技术转让).
    public var aliases: [String: String]
    /// Digits of a registration number.
    public var registrationDigits: Int
    /// How the digits split, for messages: e.g. year 4, province 2, city 2, point 0, sequence 6.
    public var layout: [(String, Int)]
    /// Province codes accepted in positions 5–6.
    public var provinceCodes: Set<String>

    /// The category a written name means under these rules, or nil. A sub-type in brackets counts under its category
    /// (`技术开发（委托开发）` is 技术开发), as the national registry system writes it.
    public func category(_ text: String) -> String? {
        let name = TextNormalizer.collapsedWhitespace(TextNormalizer.halfWidth(text)).replacingOccurrences(of: "合同", with: "")
        if categories.contains(name) { return name }
        if let alias = aliases[name] { return alias }
        let base = TextNormalizer.collapsedWhitespace(
            String(name.prefix { $0 != "(" && $0 != "（" && $0 != "[" && $0 != "-" && $0 != "—" && $0 != ":" && $0 != "：" }))
        if base != name, !base.isEmpty { return category(base) }
        if let base = DealWords.categoryBase(name), base != name { return category(base) }
        return nil
    }

    /// Why `number` is not a valid registration number under these rules, or nil when it is.
    public func registrationProblem(_ number: String) -> String? {
        guard number.count == registrationDigits, number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            let parts = layout.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            return "registration number '\(number)' must be \(registrationDigits) digits (\(parts)) under the \(id) rules"
        }
        let digits = Array(number)
        let year = Int(String(digits[0..<4])) ?? 0
        guard (1990...2100).contains(year) else { return "registration number '\(number)' starts with no plausible year" }
        let province = String(digits[4..<6])
        guard provinceCodes.contains(province) else {
            return "registration number '\(number)' has no province code '\(province)'"
        }
        return nil
    }

    static let provinces: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45",
        "46",
        "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    ]

    /// 技术合同认定规则 (2001) and its registration numbers: year 4, province 2, city 2, sequence 6 = 14 digits.
    public static let rules2001 = RuleSet(
        id: "2001", validFrom: CivilDate(year: 2001, month: 1, day: 1)!, validTo: CivilDate(year: 2025, month: 12, day: 31)!,
        categories: ["技术开发", "技术转让", "技术咨询", "技术服务"],
        aliases: ["技术许可": "技术转让"], registrationDigits: 14,
        layout: [("year", 4), ("province", 2), ("city", 2), ("sequence", 6)], provinceCodes: provinces)

    /// The 2026 measures: 技术许可 its own category; 16 digits: year 4, province 2, city 2, registration point 2, sequence 6.
    public static let rules2026 = RuleSet(
        id: "2026", validFrom: CivilDate(year: 2026, month: 1, day: 1)!, validTo: nil,
        categories: ["技术开发", "技术转让", "技术许可", "技术咨询", "技术服务"],
        aliases: [:], registrationDigits: 16,
        layout: [("year", 4), ("province", 2), ("city", 2), ("registration point", 2), ("sequence", 6)], provinceCodes: provinces)

    /// Every rule set, oldest first.
    public static let all = [rules2001, rules2026]

    /// The rule set in force on `date` (the current one when the date is unknown).
    public static func inForce(on date: CivilDate?) -> RuleSet {
        guard let date else { return all.last! }
        return all.last { $0.validFrom <= date && ($0.validTo.map { date <= $0 } ?? true) } ?? all.first!
    }

    /// The date that decides a deal's rule set: its sign date, else its registration date, else the year its
    /// registration number starts with (1 January), else the event's date; nil when none is known — never today.
    public static func governingDate(of deal: DealFields, eventDate: CivilDate?) -> CivilDate? {
        if let date = deal.signDate ?? deal.registrationDate { return date }
        if let number = deal.registration, number.count >= 4, number.prefix(4).allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(number.prefix(4)), (1990...2100).contains(year)
        {
            return CivilDate(year: year, month: 1, day: 1)
        }
        return eventDate
    }

    /// Equality by id.
    public static func == (lhs: RuleSet, rhs: RuleSet) -> Bool { lhs.id == rhs.id }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        return components(target).joined(separator: replacement)
    }

    private func components(_ separator: String) -> [String] {
        var result: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: separator) {
            result.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) { return index..<self.index(index, offsetBy: target.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
