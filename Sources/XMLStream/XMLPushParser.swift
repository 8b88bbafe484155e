import CLibXML2

/// A streaming, push-fed XML parser over libxml2's SAX2 interface.
///
/// Push feeding lets a caller hand over inflated chunks of a zip entry as they arrive, so a sheet
/// is never held whole in memory. The parser never resolves entities (no `XML_PARSE_NOENT`), never
/// loads a DTD, never touches the network (`XML_PARSE_NONET`), and keeps libxml2's default depth limit.
public final class XMLPushParser {
    private var context: xmlParserCtxtPtr?
    private let handler: XMLStreamHandler
    private let documentName: String
    private var pending: [UInt8] = []

    /// The deepest element nesting accepted; spreadsheets need fewer than ten levels.
    public static let maxDepth = 256

    /// Creates a parser that reports to `handler`; `documentName` appears in libxml2's messages.
    public init(handler: XMLStreamHandler, documentName: String = "document") {
        duijie_xml_init()
        self.handler = handler
        self.documentName = documentName
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Parses `bytes` in one go: a convenience for small parts.
    public static func parse(_ bytes: [UInt8], handler: XMLStreamHandler, documentName: String = "document") throws {
        let parser = XMLPushParser(handler: handler, documentName: documentName)
        try bytes.withUnsafeBytes { try parser.feed($0) }
        try parser.finish()
    }

    /// Feeds the next chunk of the document.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        var offset = 0
        if context == nil {
            // libxml2 detects the encoding from the first four bytes given at creation; the rest is pushed.
            let taken = min(bytes.count, 4 - pending.count)
            pending.append(contentsOf: bytes[0..<taken])
            if pending.count < 4 { return }
            try start(with: pending)
            pending = []
            offset = taken
        }
        // libxml2's push parser refuses a chunk that leaves more than 10 MB unparsed ("Huge input lookup", without
        // XML_PARSE_HUGE, which stays off): however much a caller hands over, it is pushed in slices.
        while offset < bytes.count {
            let end = min(bytes.count, offset + XMLPushParser.sliceBytes)
            try push(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), terminate: false)
            offset = end
        }
    }

    /// The most bytes pushed into libxml2 at once.
    static let sliceBytes = 1 << 18

    /// Ends the document, reporting any unclosed element as an error.
    public func finish() throws {
        if context == nil { try start(with: pending) }
        try push(UnsafeRawBufferPointer(start: nil, count: 0), terminate: true)
    }

    private func start(with first: [UInt8]) throws {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        // The user data is the handler itself, unretained: `self.handler` keeps it alive while libxml2 parses.
        sax.startElementNs = { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
            guard let ctx, let localname else { return }
            Unmanaged<XMLStreamHandler>.fromOpaque(ctx)._withUnsafeGuaranteedRef { handler in
                handler.depth += 1
                if handler.depth > XMLPushParser.maxDepth {
                    // libxml2's own depth limit is not applied by its push parser in every version: enforce ours.
                    if !handler.tooDeep, let context = handler.context { xmlStopParser(xmlParserCtxtPtr(context)) }
                    handler.tooDeep = true
                    return
                }
                let attrs = UnsafeRawPointer(attributes).map { $0.assumingMemoryBound(to: UnsafePointer<UInt8>?.self) }
                handler.startElement(XMLName(localname), attributes: XMLAttributes(attrs, count: Int(nbAttributes)))
            }
        }
        sax.endElementNs = { ctx, localname, _, _ in
            guard let ctx, let localname else { return }
            Unmanaged<XMLStreamHandler>.fromOpaque(ctx)._withUnsafeGuaranteedRef { handler in
                handler.depth -= 1
                if !handler.tooDeep { handler.endElement(XMLName(localname)) }
            }
        }
        let characters: charactersSAXFunc = { ctx, text, length in
            guard let ctx, let text, length > 0 else { return }
            Unmanaged<XMLStreamHandler>.fromOpaque(ctx)._withUnsafeGuaranteedRef { handler in
                if !handler.tooDeep { handler.characters(UnsafeBufferPointer(start: text, count: Int(length))) }
            }
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        // entityDecl, getEntity, resolveEntity, externalSubset stay NULL: declared entities are never
        // stored, so a reference to one can never be expanded, and no external resource is ever opened.

        let created = first.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                xmlCreatePushParserCtxt(
                    &sax, Unmanaged.passUnretained(handler).toOpaque(), chars, Int32(buffer.count), documentName)
            }
        }
        guard let created else { throw XMLStreamError.parserUnavailable }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(created, options)
        context = created
        handler.context = OpaquePointer(created)
    }

    private func push(_ bytes: UnsafeRawBufferPointer, terminate: Bool) throws {
        guard let context else { return }
        if handler.tooDeep { throw tooDeepError() }
        let code: Int32
        if let base = bytes.baseAddress {
            code = xmlParseChunk(context, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), terminate ? 1 : 0)
        } else {
            code = xmlParseChunk(context, nil, 0, terminate ? 1 : 0)
        }
        if handler.tooDeep { throw tooDeepError() }
        if code != 0 || context.pointee.wellFormed == 0 {
            throw lastError(code: code)
        }
    }

    private func tooDeepError() -> XMLStreamError {
        let line = context.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0
        return .malformed(line: line, column: 0, message: "elements nest deeper than \(XMLPushParser.maxDepth) levels")
    }

    private func lastError(code: Int32) -> XMLStreamError {
        if let error = xmlCtxtGetLastError(UnsafeMutableRawPointer(context)) {
            let message = error.pointee.message.map { String(cString: $0) } ?? "error \(code)"
            return .malformed(
                line: Int(error.pointee.line),
                column: Int(error.pointee.int2),
                message: message.trimmingWhitespace()
            )
        }
        return .malformed(line: 0, column: 0, message: "libxml2 error \(code)")
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        return String(scalars)
    }
}
