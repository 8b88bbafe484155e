import DuijieCore
import Foundation
import XMLStream

/// Collects text bytes between events without allocating per chunk.
struct TextCollector {
    var bytes: [UInt8] = []
    var active = false

    mutating func begin() {
        bytes.removeAll(keepingCapacity: true)
        active = true
    }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        if active { bytes.append(contentsOf: text) }
    }

    mutating func finish() -> String {
        active = false
        return OOXMLText.string(bytes)
    }
}

/// OOXML escapes characters XML cannot carry as `_xHHHH_` (e.g. `_x000D_` for a carriage return).
enum OOXMLText {
    /// Decodes UTF-8 bytes, unescaping `_xHHHH_` only when the bytes contain `_x` (checked without a String).
    static func string(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let mayEscape = bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count > 1 else { return false }
            var offset = 0
            while offset < buffer.count - 1 {
                guard let found = memchr(base + offset, 0x5F, buffer.count - 1 - offset) else { return false }
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if buffer[at + 1] == 0x78 { return true }
                offset = at + 1
            }
            return false
        }
        return mayEscape ? unescape(text) : text
    }

    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(0x5F), text.contains("_x") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            result += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let hex = after.prefix(5)
            if hex.count == 5, hex.last == "_", let value = UInt32(hex.dropLast(), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                result.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                result += "_x"
                rest = after
            }
        }
        return result + rest
    }
}

/// Reads `xl/workbook.xml`: sheet names, visibility, relationship ids and the 1904 date system flag.
final class WorkbookPartHandler: XMLStreamHandler {
    struct Sheet {
        var name: String
        var relationshipID: String
        var hidden: Bool
    }

    var sheets: [Sheet] = []
    var uses1904 = false

    override func startElement(_ name: XMLName, attributes: XMLAttributes) {
        if name.equals("sheet") {
            let state = attributes.value("state") ?? "visible"
            sheets.append(
                Sheet(
                    name: attributes.value("name") ?? "Sheet\(sheets.count + 1)",
                    relationshipID: attributes.value("id") ?? "",
                    hidden: state != "visible"
                ))
        } else if name.equals("workbookPr") {
            let flag = attributes.value("date1904")
            uses1904 = flag == "1" || flag == "true"
        }
    }
}

/// Reads a `.rels` part: relationship id → target path.
final class RelationshipsHandler: XMLStreamHandler {
    var targets: [String: String] = [:]
    var byType: [String: String] = [:]

    override func startElement(_ name: XMLName, attributes: XMLAttributes) {
        guard name.equals("Relationship"), let id = attributes.value("Id"), let target = attributes.value("Target")
        else { return }
        targets[id] = target
        if let type = attributes.value("Type") { byType[String(type.split(separator: "/").last ?? "")] = target }
    }
}

/// Reads `xl/styles.xml` far enough to know which cell styles show numbers as dates or as money.
final class StylesHandler: XMLStreamHandler {
    private var customFormats: [Int: String] = [:]
    private var inCellXfs = false
    private var xfFormatIDs: [Int] = []

    override func startElement(_ name: XMLName, attributes: XMLAttributes) {
        if name.equals("numFmt") {
            if let id = attributes.value("numFmtId").flatMap(Int.init), let code = attributes.value("formatCode") {
                customFormats[id] = code
            }
        } else if name.equals("cellXfs") {
            inCellXfs = true
        } else if inCellXfs, name.equals("xf") {
            xfFormatIDs.append(attributes.value("numFmtId").flatMap(Int.init) ?? 0)
        }
    }

    override func endElement(_ name: XMLName) {
        if name.equals("cellXfs") { inCellXfs = false }
    }

    /// For each cell style index, what its number format shows.
    var styles: [NumberStyle] { xfFormatIDs.map { NumberFormat.style(id: $0, code: customFormats[$0]) } }
}

/// What a cell's number format makes of a number: a date, an amount of money in a unit, or just the number.
enum NumberStyle: Sendable, Equatable {
    /// Shown as the number.
    case plain
    /// Shown as a date.
    case date
    /// Shown with a money unit (`0.00"万元"`, `¥#,##0`): the unit is part of the value.
    case money(MoneyUnit)

    /// The cell for a number written as `text` (plain decimal or scientific) under this style: a date, the number
    /// with its unit as the cell shows it (`50万元`), or the plain number.
    static func cell(_ text: String, style: NumberStyle, uses1904: Bool) -> CellValue? {
        switch style {
        case .plain: return DecimalText.plain(text).map(CellValue.number)
        case .date:
            if let serial = Double(text), let date = CivilDate(excelSerial: serial, uses1904: uses1904) { return .date(date) }
            return DecimalText.plain(text).map(CellValue.number)
        case .money(let unit): return DecimalText.plain(text).map { .text($0 + unit.label) }
        }
    }
}

/// Classifies Excel number formats.
enum NumberFormat {
    /// The style of format `id`, whose code is `code` when the workbook defines it.
    static func style(id: Int, code: String?) -> NumberStyle {
        if let code {
            if isDate(code) { return .date }
            return moneyUnit(code).map(NumberStyle.money) ?? .plain
        }
        if isBuiltInDate(id) { return .date }
        // 5–8 and 42/44 are the locale's currency and accounting formats: ¥ in a Chinese workbook.
        if (5...8).contains(id) || id == 42 || id == 44 { return .money(.yuan) }
        return .plain
    }

    /// Built-in ids that are dates or times, including the CJK ones (27–36, 50–58).
    static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// Whether a custom format code shows a date: it has y, m, d (or 年月日) outside quotes, escapes and
    /// brackets. `yyyy"年"m"月"d"日"` and `yyyy年m月d日` are dates; `0.00"万元"` and `[Red]0` are not.
    static func isDate(_ code: String) -> Bool {
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first ?? ""
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in section {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[": if !inQuote { inBracket = true }
            case "]": if !inQuote { inBracket = false }
            default:
                if inQuote || inBracket { continue }
                if "yYdD年日".contains(character) { return true }
                if "mM月".contains(character) { return true }
            }
        }
        return false
    }

    /// The money unit a custom format shows after (or before) the number, or nil: `0.00"万元"` and `#,##0"万"` show
    /// 万元, `0"元"`, `¥#,##0` and `[$¥-804]#,##0.00` show 元, `0.00"亿元"` shows 亿元.
    ///
    /// A format that inserts a literal decimal point (`0!.0000"万元"`, `0\.0000"万"`) shows a yuan value as if it
    /// were 万元 without dividing it: the stored number is then the amount in 元.
    static func moneyUnit(_ code: String) -> MoneyUnit? {
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? code
        if section.contains("!.") || section.contains("\\.") {
            return section.contains("万") || section.contains("亿") || section.contains("元") ? .yuan : nil
        }
        if section.contains("亿") { return .yi }
        if section.contains("万") { return .wan }
        if section.contains("元") || section.contains("¥") || section.contains("￥") || section.uppercased().contains("RMB") {
            return .yuan
        }
        return nil
    }
}
