import DuijieCore
import Foundation
import Ingestion
import Logging
import Sheets
import Store

/// Which records a file holds (demands or solvers for `duijie import`; every kind for uploads).
public typealias RecordKind = SheetKind

/// One file to import: its name (for messages and the store) and where its bytes are (a path, or an upload held
/// in memory, which is never written to disk).
public struct ImportFile: Sendable {
    /// The name used in messages, the summary and the store (the last path component of a file).
    public var name: String
    /// The bytes.
    public var source: SpreadsheetSource

    /// A file on disk.
    public init(url: URL) {
        name = url.lastPathComponent
        source = .file(url)
    }

    /// Bytes held in memory under `name`.
    public init(name: String, data: Data) {
        self.name = name
        source = .memory(data)
    }

    /// Opens the workbook.
    func open() throws -> Workbook { try WorkbookOpener.open(source, fileName: name) }
}

/// Progress of a long import, reported every few thousand rows.
public struct ImportProgress: Sendable {
    /// The file being read.
    public var file: String
    /// Rows read so far in this file.
    public var rows: Int
    /// Seconds since the file was opened.
    public var seconds: Double

    /// Rows per second so far.
    public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
}

/// How long and how large a read may be before it is stopped with a sentence saying so.
public struct ImportLimits: Sendable {
    /// The most seconds one file's read may take.
    public var seconds: Double
    /// The most rows one file may hold.
    public var rows: Int

    /// Creates limits.
    public init(seconds: Double, rows: Int) {
        self.seconds = seconds
        self.rows = rows
    }

    /// For uploads to the server: two minutes and 200,000 rows a file (larger files: `duijie import` on the server).
    public static let upload = ImportLimits(seconds: 120, rows: 200_000)

    /// Reader options under these limits.
    func options(includeHiddenSheets: Bool) -> ReaderOptions {
        ReaderOptions(includeHiddenSheets: includeHiddenSheets, timeLimit: seconds, rowLimit: rows)
    }
}

extension ReaderOptions {
    /// The options every import reads with: `limits` when given (uploads), the organizer's correction and the saved
    /// mappings of the sheet's kind.
    static func importing(
        limits: ImportLimits?, includeHiddenSheets: Bool = false, mapping: ColumnMapping, saved: [String: ColumnMapping]
    ) -> ReaderOptions {
        var options =
            limits?.options(includeHiddenSheets: includeHiddenSheets) ?? ReaderOptions(includeHiddenSheets: includeHiddenSheets)
        options.mapping = mapping
        options.savedMappings = saved
        return options
    }
}

/// What an import was asked to do.
public struct ImportRequest: Sendable {
    /// Demands or solvers.
    public var kind: RecordKind
    /// The files, in order; each imports in its own transaction.
    public var files: [ImportFile]
    /// The event demands belong to.
    public var event: String
    /// Refuse a whole file when any row is rejected.
    public var strict: Bool
    /// Read hidden sheets too.
    public var includeHiddenSheets: Bool
    /// Add how each sheet was read to the summary (`explain`).
    public var explain: Bool
    /// Bounds for files that arrive over the network: the whole file is read (within these bounds) before the
    /// store's write lock is taken, so a slow or hostile upload never blocks judges' saves. nil: stream the file into
    /// one transaction, reading and writing at once (the command line).
    public var limits: ImportLimits?
    /// The organizer's correction for this import (`--map`, `--header-row`), applied over any saved mapping.
    public var mapping = ColumnMapping()
    /// Also save `mapping` under each sheet's header signature, once the file is imported.
    public var saveMapping = false
    /// Read and import as usual, then roll everything back: the summary says what the import would do, with how
    /// each sheet was read, its first records and its rejected rows; nothing is stored.
    public var preview = false
    /// Who saves a mapping (the account, or `cli`).
    public var savedBy = "cli"

    /// Creates a request for files on disk.
    public init(
        kind: RecordKind, files: [URL], event: String = ImportRequest.defaultEvent, strict: Bool = false,
        includeHiddenSheets: Bool = false, explain: Bool = false
    ) {
        self.init(
            kind: kind, sources: files.map(ImportFile.init(url:)), event: event, strict: strict,
            includeHiddenSheets: includeHiddenSheets, explain: explain)
    }

    /// Creates a request for files on disk or in memory.
    public init(
        kind: RecordKind, sources: [ImportFile], event: String = ImportRequest.defaultEvent, strict: Bool = false,
        includeHiddenSheets: Bool = false, explain: Bool = false, limits: ImportLimits? = nil
    ) {
        self.limits = limits
        self.kind = kind
        self.files = sources
        self.event = event
        self.strict = strict
        self.includeHiddenSheets = includeHiddenSheets
        self.explain = explain
    }

    /// The event used when none is named.
    public static let defaultEvent = "default"

    /// The saved mappings of the request's kind, loaded when the import starts.
    var saved: [String: ColumnMapping] = [:]
}

