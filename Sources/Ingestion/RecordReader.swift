import Dispatch
import DuijieCore
import Sheets

/// What became of one row.
public enum RowOutcome<Record> {
    /// A valid record.
    case record(Record)
    /// A row refused, with its place and reason.
    case rejected(Rejection)
    /// A row skipped on purpose: blank, totals, a repeated header, a note, a sign-off line, a section heading.
    case skipped(SkipReason)
}

/// What reading a workbook found besides its rows.
public struct ReadReport: Sendable {
    /// Data rows looked at (after each sheet's header).
    public var rowsRead = 0
    /// Skipped rows by reason.
    public var skipped: [SkipReason: Int] = [:]
    /// Sheets read, by name (the file name for CSV).
    public var sheetsRead: [String] = []
    /// Things the organizer should know: sheets without a header, hidden sheets left out, columns not read,
    /// columns read by their values.
    public var warnings: [String] = []
    /// How each sheet was read (header rows, columns, context, skipped rows).
    public var sheets: [SheetExplanation] = []
    /// The `来源行` references of the rows read from a download to fix (imported or rejected again): the rejected rows
    /// they resolve.
    public var fixes: [String] = []

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
    /// How many data rows are looked at before columns are decided by their values.
    public var profileRows: Int
    /// How many rows of a sheet without a header are searched for label/value forms.
    public var formRows: Int
    /// The most seconds a read may take before it is stopped (`IngestionError.tooSlow`); nil for no bound.
    public var timeLimit: Double?
    /// The most rows a read may look at before it is stopped (`IngestionError.tooManyRows`); nil for no bound.
    public var rowLimit: Int?
    /// The organizer's correction for this import (`--map`, `--header-row`): applies to every sheet.
    public var mapping = ColumnMapping()
    /// Saved mappings by header signature: a sheet whose header has one of these signatures is read with it (under
    /// `mapping`).
    public var savedMappings: [String: ColumnMapping] = [:]

    /// Creates options.
    public init(
        includeHiddenSheets: Bool = false, headerSearchRows: Int = 30, profileRows: Int = 50, formRows: Int = 2000,
        timeLimit: Double? = nil, rowLimit: Int? = nil
    ) {
        self.includeHiddenSheets = includeHiddenSheets
        self.headerSearchRows = headerSearchRows
        self.profileRows = profileRows
        self.formRows = formRows
        self.timeLimit = timeLimit
        self.rowLimit = rowLimit
    }
}

/// The one import pipeline for every kind of sheet. For each sheet it finds the table (title, unit and blank rows
/// above it; a table that does not start at A1), reads its header (one row, or a group header over sub-headers),
/// maps columns to fields (vocabulary, then values), and streams the rows through the schema — skipping what is not
/// data (totals, notes, sign-off lines, section headings, repeated headers, pre-numbered empty rows). A sheet
/// without a header is read as label/value forms when it is laid out as one.
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

    /// Reads every (visible) sheet of `workbook`; throws `IngestionError.noHeader` when no sheet has a table.
    public func read(_ workbook: Workbook, _ body: (RowOutcome<Schema.Record>) throws -> Void) throws -> ReadReport {
        try withoutActuallyEscaping(body) { body in try read(workbook, escaping: body) }
    }

    private func read(_ workbook: Workbook, escaping body: @escaping (RowOutcome<Schema.Record>) throws -> Void) throws
        -> ReadReport
    {
        var report = ReadReport()
        report.warnings += Vocabulary.problems
        let budget = ReadBudget(options: options, file: workbook.fileName)
        var firstMissingHeader: IngestionError?
        var readerWarnings = 0
        for sheet in workbook.sheets {
            if sheet.isHidden && !options.includeHiddenSheets {
                report.warnings.append("sheet '\(sheet.name ?? "")' is hidden and was not read (use --include-hidden)")
                continue
            }
            let reading = SheetReading(schema: schema, options: options, file: workbook.fileName, sheet: sheet, body: body)
            do {
                try workbook.readRows(of: sheet) { row in
                    try budget.spend()
                    try reading.feed(row, report: &report)
                }
            } catch is StopSheet {}
            let missing = try reading.finish(report: &report, sheetCount: workbook.sheets.count)
            let said = workbook.readWarnings
            if said.count > readerWarnings {
                report.warnings += said[readerWarnings...]
                readerWarnings = said.count
            }
            report.sheets.append(reading.explanation)
            if let missing {
                if workbook.sheets.count > 1 { report.warnings.append(missing.description) }
                if firstMissingHeader == nil { firstMissingHeader = missing }
            } else if reading.readSomething {
                report.sheetsRead.append(sheet.name ?? workbook.fileName)
            }
        }
        if report.sheetsRead.isEmpty, let firstMissingHeader { throw firstMissingHeader }
        return report
    }
}

