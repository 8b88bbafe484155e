import DuijieCore
import Foundation
import Sheets

/// A field of a kind of sheet: its key (the vocabulary's `[field]`) and what its values look like.
public protocol SchemaField: Hashable, Sendable, CaseIterable, RawRepresentable where RawValue == String {
    /// What the field's values look like, for reading a column whose header is unknown or generic.
    var valueKind: ValueKind { get }
}

/// A column the vocabulary does not name but the schema recognises from what it knows (a judge of the panel, a
/// criterion of the event's rules, a team): the field, and the label the column stands for.
public struct DynamicColumn<Field: SchemaField>: Sendable {
    /// The field (a repeated one: several columns may carry it).
    public var field: Field
    /// What this column stands for: the judge's name, the criterion, the team.
    public var label: String

    /// Creates a dynamic column.
    public init(field: Field, label: String) {
        self.field = field
        self.label = label
    }
}

/// A kind of record a sheet can hold: its vocabulary and how one row becomes one record.
public protocol RecordSchema: Sendable {
    /// The record produced.
    associatedtype Record: Sendable
    /// The fields.
    associatedtype Field: SchemaField

    /// The kind of sheet.
    var kind: SheetKind { get }
    /// The header names (usually `Vocabulary.standard(kind)`).
    var vocabulary: Vocabulary { get }
    /// Whether a header (or form) naming these fields is one this kind can read (e.g. it names the demand's title).
    func accepts(_ header: HeaderMap<Field>, context: SheetContext) -> Bool
    /// A column the vocabulary does not name but the schema recognises (judges as columns, criteria); nil otherwise.
    func dynamicColumn(_ header: HeaderText) -> DynamicColumn<Field>?
    /// Fields that may be taken from the sheet's or the file's name or a `标签：值` line above the table.
    var contextFields: Set<Field> { get }
    /// Field values a sheet's name gives (a score sheet named after a judge).
    func values(sheetName: String?) -> [Field: String]
    /// Fields whose blank cell means "the same as above" (a score sheet's demand, written once per group or merged
    /// down its rows and saved as CSV).
    var carriedFields: Set<Field> { get }
    /// Maps one data row, or describes what is wrong with it.
    func map(_ row: RowContext<Field>) -> Result<Record, RowProblem>
}

extension RecordSchema {
    /// No dynamic columns by default.
    public func dynamicColumn(_ header: HeaderText) -> DynamicColumn<Field>? { nil }
    /// No carried fields by default.
    public var carriedFields: Set<Field> { [] }
    /// No values from sheet names by default.
    public func values(sheetName: String?) -> [Field: String] { [:] }
    /// No context fields by default.
    public var contextFields: Set<Field> { [] }
}

/// One problem with a row: the field it concerns, the value and the reason.
public struct RowProblem: Error, Sendable {
    /// The field concerned.
    public var field: String
    /// The column index, when the field has a column.
    public var column: Int?
    /// The value as written.
    public var value: String
    /// Why it is refused, from the catalogue (both languages).
    public var message: Message
    /// Why it is refused (English).
    public var reason: String { message.description }
    /// A value no person typed (an amount beyond exact arithmetic): the whole file is refused, not just the row.
    public var fatal: Bool

    /// Creates a problem.
    public init(field: String, column: Int?, value: String, message: Message, fatal: Bool = false) {
        self.field = field
        self.column = column
        self.value = value
        self.message = message
        self.fatal = fatal
    }

    /// Creates a problem whose reason is not yet in the catalogue (shown as written in both languages).
    public init(field: String, column: Int?, value: String, reason: String, fatal: Bool = false) {
        self.init(field: field, column: column, value: value, message: Message("text", reason), fatal: fatal)
    }
}

/// A sheet's header and context, shared by reference by every row read under them.
public final class SheetFrame<Field: SchemaField>: Sendable {
    /// The header.
    public let header: HeaderMap<Field>
    /// What the sheet's surroundings say.
    public let sheet: SheetContext

    /// Creates a frame.
    public init(header: HeaderMap<Field>, sheet: SheetContext) {
        self.header = header
        self.sheet = sheet
    }
}

/// A data row with its header and its sheet's context, for a schema's `map`.
public struct RowContext<Field: SchemaField> {
    /// The row.
    public var row: SheetRow
    /// The header and the sheet's context.
    public let frame: SheetFrame<Field>
    /// Where it came from.
    public var source: SourceRef

    /// The header.
    public var header: HeaderMap<Field> { frame.header }
    /// What the sheet's surroundings say: a unit above the table, a county in the file name, a judge in the sheet name.
    public var sheet: SheetContext { frame.sheet }

    /// Creates the context of one row.
    public init(row: SheetRow, header: HeaderMap<Field>, source: SourceRef, sheet: SheetContext) {
        self.init(row: row, frame: SheetFrame(header: header, sheet: sheet), source: source)
    }

    /// Creates the context of one row under a shared frame.
    public init(row: SheetRow, frame: SheetFrame<Field>, source: SourceRef) {
        self.row = row
        self.frame = frame
        self.source = source
    }

    /// A county or region named by the sheet or the file, used when the row has none.
    public var impliedRegion: String? { sheet.region }
    /// A unit stated above the header (`单位：万元`), applying to amount columns without their own.
    public var sheetUnit: MoneyUnit? { sheet.unit }

    /// The raw cell of `field`, `.empty` when the sheet has no such column.
    public func cell(_ field: Field) -> CellValue {
        guard let column = frame.header.columns[field] else { return .empty }
        return row[column]
    }

