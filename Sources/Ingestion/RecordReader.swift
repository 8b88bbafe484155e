import DuijieCore
import Sheets

/// What became of one row.
public enum RowOutcome<Record> {
    /// A valid record.
    case record(Record)
    /// A row refused, with its place and reason.
    case rejected(Rejection)
    /// A row skipped on purpose: blank, totals, a repeated header, a note.
    case skipped(SkipReason)
}

/// What reading a workbook found besides its rows.
public struct ReadReport: Sendable {
    /// Data rows looked at (after each sheet's header).
    public var rowsRead = 0
    /// Skipped rows by reason.
    public var skipped: [SkipReason: Int] = [:]
    /// Sheets read, by name (nil for CSV).
    public var sheetsRead: [String] = []
    /// Things the organizer should know: sheets without a header, hidden sheets left out.
    public var warnings: [String] = []

    /// Creates an empty report.
    public init() {}

    /// All skipped rows.
    public var skippedCount: Int { skipped.values.reduce(0, +) }
}

/// Options for reading records from a workbook.
public struct ReaderOptions: Sendable {
    /// Read hidden sheets too.
    public var includeHiddenSheets: Bool
    /// How many rows from the top of a sheet may precede the header.
    public var headerSearchRows: Int

    /// Creates options.
    public init(includeHiddenSheets: Bool = false, headerSearchRows: Int = 30) {
        self.includeHiddenSheets = includeHiddenSheets
        self.headerSearchRows = headerSearchRows
    }
}

/// Streams the records of a workbook through a schema: finds each sheet's header, skips what is not data,
/// maps the rest, and reports every row's outcome to the caller as it is read.
public struct RecordReader<Schema: RecordSchema> {
    /// The schema applied.
    public let schema: Schema
    /// The options.
    public let options: ReaderOptions

    /// Creates a reader.
    public init(schema: Schema, options: ReaderOptions = ReaderOptions()) {
        self.schema = schema
        self.options = options
    }

    /// Reads every (visible) sheet of `workbook`; throws `IngestionError.noHeader` when no sheet has a header.
    public func read(_ workbook: Workbook, _ body: (RowOutcome<Schema.Record>) throws -> Void) throws -> ReadReport {
        var report = ReadReport()
        var firstMissingHeader: IngestionError?
        for sheet in workbook.sheets {
            if sheet.isHidden && !options.includeHiddenSheets {
                report.warnings.append("sheet '\(sheet.name ?? "")' is hidden and was not read (use --include-hidden)")
                continue
            }
            let state = try readSheet(sheet, of: workbook, report: &report, body)
            if let missing = state {
                if workbook.sheets.count > 1 {
                    report.warnings.append(missing.description)
                }
                if firstMissingHeader == nil { firstMissingHeader = missing }
            } else {
                report.sheetsRead.append(sheet.name ?? workbook.fileName)
            }
        }
        if report.sheetsRead.isEmpty, let firstMissingHeader { throw firstMissingHeader }
        return report
    }

    /// Reads one sheet; returns the no-header error instead of throwing so other sheets can still be read.
    private func readSheet(
        _ sheet: SheetInfo, of workbook: Workbook, report: inout ReadReport,
        _ body: (RowOutcome<Schema.Record>) throws -> Void
    ) throws -> IngestionError? {
        var pending: [SheetRow] = []
        var header: HeaderMap<Schema.Field>?
        var sheetUnit: MoneyUnit?
        var gaveUp = false
        let region = RegionHint.from(sheetName: sheet.name) ?? RegionHint.from(fileName: workbook.fileName)
        var sawAnything = false
        do {
            try workbook.readRows(of: sheet) { row in
                if let header {
                    try process(
                        row, header: header, sheet: sheet, file: workbook.fileName, region: region, unit: sheetUnit,
                        report: &report, body)
                    return
                }
                if !row.isBlank { sawAnything = true }
                if let found = HeaderMatcher.match(row, table: schema.synonyms, required: schema.requiredHeader) {
                    header = found
                    sheetUnit = RegionHint.unitStated(in: pending)
                    pending = []
                    return
                }
                pending.append(row)
                if pending.count >= options.headerSearchRows {
                    gaveUp = true
                    throw StopSheet()
                }
            }
        } catch is StopSheet {}
        if header == nil {
            if !sawAnything && !gaveUp && workbook.sheets.count > 1 { return nil }
            let seen = pending.flatMap { $0.cells.map { TextNormalizer.collapsedWhitespace($0.text) } }.filter { !$0.isEmpty }
            let accepted = schema.synonyms.prefix(6).flatMap { $0.1.prefix(3) }
            return .noHeader(file: workbook.fileName, sheet: sheet.name, seen: seen, accepted: Array(accepted))
        }
        return nil
    }

