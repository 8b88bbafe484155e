import DuijieCore
import Foundation
import XMLStream

/// An Excel 2003 XML Spreadsheet (SpreadsheetML): `<Workbook><Worksheet><Table><Row><Cell><Data>`.
///
/// Streamed from disk through libxml2 in 256 KiB chunks; visibility (`<WorksheetOptions><Visible>`) comes after
/// the table in the file, so one quick pass lists the sheets and a second pass reads the rows wanted.
public final class SpreadsheetMLWorkbook: Workbook {
    /// The file name used in messages.
    public let fileName: String
    /// The worksheets in order.
    public let sheets: [SheetInfo]
    private let source: SpreadsheetSource
    private let limits: ReadLimits

    /// Opens the file at `url` and lists its worksheets.
    public convenience init(
        url: URL, fileName: String? = nil, limits: ReadLimits = ReadLimits(maxPartBytes: 4 << 30, maxTotalBytes: 4 << 30)
    ) throws {
        try self.init(source: .file(url), fileName: fileName ?? url.lastPathComponent, limits: limits)
    }

    /// Opens the document held in `source` and lists its worksheets.
    public init(
        source: SpreadsheetSource, fileName: String,
        limits: ReadLimits = ReadLimits(maxPartBytes: 4 << 30, maxTotalBytes: 4 << 30)
    ) throws {
        self.source = source
        self.fileName = fileName
        self.limits = limits
        let lister = SpreadsheetMLHandler(targetSheet: -1, emit: { _ in })
        try SpreadsheetMLWorkbook.stream(source: source, fileName: self.fileName, limits: limits, handler: lister)
        guard lister.sawWorkbook else {
            throw SheetsError.notASpreadsheet(file: self.fileName, reason: "XML without a SpreadsheetML <Workbook>")
        }
        sheets = lister.sheetNames.enumerated().map { index, name in
            SheetInfo(name: name, index: index, isHidden: lister.hiddenSheets.contains(index))
        }
    }

    /// Streams the rows of `sheet`.
    public func readRows(of sheet: SheetInfo, _ body: (SheetRow) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            let handler = SpreadsheetMLHandler(targetSheet: sheet.index, emit: body)
            try SpreadsheetMLWorkbook.stream(source: source, fileName: fileName, limits: limits, handler: handler)
            if let failure = handler.failure { throw SheetsError.placed(failure, file: fileName, sheet: sheet.name) }
        }
    }

    private static func stream(
        source: SpreadsheetSource, fileName: String, limits: ReadLimits, handler: SpreadsheetMLHandler
    ) throws {
        let parser = XMLPushParser(handler: handler, documentName: fileName)
        var total: Int64 = 0
        do {
            try source.chunks(of: 1 << 18, fileName: fileName) { chunk in
                guard handler.failure == nil, !handler.done else { return false }
                total += Int64(chunk.count)
                if total > limits.maxPartBytes {
                    throw SheetsError.partTooLarge(file: fileName, part: fileName, limit: limits.maxPartBytes)
                }
                try parser.feed(chunk)
                return true
            }
            if handler.failure == nil, !handler.done { try parser.finish() }
        } catch let error as XMLStreamError {
            throw SheetsError.xml(error, file: fileName, part: fileName)
        }
    }
}

/// Collects worksheet names and visibility, and the rows of one target worksheet.
final class SpreadsheetMLHandler: XMLStreamHandler {
    var sheetNames: [String] = []
    var hiddenSheets: Set<Int> = []
    var sawWorkbook = false
    var failure: Error?
    var done = false

    private let targetSheet: Int
    private let emit: (SheetRow) throws -> Void
    private var sheetIndex = -1
    private var rowNumber = 0
    private var mergeAcross = 0
    private var mergeDown = 0
    /// Cells merged down (ss:MergeDown) give their value to the rows below (see MergedCells).
    private var merged = MergedCells([])
    private var column = -1
    private var cells: [CellValue] = []
    private var dataType = "String"
    private var text = TextCollector()
    private var cellValue: CellValue = .empty
    private var inVisible = false
    private var depthInData = 0

    init(targetSheet: Int, emit: @escaping (SheetRow) throws -> Void) {
        self.targetSheet = targetSheet
        self.emit = emit
    }

    private var reading: Bool { sheetIndex == targetSheet }

