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

/// Reads `xl/styles.xml` far enough to know which cell styles format numbers as dates.
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

    /// For each cell style index, whether it formats numbers as dates.
    var dateStyles: [Bool] {
        xfFormatIDs.map { id in
            if let code = customFormats[id] { return NumberFormat.isDate(code) }
            return NumberFormat.isBuiltInDate(id)
        }
    }
}

/// Classifies Excel number formats.
enum NumberFormat {
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
}