    private func process(
        _ row: SheetRow, header: HeaderMap<Schema.Field>, sheet: SheetInfo, file: String, region: String?,
        unit: MoneyUnit?, report: inout ReadReport, _ body: (RowOutcome<Schema.Record>) throws -> Void
    ) throws {
        report.rowsRead += 1
        if let reason = RowClassifier.skipReason(row, headers: header.headers) {
            report.skipped[reason, default: 0] += 1
            try body(.skipped(reason))
            return
        }
        let source = SourceRef(file: file, sheet: sheet.name, row: row.number)
        let context = RowContext(row: row, header: header, source: source, impliedRegion: region, sheetUnit: unit)
        switch schema.map(context) {
        case .success(let record):
            try body(.record(record))
        case .failure(let problem):
            try body(
                .rejected(
                    Rejection(
                        file: file, sheet: sheet.name, row: row.number,
                        column: problem.column.map(context.columnName) ?? problem.field, value: problem.value,
                        reason: problem.reason, cells: context.cells)))
        }
    }
}

/// Thrown to stop reading a sheet whose header cannot be found.
private struct StopSheet: Error {}

/// Recognises rows that are not data. Runs on every row, so it looks only at what it must.
enum RowClassifier {
    static let totalWords = ["合计", "总计", "小计", "共计", "总额"]
    static let notePrefixes = ["注", "说明", "备注", "填表", "制表", "审核", "填报", "联系人:", "联系人：", "附"]

    static func skipReason(_ row: SheetRow, headers: [String]) -> SkipReason? {
        var filled = 0
        var firstFilled: String?
        var same = 0
        for (index, cell) in row.cells.enumerated() where !cell.isBlank {
            filled += 1
            let raw = cell.text
            if filled == 1 { firstFilled = raw }
            // Totals sit in the first filled cells and are short: 合计, 合 计, 总计：
            if filled <= 3, raw.utf8.count <= 32 {
                let compact = String(TextNormalizer.halfWidth(raw).unicodeScalars.filter { !TextNormalizer.isSpace($0) })
                if compact.unicodeScalars.count <= 8, totalWords.contains(where: { TextNormalizer.hasBytePrefix(compact, $0) }) {
                    return .total
                }
            }
            if index < headers.count, !headers[index].isEmpty, raw.utf8.count == headers[index].utf8.count,
                raw.utf8.elementsEqual(headers[index].utf8)
            {
                same += 1
            }
        }
        if filled == 0 { return .blank }
        if same >= 2 && same * 2 >= filled { return .repeatedHeader }
        if filled == 1, let only = firstFilled.map(TextNormalizer.collapsedWhitespace),
            notePrefixes.contains(where: { TextNormalizer.hasBytePrefix(only, $0) })
        {
            return .note
        }
        return nil
    }
}

/// Regions and units implied by sheet names, file names and the rows above a header.
public enum RegionHint {
    /// Words that make a sheet name generic rather than a place.
    static let genericWords = ["汇总", "需求", "sheet", "表", "统计", "名单", "目录", "清单", "团队", "成果"]

    /// A county-like sheet name (`枣强县`, `桃城区`, `深州市`, `衡水高新区`), or nil.
    public static func from(sheetName: String?) -> String? {
        guard let raw = sheetName else { return nil }
        let name = TextNormalizer.collapsedWhitespace(TextNormalizer.halfWidth(raw))
        guard (2...10).contains(name.count), let last = name.last, "县区市旗".contains(last),
            !genericWords.contains(where: { name.lowercased().contains($0) })
        else { return nil }
        return name
    }

    /// A county at the start of a file name (`枣强县技术需求.xlsx` → `枣强县`), or nil.
    public static func from(fileName: String) -> String? {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let characters = Array(base)
        for (index, character) in characters.enumerated().prefix(7) where index >= 1 && "县区旗".contains(character) {
            let candidate = String(characters[0...index])
            if candidate.allSatisfy({ $0.unicodeScalars.first!.value >= 0x4E00 }) { return candidate }
        }
        return nil
    }

    /// A unit stated in the rows above a header, such as `单位：万元`.
    static func unitStated(in rows: [SheetRow]) -> MoneyUnit? {
        for row in rows {
            for cell in row.cells {
                let text = TextNormalizer.halfWidth(cell.text).filter { !$0.isWhitespace }
                guard let range = text.range(of: "单位:") ?? text.range(of: "金额单位") else { continue }
                let rest = text[range.upperBound...]
                if rest.contains("亿元") { return .yi }
                if rest.contains("万元") || rest.hasPrefix("万") { return .wan }
                if rest.hasPrefix("元") { return .yuan }
            }
        }
        return nil
    }
}
