import DuijieCore
import Foundation
import Ingestion
import Store

/// An organizer's correction of how a sheet is read (Ingestion's `ColumnMapping`), as the edges name it.
public typealias SheetCorrection = ColumnMapping

/// A saved column mapping as `duijie mappings list|show --json` and `GET /api/mappings` give it.
public struct MappingDTO: Codable, Sendable, Equatable {
    /// 1-based position in the list (a handle for `mappings show|remove N`).
    public var number: Int
    /// The kind of sheet (`demands`, `solvers`, `deals`).
    public var kind: String
    /// The header signature: the sheet's normalised header texts in order, joined by `|`.
    public var signature: String
    /// Header (normalised) → field, or `ignore`.
    public var fields: [String: String]
    /// The header row, when the mapping says where the header is.
    public var headerRow: Int?
    /// Who saved it (the account, or `cli` and the system user).
    public var savedBy: String
    /// When (UTC, ISO 8601).
    public var savedAt: String

    enum CodingKeys: String, CodingKey {
        case number, kind, signature, fields
        case headerRow = "header_row"
        case savedBy = "saved_by"
        case savedAt = "saved_at"
    }

    /// Encodes every key, nulls included.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(kind, forKey: .kind)
        try c.encode(signature, forKey: .signature)
        try c.encode(fields, forKey: .fields)
        try c.encode(headerRow, forKey: .headerRow)
        try c.encode(savedBy, forKey: .savedBy)
        try c.encode(savedAt, forKey: .savedAt)
    }
}

/// A mapping asked for that is not saved.
public enum MappingError: DuijieError, Equatable {
    /// No saved mapping with that number or signature.
    case notFound(String)

    /// Not found.
    public var kind: ErrorKind { .notFound }

    /// One sentence.
    public var description: String {
        switch self {
        case .notFound(let key): "no saved column mapping '\(key)' (see `duijie mappings list`)"
        }
    }
}

/// Saved column mappings: list, show, remove, save; and the corrections an import is asked to apply.
public struct MappingService: Sendable {
    let store: DuijieStore

    /// Creates the service over a store.
    public init(database: EventDatabase) { self.init(store: database.store) }

    package init(store: DuijieStore) { self.store = store }

    /// The field names a mapping may use for `kind` (the schema's fields, as `--map` and the preview write them).
    public static func fields(of kind: SheetKind) -> [String] {
        switch kind {
        case .demands: DemandField.allCases.map(\.rawValue)
        case .solvers: SolverField.allCases.map(\.rawValue)
        case .deals: DealField.allCases.map(\.rawValue)
        case .judges: PanelField.allCases.map(\.rawValue)
        // A score sheet's fields read once per row; criteria, judges and teams as columns are found by their headers.
        case .scores:
            ScoreField.allCases.filter { ![.criterion, .judgeScore, .teamScore].contains($0) }.map(\.rawValue)
        }
    }

    /// The fields a column of a `kind` sheet may be read as, each with the name sheets usually give it (the
    /// vocabulary's first name: `enterprise` → 企业名称), for the preview page's choices.
    public static func fieldChoices(of kind: SheetKind) -> [(field: String, name: String)] {
        let vocabulary = Vocabulary.standard(kind)
        return fields(of: kind).map { field in
            (field, vocabulary.entries.first { $0.field == field }?.names.first ?? field)
        }
    }

    /// Reads `--map` assignments and `--header-row` for `kind`.
    public static func correction(kind: SheetKind, assignments: [String], headerRow: Int?) throws -> ColumnMapping {
        guard !assignments.isEmpty || headerRow != nil else { return ColumnMapping() }
        return try ColumnMapping.parse(assignments, fields: fields(of: kind), headerRow: headerRow)
    }

    /// Every saved mapping (of one kind), numbered in list order.
    public func list(kind: SheetKind? = nil) throws -> [MappingDTO] {
        try store.mappings(kind: kind?.rawValue).enumerated().map { index, stored in
            let mapping = try Self.decode(stored)
            return MappingDTO(
                number: index + 1, kind: stored.kind, signature: stored.signature, fields: mapping.fields,
                headerRow: mapping.headerRow, savedBy: stored.savedBy, savedAt: stored.savedAt)
        }
    }

    /// One saved mapping by its number in `list()` or its signature.
    public func show(_ key: String) throws -> MappingDTO {
        let all = try list()
        if let number = Int(key), let found = all.first(where: { $0.number == number }) { return found }
        if let found = all.first(where: { $0.signature == key }) { return found }
        throw MappingError.notFound(key)
    }

    /// Removes a saved mapping by its number or signature; returns what was removed.
    @discardableResult
    public func remove(_ key: String) throws -> MappingDTO {
        let found = try show(key)
        _ = try store.removeMapping(kind: found.kind, signature: found.signature)
        return found
    }

    /// The saved mappings of `kind` by signature, as the reader applies them.
    func saved(kind: SheetKind) throws -> [String: ColumnMapping] {
        var out: [String: ColumnMapping] = [:]
        for stored in try store.mappings(kind: kind.rawValue) { out[stored.signature] = try Self.decode(stored) }
        return out
    }

    /// Saves `mapping` for each sheet that was read (under its signature), restricted to that sheet's headers.
    /// Returns the signatures saved.
    func save(_ mapping: ColumnMapping, kind: SheetKind, sheets: [SheetExplanation], savedBy: String) throws -> [String] {
        var saved: [String] = []
        for sheet in sheets {
            guard let signature = sheet.signature, !signature.isEmpty else { continue }
            let own = mapping.restricted(to: sheet.columns.map(\.header))
            guard !own.isEmpty else { continue }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let json = String(decoding: try encoder.encode(own), as: UTF8.self)
            try store.saveMapping(kind: kind.rawValue, signature: signature, json: json, savedBy: savedBy)
            saved.append(signature)
        }
        return saved
    }

    private static func decode(_ stored: StoredMapping) throws -> ColumnMapping {
        do {
            return try JSONDecoder().decode(ColumnMapping.self, from: Data(stored.json.utf8))
        } catch {
            throw StoreError.corrupt(table: "column_mapping", row: nil, column: "mapping of \(stored.signature)")
        }
    }
}