/// Thrown to stop reading a sheet early.
struct StopSheet: Error {}

/// The time and rows a read may spend, checked as rows arrive.
final class ReadBudget {
    private let deadline: DispatchTime?
    private let seconds: Double
    private let rowLimit: Int?
    private let file: String
    private var rows = 0

    init(options: ReaderOptions, file: String) {
        seconds = options.timeLimit ?? 0
        deadline = options.timeLimit.map { DispatchTime.now() + .milliseconds(Int($0 * 1000)) }
        rowLimit = options.rowLimit
        self.file = file
    }

    func spend() throws {
        rows += 1
        if let rowLimit, rows > rowLimit { throw IngestionError.tooManyRows(file: file, limit: rowLimit) }
        if let deadline, rows & 255 == 0, DispatchTime.now() > deadline {
            throw IngestionError.tooSlow(file: file, seconds: Int(seconds), rows: rows)
        }
    }
}

/// The state of reading one sheet: searching for the header, confirming a sub-header row, looking at the first rows'
/// values, then streaming.
final class SheetReading<Schema: RecordSchema> {
    private enum Phase { case searching, confirming, profiling, streaming }

    let schema: Schema
    let options: ReaderOptions
    let file: String
    let sheet: SheetInfo
    let body: (RowOutcome<Schema.Record>) throws -> Void
    private(set) var explanation: SheetExplanation
    private(set) var readSomething = false
    private var phase = Phase.searching
    private var context: SheetContext
    private var above: [SheetRow] = []
    private var header: HeaderMap<Schema.Field>? {
        didSet { frame = nil }
    }
    /// The header and context shared by the rows read under them.
    private var frame: SheetFrame<Schema.Field>?
    private var top: SheetRow?
    private var buffer: [SheetRow] = []
    private var sawAnything = false
    /// The last value of each carried column (a blank below it means the same).
    private var carried: [Int: CellValue] = [:]

    init(
        schema: Schema, options: ReaderOptions, file: String, sheet: SheetInfo,
        body: @escaping (RowOutcome<Schema.Record>) throws -> Void
    ) {
        self.schema = schema
        self.options = options
        self.file = file
        self.sheet = sheet
        self.body = body
        explanation = SheetExplanation(sheet: sheet.name)
        context = SheetContext(file: file, sheet: sheet.name)
        for (field, value) in schema.values(sheetName: sheet.name) {
            context.values[field.rawValue] = SheetContext.Value(value: value, from: "sheet name")
        }
    }

    func feed(_ row: SheetRow, report: inout ReadReport) throws {
        switch phase {
        case .streaming:
            try process(row, report: &report)
        case .profiling:
            buffer.append(row)
            if buffer.count >= options.profileRows { try startStreaming(report: &report) }
        case .confirming:
            if let top, let header, let texts = HeaderResolver.subHeaders(top: top, below: row) {
                let combined = resolve(texts, rows: header.rows + [row.number])
                if schema.accepts(combined, context: context), combined.fieldCount >= header.fieldCount {
                    self.header = combined
                    phase = .profiling
                    return
                }
            }
            phase = .profiling
            buffer.append(row)
        case .searching:
            if !row.isBlank { sawAnything = true }
            if let wanted = options.mapping.headerRow {
                // The organizer says where the header is: that row, whatever it names (no search, no sub-header).
                if row.number == wanted {
                    header = resolve(headerTexts(row), rows: [row.number])
                    top = row
                    context.read(aboveTable: above, vocabulary: schema.vocabulary, fields: schema.contextFields)
                    phase = .profiling
                    readSomething = true
                } else if row.number < wanted {
                    above.append(row)
                }
                return
            }
            if above.count < options.headerSearchRows, !row.isBlank, var found = headerCandidate(row) {
                // A group header right above (企业信息 over 企业名称 and 所在县区): the two rows are one header.
                if let previous = above.last, !previous.isBlank, let texts = HeaderResolver.subHeaders(top: previous, below: row)
                {
                    let combined = resolve(texts, rows: [previous.number, row.number])
                    if schema.accepts(combined, context: context), combined.fieldCount >= found.fieldCount {
                        found = combined
                        above.removeLast()
                    }
                }
                header = found
                top = row
                context.read(aboveTable: above, vocabulary: schema.vocabulary, fields: schema.contextFields)
                phase = .confirming
                readSomething = true
                return
            }
            above.append(row)
            if above.count >= options.formRows {
                throw StopSheet()
            }
        }
    }

