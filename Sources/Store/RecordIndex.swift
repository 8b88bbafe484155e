import GRDB

/// The refs, natural keys and fingerprints of the records an import may match, loaded once per import.
///
/// One query at the start replaces two look-ups per row; the index is kept current as rows are written, so a
/// record repeated within the same file is found too. Matching follows the documented rules: by ref; a row with
/// a ref but no stored match takes over a stored record with the same natural key and no ref; a row without a
/// ref matches the oldest record with its natural key.
struct RecordIndex {
    struct Entry {
        var id: Int64
        var fingerprint: Int64
        var ref: String?
    }

    /// A string keyed by a 64-bit FNV-1a digest of its UTF-8 bytes: hashing is one integer, and equality checks
    /// the digest before the bytes. Refs and keys are already normalised, so the Unicode canonical-equivalence
    /// work `String` does for hashing would be wasted on every row.
    struct Bytes: Hashable {
        let digest: Int64
        let text: String

        init(_ text: String) {
            var text = text
            digest = text.withUTF8 { bytes in
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for byte in bytes {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x100_0000_01b3
                }
                return Int64(bitPattern: hash)
            }
            self.text = text
        }

        func hash(into hasher: inout Hasher) { hasher.combine(digest) }

        static func == (lhs: Bytes, rhs: Bytes) -> Bool {
            lhs.digest == rhs.digest && lhs.text.utf8.elementsEqual(rhs.text.utf8)
        }
    }

    private var byRef: [Bytes: Entry] = [:]
    private var byKey: [Bytes: Entry] = [:]
    private var byKeyWithoutRef: [Bytes: Entry] = [:]

    /// Loads from `sql`, which must select id, ref, natural_key, fingerprint ordered by id.
    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let entry = Entry(id: row[0], fingerprint: row[3], ref: row[1])
            remember(entry, key: row[2])
        }
    }

    /// The stored record `ref` and `key` designate, if any.
    func match(ref: String?, key: String) -> Entry? {
        let key = Bytes(key)
        if let ref { return byRef[Bytes(ref)] ?? byKeyWithoutRef[key] }
        return byKey[key]
    }

    /// Records a new or changed record.
    mutating func remember(_ entry: Entry, key text: String) {
        let key = Bytes(text)
        if let ref = entry.ref {
            byRef[Bytes(ref)] = entry
            if !byKeyWithoutRef.isEmpty, byKeyWithoutRef[key]?.id == entry.id { byKeyWithoutRef[key] = nil }
        } else if byKeyWithoutRef[key] == nil {
            byKeyWithoutRef[key] = entry
        }
        // The oldest record with a key answers rows without a ref; later ones only update it in place.
        byKey[key, default: entry] = byKey[key].map { $0.id == entry.id ? entry : $0 } ?? entry
    }
}
