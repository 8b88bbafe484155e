import DuijieCore
import Foundation
import Ingestion
import Store

/// A JSON value, for records shown as the list JSON writes them (a preview's first rows).
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes any JSON.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let value = try? c.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? c.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? c.decode(Double.self) {
            self = .double(value)
        } else if let value = try? c.decode(String.self) {
            self = .string(value)
        } else if let value = try? c.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    /// Encodes it back.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let value): try c.encode(value)
        case .int(let value): try c.encode(value)
        case .double(let value): try c.encode(value)
        case .string(let value): try c.encode(value)
        case .array(let value): try c.encode(value)
        case .object(let value): try c.encode(value)
        }
    }

    /// `value` as JSON, with `dropping` keys left out of an object (a record not stored yet has no `id`).
    static func of<T: Encodable>(_ value: T, dropping: Set<String> = []) throws -> JSONValue {
        let decoded = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(value))
        guard case .object(var object) = decoded else { return decoded }
        for key in dropping { object[key] = nil }
        return .object(object)
    }
}

/// How one sheet was read and what it gave: the explanation (table, header rows, columns and how each was decided,
/// context, rows skipped), the first records as they would be stored, and the rows rejected. This is the object
/// `--explain` adds to an import and `--preview` shows without importing.
@dynamicMemberLookup
public struct SheetReadDTO: Encodable, Sendable {
    /// How the sheet was read.
    public var explanation: SheetExplanation
    /// The first records (at most `SheetReadDTO.maxRecords`), as the list JSON writes them, without ids.
    public var records: [JSONValue]
    /// The sheet's rejected rows (those kept: at most 5,000 a file).
    public var rejected: [RejectionDTO]

    /// The most records shown per sheet.
    public static let maxRecords = 20

    /// The explanation's own properties (`sheet.headerRows`).
    public subscript<T>(dynamicMember keyPath: KeyPath<SheetExplanation, T>) -> T { explanation[keyPath: keyPath] }

    enum CodingKeys: String, CodingKey { case records, rejected }

    /// The explanation's keys, then `records` and `rejected`.
    public func encode(to encoder: Encoder) throws {
        try explanation.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(records, forKey: .records)
        try c.encode(rejected, forKey: .rejected)
    }
}

/// What one file would give (a preview) — the counts of the import that was done and rolled back.
public struct PreviewCountsDTO: Codable, Sendable, Equatable {
    /// New records.
    public var new: Int
    /// Existing records that would change.
    public var updated: Int
    /// Existing records that are the same.
    public var unchanged: Int
    /// Rows skipped on purpose.
    public var skipped: Int
    /// Rows rejected.
    public var rejected: Int

    /// Counts.
    public init(new: Int, updated: Int, unchanged: Int, skipped: Int, rejected: Int) {
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
        self.skipped = skipped
        self.rejected = rejected
    }
}

/// Collects, while a file is read, the first records of each sheet as JSON.
final class SheetSamples {
    private(set) var records: [String?: [JSONValue]] = [:]
    private let encode: (Any) throws -> JSONValue?

    init(encode: @escaping (Any) throws -> JSONValue?) { self.encode = encode }

    /// Keeps `record` when its sheet has fewer than `SheetReadDTO.maxRecords` so far.
    func add(_ record: Any, sheet: String?) throws {
        guard records[sheet, default: []].count < SheetReadDTO.maxRecords, let json = try encode(record) else { return }
        records[sheet, default: []].append(json)
    }

    /// The sheets of `report` with the records kept here and their rejected rows.
    func sheets(_ report: ReadReport, rejected: [Rejection]) -> [SheetReadDTO] {
        SheetSamples.sheets(report, records: records, rejected: rejected)
    }

    /// The sheets of `report` with `records` (none when not sampled) and their rejected rows.
    static func sheets(_ report: ReadReport, records: [String?: [JSONValue]] = [:], rejected: [Rejection]) -> [SheetReadDTO] {
        report.sheets.map { sheet in
            SheetReadDTO(
                explanation: sheet, records: records[sheet.sheet] ?? [],
                rejected: rejected.filter { $0.sheet == sheet.sheet }.map(RejectionDTO.init))
        }
    }

    /// Demands and team profiles as `demands list` and `solvers list` write them, deals as their fields.
    static func forRecords(event: String?) -> SheetSamples {
        SheetSamples { record in
            switch record {
            case let demand as Demand:
                try JSONValue.of(
                    DemandDTO(StoredDemand(id: 0, eventCode: event ?? ImportRequest.defaultEvent, demand: demand)),
                    dropping: ["id"])
            case let solver as SolverProfile:
                try JSONValue.of(SolverDTO(StoredSolver(id: 0, solver: solver)), dropping: ["id"])
            case let deal as SheetDeal:
                try JSONValue.of(deal.fields)
            default: nil
            }
        }
    }
}
