import DuijieCore
import Foundation

/// An Office Open XML workbook (`.xlsx`, `.xlsm`), read without loading any sheet whole.
///
/// Hand-written because no kept Swift library streams XLSX on Linux: CoreXLSX decodes whole parts into
/// memory and is not in the mirror. ZIPFoundation opens the container; libxml2's SAX2 reads the parts.
public final class XLSXWorkbook: Workbook {
    /// The file name used in messages.
    public let fileName: String
    /// The sheets in workbook order.
    public let sheets: [SheetInfo]
    /// Whether the workbook counts dates from 1904 (old Mac Excel) instead of 1900.
    public let uses1904: Bool

    private let container: ZipContainer
    private let sheetParts: [String]
    private let sharedStringsPart: String?
    private let styles: [NumberStyle]
    private var sharedStrings: [String]?

    /// Opens the workbook at `url` and reads its sheet list and styles.
    public convenience init(url: URL, fileName: String? = nil, limits: ReadLimits? = nil) throws {
        try self.init(source: .file(url), fileName: fileName ?? url.lastPathComponent, limits: limits)
    }

    /// Opens the workbook held in `source` and reads its sheet list and styles.
    public init(source: SpreadsheetSource, fileName name: String, limits: ReadLimits? = nil) throws {
        self.fileName = name
        container = try ZipContainer(source: source, fileName: name, limits: limits ?? .forFile(size: source.size))

        let rootRels = RelationshipsHandler()
        if container.has("_rels/.rels") { try container.parse("_rels/.rels", handler: rootRels) }
        let workbookPart =
            rootRels.byType["officeDocument"].map { XLSXWorkbook.resolve($0, from: "") }
            ?? "xl/workbook.xml"
        guard container.has(workbookPart) else {
            throw SheetsError.notASpreadsheet(file: name, reason: "a zip file without an Excel workbook part")
        }
        let base = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let workbook = WorkbookPartHandler()
        try container.parse(workbookPart, handler: workbook)
        let relsPart = (base.isEmpty ? "" : base + "/") + "_rels/" + (workbookPart.split(separator: "/").last ?? "") + ".rels"
        let rels = RelationshipsHandler()
        if container.has(relsPart) { try container.parse(relsPart, handler: rels) }

        var infos: [SheetInfo] = []
        var parts: [String] = []
        for (index, sheet) in workbook.sheets.enumerated() {
            let target = rels.targets[sheet.relationshipID] ?? "worksheets/sheet\(index + 1).xml"
            infos.append(SheetInfo(name: sheet.name, index: index, isHidden: sheet.hidden))
            parts.append(XLSXWorkbook.resolve(target, from: base))
        }
        sheets = infos
        sheetParts = parts
        uses1904 = workbook.uses1904

        let stylesPart = rels.byType["styles"].map { XLSXWorkbook.resolve($0, from: base) } ?? base + "/styles.xml"
        if container.has(stylesPart) {
            let styles = StylesHandler()
            try container.parse(stylesPart, handler: styles)
            self.styles = styles.styles
        } else {
            self.styles = []
        }
        let stringsPart =
            rels.byType["sharedStrings"].map { XLSXWorkbook.resolve($0, from: base) }
            ?? base + "/sharedStrings.xml"
        sharedStringsPart = container.has(stringsPart) ? stringsPart : nil
    }

    /// Streams the rows of `sheet`.
    public func readRows(of sheet: SheetInfo, _ body: (SheetRow) throws -> Void) throws {
        let part = sheetParts[sheet.index]
        // The first sheet read parses the shared strings on a second thread while this one parses the sheet;
        // rows that need a string not yet known wait in a bounded buffer (see SheetHandler).
        var loader: SharedStringsLoader?
        if sharedStrings == nil {
            if let sharedStringsPart {
                loader = SharedStringsLoader(container: try container.reopened(), part: sharedStringsPart)
            } else {
                sharedStrings = []
            }
        }
        // Merged ranges come after the rows in the part; a sheet of ordinary size is inflated whole first so they are
        // known in time and vertically merged cells can be filled down (MergedCells). Larger parts stream as they are.
        var merged = MergedCells([])
        try withoutActuallyEscaping(body) { body in
            let handler = SheetHandler(
                sharedStrings: sharedStrings, loader: loader, maxPendingCells: container.limits.maxPendingCells,
                styles: styles, uses1904: uses1904,
                emit: { row in
                    guard !merged.isEmpty else { return try body(row) }
                    var filled = row
                    merged.fill(&filled)
                    try body(filled)
                })
            defer { if let loaded = handler.loadedStrings { sharedStrings = loaded } }
            do {
                try container.parse(
                    part, handler: handler, shouldStop: { handler.failure != nil }, wholeUpTo: XLSXWorkbook.wholeSheetBytes,
                    inspect: { data in merged = MergedCells(try MergedCells.ranges(inWorksheet: data)) })
            } catch {
                if let failure = handler.failure { throw SheetsError.placed(failure, file: fileName, sheet: sheet.name) }
                throw SheetsError.placed(error, file: fileName, sheet: sheet.name)
            }
            handler.finish()
            if let failure = handler.failure { throw SheetsError.placed(failure, file: fileName, sheet: sheet.name) }
        }
    }

    /// Sheet parts up to this size (uncompressed XML, about 40,000 ordinary rows) are inflated whole so that their
    /// merged ranges are known before their rows; larger ones stream without filling merged cells.
    static let wholeSheetBytes = 16 << 20

    /// Resolves a relationship target against the folder of the part that names it.
    static func resolve(_ target: String, from base: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = base.isEmpty ? [] : base.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = components.popLast() } else if piece != "." { components.append(String(piece)) }
        }
        return components.joined(separator: "/")
    }
}
