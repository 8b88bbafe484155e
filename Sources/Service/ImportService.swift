import DuijieCore
import Foundation
import Ingestion
import Logging
import Sheets
import Store

/// Which records a file holds.
public enum RecordKind: String, Sendable, CaseIterable {
    /// Enterprise technology demands.
    case demands
    /// Research-team profiles.
    case solvers
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

/// What an import was asked to do.
public struct ImportRequest: Sendable {
    /// Demands or solvers.
    public var kind: RecordKind
    /// The files, in order; each imports in its own transaction.
    public var files: [URL]
    /// The event demands belong to.
    public var event: String
    /// Refuse a whole file when any row is rejected.
    public var strict: Bool
    /// Read hidden sheets too.
    public var includeHiddenSheets: Bool

    /// Creates a request.
    public init(
        kind: RecordKind, files: [URL], event: String = ImportRequest.defaultEvent, strict: Bool = false,
        includeHiddenSheets: Bool = false
    ) {
        self.kind = kind
        self.files = files
        self.event = event
        self.strict = strict
        self.includeHiddenSheets = includeHiddenSheets
    }

    /// The event used when none is named.
    public static let defaultEvent = "default"
}

/// The use case behind `duijie import` and the upload endpoint: read, validate, store, summarise.
public struct ImportService: Sendable {
    let store: DuijieStore
    let logger: Logger

    /// Creates the service over a store.
    public init(store: DuijieStore, logger: Logger = Logger(label: "duijie.import")) {
        self.store = store
        self.logger = logger
    }

    /// Imports every file of `request`; a file that cannot be read is reported in `errors` and leaves no trace.
    public func run(_ request: ImportRequest, progress: (@Sendable (ImportProgress) -> Void)? = nil) -> ImportSummaryDTO {
        var summary = ImportSummaryDTO()
        for url in request.files {
            let name = url.lastPathComponent
            do {
                let result = try importFile(url, request: request, progress: progress)
                summary.imported += result.counts.imported
                summary.updated += result.counts.updated
                summary.unchanged += result.counts.unchanged
                summary.skipped += result.counts.skipped
                summary.rejected += result.rejected.map(RejectionDTO.init)
                if result.strictRefused {
                    summary.errors.append(IngestionError.strictRejected(file: name, count: result.rejected.count).description)
                }
                summary.files.append(
                    FileImportDTO(
                        file: name, importID: result.importID, imported: result.counts.imported,
                        updated: result.counts.updated, unchanged: result.counts.unchanged, skipped: result.counts.skipped,
                        rejected: result.rejected.count, strictRefused: result.strictRefused,
                        sheets: result.report.sheetsRead, warnings: result.report.warnings, error: nil))
                logger.info(
                    "imported \(name)",
                    metadata: ["imported": "\(result.counts.imported)", "rejected": "\(result.rejected.count)"])
            } catch {
                let message = summary.recordFailure(file: name, error)
                logger.warning("could not import \(name): \(message)")
            }
        }
        return summary
    }

    private func importFile(
        _ url: URL, request: ImportRequest, progress: (@Sendable (ImportProgress) -> Void)?
    ) throws -> ImportResult {
        // Parse on a second thread while this one validates and writes.
        let workbook = PrefetchingWorkbook(try WorkbookOpener.open(url))
        let options = ReaderOptions(includeHiddenSheets: request.includeHiddenSheets)
        let started = Date()
        var rows = 0
        func tick() {
            rows += 1
            if rows % 5000 == 0, let progress {
                progress(ImportProgress(file: workbook.fileName, rows: rows, seconds: Date().timeIntervalSince(started)))
            }
        }
        switch request.kind {
        case .demands:
            let reader = RecordReader(schema: DemandSchema(), options: options)
            return try store.importDemands(file: workbook.fileName, event: request.event, strict: request.strict) { sink in
                try reader.read(workbook) { outcome in
                    tick()
                    try sink.accept(outcome)
                }
            }
        case .solvers:
            let reader = RecordReader(schema: SolverSchema(), options: options)
            return try store.importSolvers(file: workbook.fileName, strict: request.strict) { sink in
                try reader.read(workbook) { outcome in
                    tick()
                    try sink.accept(outcome)
                }
            }
        }
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

/// Listing use cases behind `demands list`, `solvers list` and `rejected list`.
public struct CatalogService: Sendable {
    let store: DuijieStore

    /// Creates the service over a store.
    public init(store: DuijieStore) { self.store = store }

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

    /// The rows still to fix as a sheet to correct and upload again: the reason first, then the row's own columns
    /// under their original headers (so the fixed sheet imports like the first one).
    public func rejectedSheet(kind: String?) throws -> [[String]] {
        let rows = try rejected(kind: kind, toFix: true)
        var headers: [String] = []
        for row in rows {
            for name in row.rejection.cells.keys.sorted() where !headers.contains(name) { headers.append(name) }
        }
        // Keep the sheets' own column order when it can be told from a row (A, B, … letters sort last).
        headers.sort { a, b in
            let la = a.allSatisfy { $0.isASCII && $0.isUppercase }
            let lb = b.allSatisfy { $0.isASCII && $0.isUppercase }
            return la != lb ? lb : a < b
        }
        var table = [["问题 problem", "文件 file", "工作表 sheet", "行 row"] + headers]
        for row in rows {
            let r = row.rejection
            table.append(
                ["\(r.column): \(r.reason)", r.file, r.sheet ?? "", String(r.row)] + headers.map { r.cells[$0] ?? "" })
        }
        return table
    }

    /// The kinds of sheets whose rejected rows are kept.
    public static let rejectionKinds = ["demands", "solvers", "deals"]
}