    /// The trimmed, whitespace-folded text of `field`, or nil when blank or a word meaning "none" (`无`, `-`).
    public func text(_ field: Field) -> String? {
        let value = TextNormalizer.collapsedWhitespace(cell(field).text)
        if value.isEmpty || (value.utf8.count <= 12 && RowWords.shared.isNone(value)) { return nil }
        return value
    }

    /// A county written in `field`, read as the county alone when a province or city is written before it
    /// (`河北省衡水市桃城区` → 桃城区); else the text as written.
    public func county(_ field: Field) -> String? {
        guard let value = text(field) else { return nil }
        return Gazetteer.shared.county(in: value) ?? value
    }

    /// The value of `field` given by the sheet's surroundings (a `评委：张志强` line, the sheet's name), if any.
    public func implied(_ field: Field) -> String? { sheet.values[field.rawValue]?.value }

    /// The trimmed text of `field` keeping its line breaks (long descriptions), or nil when blank.
    public func longText(_ field: Field) -> String? {
        let raw = cell(field).text
        guard RowContext.hasLineBreak(raw) else { return text(field) }
        let lines = raw.unicodeScalars.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { TextNormalizer.collapsedWhitespace(String($0)) }.filter { !$0.isEmpty }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// Whether `text` holds a line break, by `memchr` over its bytes (long descriptions are the common case).
    static func hasLineBreak(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil
        }
    }

    /// The row's cells by header — every headed column, blank ones as "" so a row kept for fixing can be filled in
    /// under its own headers — and non-blank cells of unheaded columns under their letters.
    ///
    /// Bounded, so hostile rows cannot fill the store: at most `RowContext.maxKeptCells` cells and
    /// `RowContext.maxKeptCharacters` characters in all (what is cut is marked `…`).
    public var cells: [String: String] { keptCells.cells }

    /// `cells` with their names in column order, made in one pass (what a rejected row keeps).
    public var keptCells: (cells: [String: String], order: [String]) {
        var cells: [String: String] = [:]
        var order: [String] = []
        var budget = RowContext.maxKeptCharacters
        func keep(_ name: String, _ text: String) {
            let count = text.count
            if cells[name] == nil { order.append(name) }
            cells[name] = count > budget ? String(text.prefix(max(0, budget))) + "…" : text
            budget -= min(count, budget)
        }
        for (index, header) in header.headers.enumerated() where !header.isEmpty && cells[header] == nil {
            if cells.count >= RowContext.maxKeptCells { break }
            guard header != RowReference.problemHeader, header != RowReference.sourceHeader else { continue }
            keep(header, row[index].text)
        }
        for (index, cell) in row.cells.enumerated() where !cell.isBlank {
            if cells.count >= RowContext.maxKeptCells { break }
            let name = columnName(index)
            guard name != RowReference.problemHeader, name != RowReference.sourceHeader else { continue }
            keep(name, cell.text)
        }
        return (cells, order)
    }

    /// The most cells of a rejected row kept for fixing.
    public static var maxKeptCells: Int { 256 }
    /// The most characters of a rejected row kept, all its cells together.
    public static var maxKeptCharacters: Int { 8_000 }

    /// A column's header, or its letters when it has none.
    public func columnName(_ index: Int) -> String { header.columnName(index) }

    /// A problem about `field`'s cell, with the catalogue's sentence.
    public func problem(_ field: Field, _ message: Message) -> RowProblem {
        RowProblem(field: field.rawValue, column: header.columns[field], value: cell(field).text, message: message)
    }

    /// A problem about `field`'s cell whose reason is not yet in the catalogue.
    public func problem(_ field: Field, _ reason: String) -> RowProblem {
        problem(field, Message("text", reason))
    }

    /// Reads `field` as an amount. A unit in the cell (`300万`, `¥300,000`, a number format showing 万元) wins; else the
    /// header's (`预计投入（万元）`), else the sheet's (`单位：万元` above the table), else `defaultUnit`.
    public func amount(_ field: Field, defaultUnit: MoneyUnit) -> Result<Amount?, RowProblem> {
        let unit = frame.header.columns[field].flatMap { frame.header.units[$0] } ?? frame.sheet.unit ?? defaultUnit
        do {
            return .success(try AmountParser.parse(cell(field).text, defaultUnit: unit))
        } catch {
            var problem = problem(field, error.message)
            if case .outOfRange = error { problem.fatal = true }
            return .failure(problem)
        }
    }

    /// Reads `field` as a date: a date cell, date text, or a bare Excel serial number.
    public func date(_ field: Field, uses1904: Bool = false) -> Result<CivilDate?, RowProblem> {
        switch cell(field) {
        case .empty: return .success(nil)
        case .date(let date): return .success(date)
        case .number(let text):
            if let serial = Double(text), serial >= 1, serial < 2_958_466, serial.rounded() == serial,
                let date = CivilDate(excelSerial: serial, uses1904: uses1904)
            {
                return .success(date)
            }
            if text.count == 8, let date = try? DateParser.parse(text) { return .success(date) }
            return .failure(problem(field, Message("date.unreadable", text)))
        case let other:
            if RowWords.shared.isNone(TextNormalizer.collapsedWhitespace(other.text)) { return .success(nil) }
            do {
                return .success(try DateParser.parse(other.text))
            } catch {
                return .failure(problem(field, error.message))
            }
        }
    }
}