    /// The header `row` would be, when it names enough fields for this kind and is not a row of a label/value form.
    private func headerCandidate(_ row: SheetRow) -> HeaderMap<Schema.Field>? {
        let texts = headerTexts(row)
        guard texts.contains(where: { !$0.isEmpty }) else { return nil }
        let map = resolve(texts, rows: [row.number])
        var probe = context
        probe.read(aboveTable: above, vocabulary: schema.vocabulary, fields: schema.contextFields)
        guard map.fieldCount >= 2, schema.accepts(map, context: probe), !HeaderResolver.isLabelValueRow(row, map: map) else {
            return nil
        }
        return map
    }

    private func headerTexts(_ row: SheetRow) -> [HeaderText] {
        row.cells.map { cell -> HeaderText in
            switch cell {
            case .text(let text): return HeaderText(text)
            default: return HeaderText("")
            }
        }
    }

    /// Resolves header texts under the mapping that applies to them: a saved one found by their signature, with
    /// this import's own correction over it.
    private func resolve(_ texts: [HeaderText], rows: [Int]) -> HeaderMap<Schema.Field> {
        let signature = ColumnMapping.signature(texts.map(\.display))
        let saved = options.savedMappings[signature]
        let mapping = (saved ?? ColumnMapping()).overridden(by: options.mapping)
        return HeaderResolver.resolve(texts, schema: schema, rows: rows, mapping: mapping.isEmpty ? nil : mapping)
    }

    private func startStreaming(report: inout ReadReport) throws {
        guard var map = header else { return }
        let data = buffer.filter { RowClassifier.skipReason($0, header: map) == nil }
        let notes = ValueInference.revise(&map, rows: data, schema: schema)
        header = map
        let place = sheet.name.map { "sheet '\($0)': " } ?? ""
        report.warnings += notes.map { place + $0 }
        explanation.layout = "table"
        explanation.describe(map, samples: data)
        explanation.signature = ColumnMapping.signature(map.headers)
        explanation.savedMapping = options.savedMappings[explanation.signature ?? ""] != nil
        explanation.context = contextValues()
        let ignored = explanation.columns.filter {
            $0.how == .ignored && !map.serialColumns.contains($0.index) && !$0.samples.isEmpty
                && $0.header != RowReference.problemHeader && $0.header != RowReference.sourceHeader
        }
        if !ignored.isEmpty {
            let names = ignored.map { column in
                let name = column.header.isEmpty ? column.letter : "'\(column.header)'"
                return column.note?.hasPrefix("also reads as") == true ? "\(name) (\(column.note!))" : name
            }
            report.warnings.append("\(place)columns not read: \(names.joined(separator: ", "))")
        }
        phase = .streaming
        let held = buffer
        buffer = []
        for row in held { try process(row, report: &report) }
    }

    private func contextValues() -> [SheetExplanation.ContextValue] {
        var values: [SheetExplanation.ContextValue] = []
        if let unit = context.unit { values.append(.init(field: "unit", value: unit.label, from: "above the table")) }
        if let region = context.region { values.append(.init(field: "region", value: region, from: context.regionFrom ?? "")) }
        for (field, value) in context.values.sorted(by: { $0.key < $1.key }) {
            values.append(.init(field: field, value: value.value, from: value.from))
        }
        return values
    }

