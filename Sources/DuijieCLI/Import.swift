import ArgumentParser
import Foundation
import Service

/// `duijie import demands|solvers FILE...`
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import demand sheets or research-team profiles (.xlsx, .csv, SpreadsheetML .xml).",
        subcommands: [ImportDemands.self, ImportSolvers.self]
    )
}

/// Flags shared by both import commands.
struct ImportFlags: ParsableArguments {
    @Argument(help: "The files to import; each is one transaction.", completion: .file())
    var files: [String]

    @Flag(help: "Refuse a whole file when any row is rejected.")
    var strict = false

    @Flag(name: .customLong("include-hidden"), help: "Also read sheets the workbook hides.")
    var includeHidden = false

    @Flag(help: "Print one JSON object on standard output.")
    var json = false

    @Flag(help: "Also show how each sheet was read: header rows, each column's field and how it was decided, rows skipped.")
    var explain = false

    @OptionGroup var corrections: CorrectionOptions
}

/// How an organizer corrects and previews an import (every kind of sheet that mappings apply to).
struct CorrectionOptions: ParsableArguments {
    @Option(
        name: .customLong("map"),
        help: ArgumentHelp(
            "Read the column headed HEADER as FIELD (a field name, or ignore); repeatable.", valueName: "HEADER=FIELD"))
    var map: [String] = []

    @Option(name: .customLong("header-row"), help: "The header is on this row (1-based) of every sheet.")
    var headerRow: Int?

    @Flag(name: .customLong("save-mapping"), help: "Also remember --map/--header-row under each sheet's header signature.")
    var saveMapping = false

    @Flag(help: "Read and check as the import would, show the result, and store nothing.")
    var preview = false

    /// The correction for `kind`, checked.
    func mapping(kind: RecordKind) throws -> SheetCorrection {
        try MappingService.correction(kind: kind, assignments: map, headerRow: headerRow)
    }

    /// Who saves a mapping from the command line.
    static var savedBy: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName) }
}

struct ImportDemands: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demands", abstract: "Import enterprise technology demands.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var flags: ImportFlags

    @Option(help: "The event the demands belong to.")
    var event: String = ImportRequest.defaultEvent

    func run() throws {
        try runImport(kind: .demands, event: event, flags: flags, store: store)
    }
}

struct ImportSolvers: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "solvers", abstract: "Import research-team profiles.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var flags: ImportFlags

    func run() throws {
        try runImport(kind: .solvers, event: ImportRequest.defaultEvent, flags: flags, store: store)
    }
}

/// Runs an import and reports it; shared by both import commands.
func runImport(kind: RecordKind, event: String, flags: ImportFlags, store options: StoreOptions) throws {
    let store = try openStore(options)
    var request = ImportRequest(
        kind: kind, files: flags.files.map { URL(fileURLWithPath: $0) }, event: event, strict: flags.strict,
        includeHiddenSheets: flags.includeHidden, explain: flags.explain)
    request.mapping = try flags.corrections.mapping(kind: kind)
    request.saveMapping = flags.corrections.saveMapping
    request.preview = flags.corrections.preview
    request.savedBy = CorrectionOptions.savedBy
    let showProgress = stderrIsTerminal
    let summary = ImportService(database: store).run(request) { progress in
        guard showProgress else { return }
        let line = "\r\(progress.file): \(progress.rows) rows, \(Int(progress.rowsPerSecond)) rows/s"
        FileHandle.standardError.write(Data(line.utf8))
    }
    if showProgress && summary.files.contains(where: { $0.imported + $0.updated + $0.unchanged + $0.skipped >= 5000 }) {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
    if request.preview {
        try printPreview(summary, json: flags.json)
    } else if flags.json {
        try printJSON(summary)
    } else {
        printHuman(summary)
    }
    for error in summary.errors { printError(error) }
    if summary.files.contains(where: { $0.error != nil }) { throw ExitCodes.unreadable }
    if summary.files.contains(where: { $0.strictRefused }) { throw ExitCodes.strictRefused }
}

private func printHuman(_ summary: ImportSummaryDTO) {
    for file in summary.files where file.error == nil {
        print(
            "\(file.file): \(file.imported) imported, \(file.updated) updated, \(file.unchanged) unchanged, "
                + "\(file.skipped) skipped, \(file.rejected) rejected\(file.strictRefused ? " (refused by --strict)" : "")")
        for warning in file.warnings { print("  note: \(warning)") }
    }
    for rejection in summary.rejected.prefix(20) {
        let place = rejection.sheet.map { "sheet '\($0)', row \(rejection.row)" } ?? "line \(rejection.row)"
        print("  rejected \(rejection.file), \(place), column '\(rejection.column)': \(rejection.reason)")
    }
    if summary.rejected.count > 20 {
        print("  … and \(summary.rejected.count - 20) more; see `duijie rejected list`")
    }
    if let explain = summary.explain { printExplanation(explain) }
}

/// Prints a preview: the JSON object `{"files": [...], "preview": true}`, or for people each file's would-be counts,
/// how each sheet would be read, its first records and the rows that would be rejected.
func printPreview(_ summary: ImportSummaryDTO, json: Bool) throws {
    let preview = summary.explain ?? ExplainDTO(files: [], preview: true)
    if json {
        try printJSON(preview)
        return
    }
    print("preview: nothing was stored")
    for file in preview.files {
        if let would = file.would {
            print(
                "\(file.file): would import \(would.new) new, \(would.updated) updated, \(would.unchanged) unchanged, "
                    + "\(would.skipped) skipped, \(would.rejected) rejected")
        }
        for warning in file.warnings ?? [] { print("  note: \(warning)") }
    }
    printExplanation(preview)
    for file in preview.files {
        for sheet in file.sheets {
            for rejection in sheet.rejected.prefix(20) {
                print("  would reject row \(rejection.row), column '\(rejection.column)': \(rejection.reason)")
            }
        }
    }
}

/// Prints how each sheet was read (`--explain` without `--json`).
func printExplanation(_ explain: ExplainDTO) {
    for file in explain.files {
        for sheet in file.sheets {
            let name = sheet.sheet.map { "\(file.file), sheet '\($0)'" } ?? file.file
            let rows = sheet.headerRows.map(String.init).joined(separator: "+")
            print(
                "\(name): \(sheet.layout)\(sheet.tableStart.map { " at \($0)" } ?? "")\(rows.isEmpty ? "" : ", header row \(rows)")"
            )
            for context in sheet.context { print("  \(context.field) = \(context.value) (from \(context.from))") }
            for column in sheet.columns {
                let field = column.field ?? "—"
                let note = column.note.map { " — \($0)" } ?? ""
                print(
                    "  \(column.letter.isEmpty ? "" : column.letter + " ")'\(column.header)' → \(field) [\(column.how.rawValue)]\(note)"
                )
            }
            if sheet.skippedTotal > 0 {
                let listed = sheet.skipped.prefix(20).map { "\($0.row) \($0.why.rawValue)" }.joined(separator: ", ")
                print("  skipped \(sheet.skippedTotal): \(listed)\(sheet.skippedTotal > 20 ? ", …" : "")")
            }
        }
    }
}

/// Opens the store; a store that cannot be opened is answered by `Duijie.runCommandLine` like every other error.
func openStore(_ options: StoreOptions) throws -> EventDatabase { try EventDatabase(path: options.path) }