    override func startElement(_ name: XMLName, attributes: XMLAttributes) {
        if depthInData > 0 {
            depthInData += 1  // rich text (<Font>, <B>) inside <Data>: keep collecting
            return
        }
        switch name.firstByte {
        case UInt8(ascii: "W"):
            if name.equals("Workbook") {
                sawWorkbook = true
            } else if name.equals("Worksheet") {
                sheetIndex += 1
                sheetNames.append(attributes.value("Name") ?? "Sheet\(sheetIndex + 1)")
                rowNumber = 0
                merged = MergedCells([])
            }
        case UInt8(ascii: "R") where reading && name.equals("Row"):
            let index = attributes.value("Index")
            let next = index.map { Int($0) ?? -1 } ?? (rowNumber + 1)
            guard next >= 1, next <= SheetGrid.maxRows else {
                failure = failure ?? OutOfRange.row(index ?? String(next))
                return
            }
            rowNumber = next
            cells.removeAll(keepingCapacity: true)
            column = -1
            mergeAcross = 0
        case UInt8(ascii: "C") where reading && name.equals("Cell"):
            // Without ss:Index a cell follows the previous one, after the columns that one spans (ss:MergeAcross).
            let index = attributes.value("Index")
            let next = index.map { Int($0) ?? -1 } ?? (column + 2 + mergeAcross)
            let across = attributes.value("MergeAcross").map { Int($0) ?? -1 } ?? 0
            let down = attributes.value("MergeDown").map { Int($0) ?? -1 } ?? 0
            guard next >= 1, next <= SheetGrid.maxColumns, (0..<SheetGrid.maxColumns).contains(across),
                (0..<SheetGrid.maxRows).contains(down), rowNumber + down <= SheetGrid.maxRows
            else {
                let value = index ?? attributes.value("MergeAcross") ?? attributes.value("MergeDown") ?? String(next)
                failure = failure ?? OutOfRange.column(value, row: rowNumber)
                return
            }
            column = next - 1
            mergeAcross = across
            mergeDown = down
            cellValue = .empty
        case UInt8(ascii: "D") where reading && name.equals("Data"):
            dataType = attributes.value("Type") ?? "String"
            text.begin()
            depthInData = 1
        case UInt8(ascii: "V") where name.equals("Visible"):
            inVisible = true
            text.begin()
        default:
            break
        }
    }

    override func endElement(_ name: XMLName) {
        if depthInData > 1 {
            depthInData -= 1
            return
        }
        switch name.firstByte {
        case UInt8(ascii: "D") where depthInData == 1 && name.equals("Data"):
            depthInData = 0
            let written = text.finish()
            guard let value = SpreadsheetMLHandler.value(written, type: dataType) else {
                failure = failure ?? OutOfRange.number(written, row: rowNumber, column: column)
                return
            }
            cellValue = value
        case UInt8(ascii: "C") where reading && name.equals("Cell"):
            guard column >= 0 && column < 16_384 else { return }
            if cells.count <= column { cells.append(contentsOf: repeatElement(.empty, count: column + 1 - cells.count)) }
            cells[column] = cellValue
            if mergeDown > 0 {
                merged.add(
                    MergedCells.Range(top: rowNumber, bottom: rowNumber + mergeDown, left: column, right: column + mergeAcross),
                    value: cellValue)
            }
        case UInt8(ascii: "R") where reading && name.equals("Row"):
            var row = SheetRow(number: rowNumber, cells: cells)
            if !merged.isEmpty { merged.fill(&row) }
            do { try emit(row) } catch { failure = error }
        case UInt8(ascii: "V") where inVisible && name.equals("Visible"):
            inVisible = false
            let state = text.finish()
            if state.hasPrefix("SheetHidden") || state.hasPrefix("SheetVeryHidden") { hiddenSheets.insert(sheetIndex) }
        case UInt8(ascii: "W") where reading && name.equals("Worksheet"):
            done = targetSheet >= 0
        default:
            break
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(bytes) }

    static func value(_ text: String, type: String) -> CellValue? {
        switch type {
        case "Number": return text.isEmpty ? .empty : DecimalText.plain(text).map(CellValue.number)
        case "Boolean": return .bool(text == "1" || text.lowercased() == "true")
        case "DateTime":
            if let date = try? DateParser.parse(text) { return .date(date) }
            return .text(text)
        case "Error": return .error(text)
        default: return text.isEmpty ? .empty : .text(text)
        }
    }
}
