/// A borrowed, NUL-terminated UTF-8 name handed to an `XMLStreamHandler`; valid only during the callback.
public struct XMLName {
    @usableFromInline let base: UnsafePointer<UInt8>

    @usableFromInline init(_ base: UnsafePointer<UInt8>) { self.base = base }

    /// Whether the name equals `literal`, compared byte for byte without allocating.
    @inlinable
    public func equals(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let lit = literal.utf8Start
        var i = 0
        while i < count {
            if base[i] != lit[i] { return false }
            i += 1
        }
        return base[count] == 0
    }

    /// The first byte of the name (0 for an empty name), for quick dispatch.
    @inlinable
    public var firstByte: UInt8 { base[0] }

    /// The name as a Swift string.
    public var string: String { String(cString: base) }
}

/// The attributes of one start tag, borrowed from the parser; valid only during the callback.
///
/// libxml2's SAX2 hands attributes as five pointers each: local name, prefix, URI, value start, value end.
public struct XMLAttributes {
    @usableFromInline let base: UnsafePointer<UnsafePointer<UInt8>?>?
    /// The number of attributes on the tag.
    public let count: Int

    init(_ base: UnsafePointer<UnsafePointer<UInt8>?>?, count: Int) {
        self.base = base
        self.count = count
    }

    /// The local name of attribute `index`.
    public func name(at index: Int) -> XMLName { XMLName(base![index * 5]!) }

    /// The prefix of attribute `index` (e.g. `r` in `r:id`), or nil.
    public func prefix(at index: Int) -> String? { base![index * 5 + 1].map { String(cString: $0) } }

    /// Calls `body` with the raw UTF-8 bytes of the attribute named `name` (no prefix match), if present.
    @inlinable
    public func withValue<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let base else { return nil }
        for i in 0..<count {
            let local = XMLName(base[i * 5]!)
            if local.equals(name), let start = base[i * 5 + 3], let end = base[i * 5 + 4] {
                return body(UnsafeBufferPointer(start: start, count: end - start))
            }
        }
        return nil
    }

    /// The value of the attribute named `name` as a string, if present.
    public func value(_ name: StaticString) -> String? {
        withValue(name) { String(decoding: $0, as: UTF8.self) }
    }
}
