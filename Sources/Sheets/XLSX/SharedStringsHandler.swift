import XMLStream

/// Reads `xl/sharedStrings.xml`: each `<si>` is plain `<t>` or rich-text runs `<r><t>`; phonetic
/// guides (`<rPh>`) are not part of the text and are left out.
final class SharedStringsHandler: XMLStreamHandler {
    var strings: [String] = []
    private var collector = TextCollector()
    private var inItem = false
    private var inPhonetic = false
    private var item: [UInt8] = []

    override func startElement(_ name: XMLName, attributes: XMLAttributes) {
        switch name.firstByte {
        case UInt8(ascii: "s") where name.equals("si"):
            inItem = true
            item.removeAll(keepingCapacity: true)
        case UInt8(ascii: "t") where name.equals("t"):
            if inItem && !inPhonetic { collector.begin() }
        case UInt8(ascii: "r") where name.equals("rPh"):
            inPhonetic = true
        case UInt8(ascii: "s") where name.equals("sst"):
            if let count = attributes.value("uniqueCount").flatMap(Int.init) { strings.reserveCapacity(min(count, 1 << 22)) }
        default:
            break
        }
    }

    override func endElement(_ name: XMLName) {
        switch name.firstByte {
        case UInt8(ascii: "t") where name.equals("t"):
            if collector.active {
                item.append(contentsOf: collector.bytes)
                collector.active = false
            }
        case UInt8(ascii: "r") where name.equals("rPh"):
            inPhonetic = false
        case UInt8(ascii: "s") where name.equals("si"):
            inItem = false
            strings.append(OOXMLText.string(item))
        default:
            break
        }
    }

    override func characters(_ text: UnsafeBufferPointer<UInt8>) { collector.append(text) }
}