/// The use case behind `duijie import` and the upload endpoint: read, validate, store, summarise.
public struct ImportService: Sendable {
    let store: DuijieStore
    let logger: Logger

    /// Creates the service over a store.
    public init(database: EventDatabase, logger: Logger = Logger(label: "duijie.import")) {
        self.init(store: database.store, logger: logger)
    }

    package init(store: DuijieStore, logger: Logger = Logger(label: "duijie.import")) {
        self.store = store
        self.logger = logger
    }

    /// Imports every file of `request`; a file that cannot be read is reported in `errors` and leaves no trace.
    /// Demands and solvers here; deals through `DealService`, judges and score sheets through `JudgeService`.
    public func run(_ request: ImportRequest, progress: (@Sendable (ImportProgress) -> Void)? = nil) -> ImportSummaryDTO {
        var summary = ImportSummaryDTO()
        if request.preview { summary.explain = ExplainDTO(files: [], preview: true) }
        var request = request
        do {
            request.saved = try MappingService(store: store).saved(kind: request.kind)
        } catch {
            summary.recordFailure(file: "column_mapping", error)
            return summary
        }
        for file in request.files {
            let name = file.name
            do {
                let samples = SheetSamples.forRecords(event: request.event)
                let (result, report) = try importFile(
                    file, request: request, samples: request.explain || request.preview ? samples : nil,
                    progress: progress)
                summary.add(
                    file: name, importID: request.preview ? nil : result.importID, counts: result.counts,
                    rejected: result.rejected, rejectedCount: result.rejectedCount, strictRefused: result.strictRefused,
                    report: report, explain: request.explain, samples: samples, preview: request.preview)
                if result.strictRefused {
                    summary.errors.append(IngestionError.strictRejected(file: name, count: result.rejectedCount).description)
                }
                if request.saveMapping, !request.preview, !result.strictRefused, !request.mapping.isEmpty {
                    let saved = try MappingService(store: store).save(
                        request.mapping, kind: request.kind, sheets: report.sheets, savedBy: request.savedBy)
                    summary.savedMappings = (summary.savedMappings ?? []) + saved
                }
                logger.info(
                    "\(request.preview ? "previewed" : "imported") \(name)",
                    metadata: ["imported": "\(result.counts.imported)", "rejected": "\(result.rejectedCount)"])
            } catch {
                let message = summary.recordFailure(file: name, error)
                logger.warning("could not import \(name): \(message)")
            }
        }
        return summary
    }

    private func importFile(
        _ file: ImportFile, request: ImportRequest, samples: SheetSamples?,
        progress: (@Sendable (ImportProgress) -> Void)?
    ) throws -> (ImportResult, ReadReport) {
        let options = ReaderOptions.importing(
            limits: request.limits, includeHiddenSheets: request.includeHiddenSheets, mapping: request.mapping,
            saved: request.saved)
        // Streaming: parse on a second thread while this one validates and writes.
        let workbook: Workbook = request.limits == nil ? PrefetchingWorkbook(try file.open()) : try file.open()
        let started = Date()
        var rows = 0
        let tick = { () -> Void in
            rows += 1
            if rows % 5000 == 0, let progress {
                progress(ImportProgress(file: workbook.fileName, rows: rows, seconds: Date().timeIntervalSince(started)))
            }
        }
        switch request.kind {
        case .demands:
            return try load(
                DemandSchema(), workbook, options: options, phased: request.limits != nil, tick: tick,
                sample: samples.map { samples in { try samples.add($0, sheet: $0.source.sheet) } }
            ) { feed in
                try store.importDemands(
                    file: workbook.fileName, event: request.event, strict: request.strict, dryRun: request.preview,
                    feed: feed)
            }
        case .solvers:
            return try load(
                SolverSchema(), workbook, options: options, phased: request.limits != nil, tick: tick,
                sample: samples.map { samples in { try samples.add($0, sheet: $0.source.sheet) } }
            ) { feed in
                try store.importSolvers(
                    file: workbook.fileName, strict: request.strict, dryRun: request.preview, feed: feed)
            }
        case .deals, .judges, .scores:
            throw ImportKindError(kind: request.kind)
        }
    }

    /// Reads `workbook` through `schema` into the store's sink. `phased`: the whole file is read first, then written in
    /// one short transaction (uploads); else rows are written as they are read, in one transaction.
    private func load<Schema: RecordSchema>(
        _ schema: Schema, _ workbook: Workbook, options: ReaderOptions, phased: Bool, tick: @escaping () -> Void,
        sample: ((Schema.Record) throws -> Void)?,
        write: ((RecordSink<Schema.Record>) throws -> Void) throws -> ImportResult
    ) throws -> (ImportResult, ReadReport) {
        let reader = RecordReader(schema: schema, options: options)
        var report = ReadReport()
        let result: ImportResult
        if phased {
            var outcomes: [RowOutcome<Schema.Record>] = []
            report = try reader.read(workbook) { outcome in
                tick()
                if let sample, case .record(let record) = outcome { try sample(record) }
                outcomes.append(outcome)
            }
            result = try write { sink in
                for outcome in outcomes { try sink.accept(outcome) }
                sink.fixes = report.fixes
            }
        } else {
            result = try write { sink in
                report = try reader.read(workbook) { outcome in
                    tick()
                    if let sample, case .record(let record) = outcome { try sample(record) }
                    try sink.accept(outcome)
                }
                sink.fixes = report.fixes
            }
        }
        report.warnings += result.warnings
        return (result, report)
    }

