import DuijieCore

/// An organizer's correction of how a sheet is read: which header means which field (or that a column is not read),
/// and on which row the header is. It applies before the vocabulary and value inference (docs/formats.md, "Column
/// mappings"); a saved mapping is found again by the sheet's header signature.
public struct ColumnMapping: Sendable, Codable, Equatable {
    /// What a header is mapped to when its column is not to be read.
    public static let ignore = "ignore"

    /// Header (normalised with `ColumnMapping.key`) → field name (a schema field's raw value) or `ignore`.
    public var fields: [String: String]
    /// The 1-based row of the header, when the organizer says where it is.
    public var headerRow: Int?

    /// Creates a mapping.
    public init(fields: [String: String] = [:], headerRow: Int? = nil) {
        self.fields = fields
        self.headerRow = headerRow
    }

    /// Whether it says nothing.
    public var isEmpty: Bool { fields.isEmpty && headerRow == nil }

    /// The form a header is compared in: whitespace, width and case folded as everywhere else.
    public static func key(_ header: String) -> String { TextNormalizer.key(TextNormalizer.collapsedWhitespace(header)) }

    /// The field `text` is mapped to, or nil when the mapping does not name it. The header as shown is tried first,
    /// then its name without remarks.
    func field(for text: HeaderText) -> String? {
        fields[ColumnMapping.key(text.display)] ?? fields[text.key]
    }

    /// This mapping with `other`'s entries added over it (an explicit `--map` over a saved mapping).
    public func overridden(by other: ColumnMapping) -> ColumnMapping {
        ColumnMapping(fields: fields.merging(other.fields) { _, new in new }, headerRow: other.headerRow ?? headerRow)
    }

    /// The entries that name one of `headers` (what is worth saving for a sheet with those headers).
    public func restricted(to headers: [String]) -> ColumnMapping {
        let keys = Set(headers.map(ColumnMapping.key))
        return ColumnMapping(fields: fields.filter { keys.contains($0.key) }, headerRow: headerRow)
    }

    /// A sheet's header signature: its normalised header texts in column order, blank ones kept as empty so that
    /// the order stays (trailing blanks dropped). Next year's sheet from the same county has the same signature.
    public static func signature(_ headers: [String]) -> String {
        var keys = headers.map(key)
        while keys.last == "" { keys.removeLast() }
        return keys.joined(separator: "|")
    }

    /// Reads `原表头=FIELD` assignments (from `--map` or the API) for a schema whose fields are `fields`. FIELD may be
    /// the field's name as the list JSON writes it (`cooperation_mode`, `budget_yuan`) or as the schema does
    /// (`cooperationMode`), or `ignore`.
    public static func parse(_ assignments: [String], fields: [String], headerRow: Int? = nil) throws -> ColumnMapping {
        var mapping = ColumnMapping(headerRow: headerRow)
        if let headerRow, headerRow < 1 {
            throw ColumnMappingError.badHeaderRow(headerRow)
        }
        for assignment in assignments {
            guard let equals = assignment.lastIndex(of: "=") ?? assignment.lastIndex(of: "＝") else {
                throw ColumnMappingError.notAnAssignment(assignment)
            }
            let header = TextNormalizer.collapsedWhitespace(String(assignment[..<equals]))
            let name = TextNormalizer.collapsedWhitespace(String(assignment[assignment.index(after: equals)...]))
            guard !header.isEmpty else { throw ColumnMappingError.notAnAssignment(assignment) }
            guard let field = canonicalField(name, among: fields) else {
                throw ColumnMappingError.unknownField(name, header: header, fields: fields)
            }
            mapping.fields[key(header)] = field
        }
        return mapping
    }

    /// `name` as one of `fields` (or `ignore`): case and underscores do not matter, and a list JSON's unit suffix
    /// (`budget_yuan`, `amount_wan`) names the amount field itself.
    static func canonicalField(_ name: String, among fields: [String]) -> String? {
        func fold(_ text: String) -> String { text.lowercased().filter { $0 != "_" } }
        if fold(name) == ignore { return ignore }
        var candidates = [fold(name)]
        for suffix in ["_yuan", "_wan", "_fen"] where name.lowercased().hasSuffix(suffix) {
            candidates.append(fold(String(name.dropLast(suffix.count))))
        }
        for candidate in candidates {
            if let field = fields.first(where: { fold($0) == candidate }) { return field }
        }
        return nil
    }
}

/// A correction that cannot be applied as written.
public enum ColumnMappingError: DuijieError, Equatable {
    /// Not `原表头=FIELD`.
    case notAnAssignment(String)
    /// FIELD is not a field of this kind of sheet.
    case unknownField(String, header: String, fields: [String])
    /// A header row below 1.
    case badHeaderRow(Int)

    /// Always `invalid`: the correction as written is bad input.
    public var kind: ErrorKind { .invalid }

    /// One sentence saying what to write instead.
    public var description: String {
        switch self {
        case .notAnAssignment(let text):
            "cannot read '\(text)' as a column mapping: write 原表头=FIELD (FIELD a field name or ignore)"
        case .unknownField(let name, let header, let fields):
            "'\(name)' (for the header '\(header)') is not a field of this sheet: use one of \(fields.joined(separator: ", ")) or ignore"
        case .badHeaderRow(let row):
            "the header row must be 1 or more, not \(row)"
        }
    }
}