    private func process(_ row: SheetRow, report: inout ReadReport) throws {
        guard let header else { return }
        report.rowsRead += 1
        var reason = RowClassifier.skipReason(row, header: header)
        if reason == nil, mayBeHeader(row), let next = headerCandidate(row) {
            // A new block under a header of its own (two lists pasted together with different layouts).
            self.header = next
            carried = [:]
            reason = .repeatedHeader
        }
        if let reason {
            report.skipped[reason, default: 0] += 1
            explanation.skip(row.number, reason)
            try body(.skipped(reason))
            return
        }
        var row = row
        for field in schema.carriedFields {
            guard let column = header.columns[field] else { continue }
            if row[column].isBlank, let above = carried[column] {
                if row.cells.count <= column { row.cells += repeatElement(CellValue.empty, count: column + 1 - row.cells.count) }
                row.cells[column] = above
            } else if !row[column].isBlank {
                carried[column] = row[column]
            }
        }
        let source = SourceRef(file: file, sheet: sheet.name, row: row.number)
        if frame == nil { frame = SheetFrame(header: header, sheet: context) }
        let rowContext = RowContext(row: row, frame: frame!, source: source)
        let fixes = header.sourceColumn.map { TextNormalizer.collapsedWhitespace(row[$0].text) }.flatMap {
            RowReference.parse($0) == nil ? nil : $0
        }
        if let fixes { report.fixes.append(fixes) }
        switch schema.map(rowContext) {
        case .success(let record):
            try body(.record(record))
        case .failure(let problem):
            let column = problem.column.map(rowContext.columnName) ?? problem.field
            if problem.fatal {
                throw IngestionError.valueOutOfRange(place: source.description, column: column, reason: problem.reason)
            }
            let kept = rowContext.keptCells
            try body(
                .rejected(
                    Rejection(
                        file: file, sheet: sheet.name, row: row.number, column: column, value: problem.value,
                        reason: problem.reason, cells: kept.cells, order: kept.order, fixes: fixes,
                        reasonZH: problem.message.chinese)))
        }
    }

    /// A quick test before the full header test: every filled cell is short text and the first names a field exactly.
    private func mayBeHeader(_ row: SheetRow) -> Bool {
        // Header names hold no digits: a first cell with one (a ref, a running number) is data.
        guard let first = row.cells.first(where: { !$0.isBlank }), case .text(let text) = first, text.utf8.count <= 60,
            !text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        let key = TextNormalizer.key(text)
        guard vocabulary.exactField(key) != nil || serialKeys.contains(key) else { return false }
        var filled = 0
        for cell in row.cells where !cell.isBlank {
            guard case .text(let value) = cell, value.utf8.count <= 60 else { return false }
            filled += 1
        }
        return filled >= 2
    }

    private let serialKeys = Set(Vocabulary.common.names(of: "@serial").map { TextNormalizer.key($0) })
    private lazy var vocabulary = schema.vocabulary

    /// Ends the sheet: a header found without data streams what it holds; no header at all tries label/value forms,
    /// else returns the no-header error (nil for an empty sheet in a workbook with other sheets).
    func finish(report: inout ReadReport, sheetCount: Int) throws -> IngestionError? {
        switch phase {
        case .streaming: return nil
        case .confirming, .profiling:
            try startStreaming(report: &report)
            return nil
        case .searching:
            break
        }
        if let forms = FormReader.read(above, schema: schema, context: context) {
            readSomething = true
            explanation.layout = "form"
            explanation.describe(forms.header, samples: [])
            explanation.columns = forms.columns
            explanation.context = contextValues()
            for form in forms.records {
                report.rowsRead += 1
                let rowContext = RowContext(row: form.row, header: forms.header, source: form.source, sheet: context)
                switch schema.map(rowContext) {
                case .success(let record): try body(.record(record))
                case .failure(let problem):
                    let column = problem.column.map { forms.header.columnName($0) } ?? problem.field
                    let kept = rowContext.keptCells
                    try body(
                        .rejected(
                            Rejection(
                                file: file, sheet: sheet.name, row: form.rowOf[problem.column ?? -1] ?? form.source.row,
                                column: column, value: problem.value, reason: problem.reason, cells: kept.cells,
                                order: kept.order, reasonZH: problem.message.chinese)))
                }
            }
            return nil
        }
        if !sawAnything && sheetCount > 1 { return nil }
        let seen = above.prefix(schema.vocabulary.entries.isEmpty ? 0 : options.headerSearchRows)
            .flatMap { $0.cells.map { TextNormalizer.collapsedWhitespace($0.text) } }.filter { !$0.isEmpty }
        let accepted = schema.vocabulary.entries.prefix(6).flatMap { $0.names.prefix(3) }
        return .noHeader(file: file, sheet: sheet.name, seen: Array(seen.prefix(60)), accepted: Array(accepted))
    }
}