    /// For a sheet whose header the reader cannot find: the row an organizer most likely means as the header
    /// (`HeaderGuess`), offered on the preview page for them to check. Nil when there is none or the file cannot be
    /// opened (the preview has already said why).
    public static func likelyHeaderRow(_ file: ImportFile) -> Int? {
        guard let workbook = try? file.open() else { return nil }
        return HeaderGuess.likelyHeaderRow(workbook)
    }

    /// One sentence naming the file for any error an import can raise.
    static func describe(_ error: Error, file: String) -> String {
        switch error {
        case let error as SheetsError: return error.description
        case let error as IngestionError: return error.description
        case let error as StoreError: return "\(file): \(error.description)"
        default: return "\(file): \(error)"
        }
    }
}

extension RecordSink {
    /// Passes one row's outcome, as the reader decided it, to the store.
    @inline(__always)
    func accept(_ outcome: RowOutcome<Record>) throws {
        switch outcome {
        case .record(let record): try write(record)
        case .rejected(let rejection): reject(rejection)
        case .skipped: skip()
        }
    }
}

/// A kind of sheet `ImportService.run` does not import itself (deals, judges and score sheets have their own use cases).
struct ImportKindError: Error, CustomStringConvertible {
    var kind: SheetKind
    var description: String { "\(kind.rawValue) are imported by their own command (deals import, judge import)" }
}

/// Listing use cases behind `demands list`, `solvers list` and `rejected list`.
public struct CatalogService: Sendable {
    let store: DuijieStore

    /// Creates the service over a store.
    public init(database: EventDatabase) { self.init(store: database.store) }

    package init(store: DuijieStore) { self.store = store }

    /// Demands, optionally of one event.
    public func demands(event: String? = nil) throws -> [DemandDTO] { try store.demands(event: event).map(DemandDTO.init) }

    /// Solver profiles.
    public func solvers() throws -> [SolverDTO] { try store.solvers().map(SolverDTO.init) }

    /// The event codes, newest first.
    public func events() throws -> [String] { try store.eventCodes() }

    /// The event a page means: the one asked for, else the newest named one (files imported without `--event`
    /// go under `default`, which is chosen only when there is no other).
    public func event(_ requested: String?) throws -> String {
        if let requested, !requested.isEmpty { return requested }
        let codes = try store.eventCodes()
        return codes.first { $0 != ImportRequest.defaultEvent } ?? codes.first ?? ImportRequest.defaultEvent
    }

    /// Rejected rows kept for fixing.
    public func rejected(kind: String? = nil, toFix: Bool = false) throws -> [StoredRejection] {
        try store.rejectedRows(kind: kind, latestImportOnly: toFix)
    }

    /// The rows still to fix as a sheet to correct and upload again — of one source file (`file`), or of all: the
    /// problem and the row's `来源行` first, then the row's own columns under their original headers in the sheet's
    /// own order (so the corrected sheet reads like the first one, and uploading it resolves exactly the rows it
    /// carries: fixed, or rejected again with the problem they still have).
    public func rejectedSheet(kind: String?, file: String? = nil) throws -> [[String]] {
        let rows = try rejected(kind: kind, toFix: true).filter { file == nil || $0.rejection.file == file }
        var headers: [String] = []
        var seen: Set<String> = []
        for row in rows {
            let names = row.rejection.order.isEmpty ? row.rejection.cells.keys.sorted() : row.rejection.order
            for name in names where seen.insert(name).inserted { headers.append(name) }
        }
        var table = [[RowReference.problemHeader, RowReference.sourceHeader] + headers]
        for row in rows {
            let r = row.rejection
            table.append(["\(r.column)：\(r.reason)", r.reference] + headers.map { r.cells[$0] ?? "" })
        }
        return table
    }

    /// The source files of `rows` (rows still to fix), and how many each has (one download per file), in order.
    public static func rejectedFiles(_ rows: [StoredRejection]) -> [(file: String, count: Int)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for row in rows {
            if counts[row.rejection.file] == nil { order.append(row.rejection.file) }
            counts[row.rejection.file, default: 0] += 1
        }
        return order.map { ($0, counts[$0] ?? 0) }
    }

    /// The kinds of sheets whose rejected rows are kept.
    public static let rejectionKinds = [SheetKind.demands, .solvers, .deals].map(\.rawValue)
}
