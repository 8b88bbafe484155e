import DuijieCore
import Sheets

/// What a field's values look like; a column whose header is unknown or generic is read by its values.
public enum ValueKind: String, Sendable, CaseIterable {
    /// Short text: a name, a code.
    case text
    /// Long text: a description.
    case longText
    /// An amount of money.
    case amount
    /// A date.
    case date
    /// A phone number.
    case phone
    /// A technology-contract registration number: 14 or 16 digits starting with the year.
    case registration
    /// A county or district (枣强县, 桃城区).
    case county
    /// A person's name.
    case person
    /// A deal stage word (意向, 已签约, 已认定登记, 作废, 已签订合同).
    case stageWord
    /// An agreement type (合同, 技术合同, 意向协议).
    case agreementWord
    /// A registration status (已登记, 未登记, 已认定登记).
    case statusWord
    /// A contract category (技术开发, 技术转让（…）).
    case categoryWord
    /// Points on a score sheet.
    case points

    /// The kinds that can be recognised in a cell reliably enough to decide a column.
    static let recognisable: [ValueKind] = [
        .registration, .phone, .date, .county, .statusWord, .agreementWord, .stageWord, .categoryWord, .amount,
    ]

    /// Whether `cell` looks like this kind (only for the recognisable kinds; others answer false).
    func matches(_ cell: CellValue) -> Bool {
        switch self {
        case .date:
            if case .date = cell { return true }
            let text = cell.text
            guard text.contains(where: { "年-/.".contains($0) }), text.utf8.count <= 24 else { return false }
            guard let date = try? DateParser.parse(text) else { return false }
            return date.year >= 1950
        case .registration:
            let digits = Self.compactDigits(cell.text)
            guard let digits, digits.count == 14 || digits.count == 16 else { return false }
            return digits.hasPrefix("19") || digits.hasPrefix("20")
        case .phone: return Self.isPhone(cell.text)
        case .county: return Self.isCounty(cell.text)
        case .statusWord: return DealWords.registrationStatus(cell.text) != nil
        case .agreementWord: return DealWords.agreement(cell.text) != nil
        case .stageWord: return DealWords.stage(cell.text) != nil
        case .categoryWord: return DealWords.categoryBase(cell.text) != nil
        case .amount:
            let text = TextNormalizer.halfWidth(cell.text)
            guard text.contains(where: { "万元亿¥￥".contains($0) }) || AmountParser.negotiableWords.contains(text.lowercased())
            else {
                return false
            }
            return (try? AmountParser.parse(text, defaultUnit: .wan)) != nil
        case .text, .longText, .person, .points: return false
        }
    }

    /// The digits of `text` when it is nothing but digits (spaces and dashes allowed), else nil.
    static func compactDigits(_ text: String) -> String? {
        guard text.utf8.count <= 40 else { return nil }
        var digits: [UInt8] = []
        for byte in TextNormalizer.halfWidth(text).utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                digits.append(byte)
            } else if byte != 0x20 && byte != 0x2D && byte != 0x09 {
                return nil
            }
        }
        return digits.isEmpty ? nil : String(decoding: digits, as: UTF8.self)
    }

    /// A mobile (`13831856021`, `138 3185 6021`) or landline (`0318-2126688`, `(0318)2126688`) number.
    static func isPhone(_ text: String) -> Bool {
        guard text.utf8.count <= 40 else { return false }
        var scalars = String.UnicodeScalarView()
        for scalar in TextNormalizer.halfWidth(text).unicodeScalars {
            switch scalar {
            case "0"..."9": scalars.append(scalar)
            case "-", "(", ")", "+", "（", "）": continue
            default:
                if TextNormalizer.isSpace(scalar) { continue }
                return false
            }
        }
        let compact = String(scalars)
        let digits = compact.hasPrefix("86") && compact.count == 13 ? String(compact.dropFirst(2)) : compact
        if digits.count == 11, digits.hasPrefix("1"), let second = digits.dropFirst().first, "3456789".contains(second) {
            return true
        }
        return digits.hasPrefix("0") && (10...12).contains(digits.count)
            && text.unicodeScalars.contains(where: { "-()（） ".unicodeScalars.contains($0) })
    }

    /// A county-level name: one of the gazetteer's (also after a province and city: 衡水市桃城区), or 2–8 Chinese
    /// characters ending in 县, 区, 市 or 旗 that name no institution or company (衡水高新区).
    static func isCounty(_ text: String) -> Bool {
        let name = TextNormalizer.collapsedWhitespace(text)
        if Gazetteer.shared.county(in: name) != nil { return true }
        let scalars = name.unicodeScalars
        guard (2...8).contains(scalars.count), scalars.allSatisfy({ $0.value >= 0x4E00 && $0.value <= 0x9FFF }),
            let last = name.last, "县区市旗".contains(last)
        else { return false }
        return !["公司", "大学", "学院", "医院", "中心", "园区", "社区", "小区", "厂"].contains { name.contains($0) }
    }
}
