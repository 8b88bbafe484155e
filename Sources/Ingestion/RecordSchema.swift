import DuijieCore
import Sheets

/// A kind of record a sheet can hold: its header table and how one row becomes one record.
public protocol RecordSchema: Sendable {
    /// The record produced.
    associatedtype Record: Sendable
    /// The fields of the header table.
    associatedtype Field: Hashable & Sendable & RawRepresentable where Field.RawValue == String

    /// The synonym table.
    var synonyms: [(Field, [String])] { get }
    /// The field a header row must have.
    var requiredHeader: Field { get }
    /// Maps one data row, or describes what is wrong with it.
    func map(_ row: RowContext<Field>) -> Result<Record, RowProblem>
}

/// One problem with a row: the field it concerns, the value and the reason.
public struct RowProblem: Error, Sendable {
    /// The field concerned.
    public var field: String
    /// The column index, when the field has a column.
    public var column: Int?
    /// The value as written.
    public var value: String
    /// Why it is refused.
    public var reason: String

    /// Creates a problem.
    public init(field: String, column: Int?, value: String, reason: String) {
        self.field = field
        self.column = column
        self.value = value
        self.reason = reason
    }
}

/// A data row with its header, for a schema's `map`.
public struct RowContext<Field: Hashable & Sendable> {
    /// The row.
    public var row: SheetRow
    /// The header.
    public var header: HeaderMap<Field>
    /// Where it came from.
    public var source: SourceRef
    /// A county or region named by the sheet or the file, used when the row has none.
    public var impliedRegion: String?
    /// A unit stated above the header (`单位：万元`), applying to amount columns without their own.
    public var sheetUnit: MoneyUnit?

    /// The raw cell of `field`, `.empty` when the sheet has no such column.
    public func cell(_ field: Field) -> CellValue {
        guard let column = header.columns[field] else { return .empty }
        return row[column]
    }

    /// The trimmed, whitespace-folded text of `field`, or nil when blank.
    public func text(_ field: Field) -> String? {
        let value = TextNormalizer.collapsedWhitespace(cell(field).text)
        return value.isEmpty ? nil : value
    }

    /// The trimmed text of `field` keeping its line breaks (long descriptions), or nil when blank.
    public func longText(_ field: Field) -> String? {
        let raw = cell(field).text
        guard raw.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
            let value = TextNormalizer.collapsedWhitespace(raw)
            return value.isEmpty ? nil : value
        }
        let lines = raw.unicodeScalars.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { TextNormalizer.collapsedWhitespace(String($0)) }.filter { !$0.isEmpty }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// The row's cells by header — every headed column, blank ones as "" so a row kept for fixing can be filled in
    /// under its own headers — and non-blank cells of unheaded columns under their letters.
    public var cells: [String: String] {
        var cells: [String: String] = [:]
        for (index, header) in header.headers.enumerated() where !header.isEmpty && cells[header] == nil {
            cells[header] = row[index].text
        }
        for (index, cell) in row.cells.enumerated() where !cell.isBlank {
            cells[columnName(index)] = cell.text
        }
        return cells
    }

    /// A column's header, or its letters when it has none.
    public func columnName(_ index: Int) -> String {
        index < header.headers.count && !header.headers[index].isEmpty ? header.headers[index] : columnLetters(index)
    }

    /// A problem about `field`'s cell.
    public func problem(_ field: Field, _ reason: String) -> RowProblem {
        RowProblem(field: "\(field)", column: header.columns[field], value: cell(field).text, reason: reason)
    }

    /// Reads `field` as an amount; `defaultUnit` applies to bare numbers unless the header or sheet names one.
    public func amount(_ field: Field, defaultUnit: MoneyUnit) -> Result<Amount?, RowProblem> {
        let unit = header.columns[field].flatMap { header.units[$0] } ?? sheetUnit ?? defaultUnit
        do {
            return .success(try AmountParser.parse(cell(field).text, defaultUnit: unit))
        } catch {
            return .failure(problem(field, error.description))
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
            return .failure(problem(field, "cannot read '\(text)' as a date"))
        case let other:
            do {
                return .success(try DateParser.parse(other.text))
            } catch {
                return .failure(problem(field, error.description))
            }
        }
    }
}
