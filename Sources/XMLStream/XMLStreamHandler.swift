/// Receives the events of a streaming parse; names and text are borrowed and valid only during the call.
///
/// A class to subclass rather than a protocol: libxml2 calls back through a pointer to the handler itself,
/// and a class reference can be used there without the retain and release an existential would cost per event.
open class XMLStreamHandler {
    var depth = 0
    var tooDeep = false
    var context: OpaquePointer?

    /// Creates a handler.
    public init() {}

    /// An element opened.
    open func startElement(_ name: XMLName, attributes: XMLAttributes) {}
    /// An element closed.
    open func endElement(_ name: XMLName) {}
    /// Character data (possibly one of several chunks of the same text node).
    open func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// What went wrong in a streaming XML parse.
public enum XMLStreamError: Error, Equatable, CustomStringConvertible {
    /// The document is not well-formed, or nests deeper than the parser's limit; libxml2's own message.
    case malformed(line: Int, column: Int, message: String)
    /// The parser could not be created.
    case parserUnavailable

    /// One sentence for people.
    public var description: String {
        switch self {
        case .malformed(let line, let column, let message):
            return "XML error at line \(line), column \(column): \(message)"
        case .parserUnavailable:
            return "the XML parser could not be created"
        }
    }
}
