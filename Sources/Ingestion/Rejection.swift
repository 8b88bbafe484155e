import DuijieCore

/// What reading a file could not do that the organizer should know, though it is not a row error.
public enum IngestionError: Error, Equatable, CustomStringConvertible {
    /// No sheet had a header row Duijie recognises.
    case noHeader(file: String, sheet: String?, seen: [String], accepted: [String])
    /// Strict mode: the file had rejected rows, so nothing of it was imported.
    case strictRejected(file: String, count: Int)
    /// A value no person typed (an amount beyond exact arithmetic): the file is damaged or made by a program.
    case valueOutOfRange(place: String, column: String, reason: String)
    /// The read took longer than its bound.
    case tooSlow(file: String, seconds: Int, rows: Int)
    /// The file holds more rows than this way of importing accepts.
    case tooManyRows(file: String, limit: Int)

    /// One sentence for people.
    public var description: String {
        switch self {
        case .noHeader(let file, let sheet, let seen, let accepted):
            let place = sheet.map { "\(file), sheet '\($0)'" } ?? file
            let saw = seen.isEmpty ? "no text at all" : seen.prefix(30).map { "'\($0)'" }.joined(separator: ", ")
            return
                "\(place): no header row found in the first 30 rows, and no label/value form; saw \(saw); accepted names include \(accepted.joined(separator: ", "))"
        case .tooSlow(let file, let seconds, let rows):
            return
                "\(file): reading stopped after \(seconds) s (\(rows) rows read); nothing was imported — import a file this large with `duijie import` on the server"
        case .tooManyRows(let file, let limit):
            return
                "\(file): more than \(limit) rows, more than an upload accepts; nothing was imported — split the file, or import it with `duijie import` on the server"
        case .valueOutOfRange(let place, let column, let reason):
            return "\(place), column '\(column)': \(reason); the file is refused whole, nothing was imported"
        case .strictRejected(let file, let count):
            return "\(file): \(count) row(s) rejected; --strict refuses the whole file, nothing was imported"
        }
    }
}

extension IngestionError: DuijieError {
    /// A file whose rows cannot be imported as they are.
    public var kind: ErrorKind { .unusable }

    /// The sentence in Chinese, from the catalogue.
    public var chineseDescription: String {
        switch self {
        case .noHeader(let file, let sheet, let seen, let accepted):
            let place = sheet.map { "\(file)，工作表“\($0)”" } ?? file
            let saw = seen.isEmpty ? "没有任何文字" : seen.prefix(30).map { "“\($0)”" }.joined(separator: "、")
            return Message("ingest.no_header", place, saw, accepted.joined(separator: "、")).chinese
        case .tooSlow(let file, let seconds, let rows):
            return Message("ingest.too_slow", file, String(seconds), String(rows)).chinese
        case .tooManyRows(let file, let limit): return Message("ingest.too_many_rows", file, String(limit)).chinese
        case .valueOutOfRange(let place, let column, let reason):
            return Message("ingest.value_out_of_range", place, column, reason).chinese
        case .strictRejected(let file, let count): return Message("ingest.strict", file, String(count)).chinese
        }
    }
}

extension VocabularyError: DuijieError {
    /// A vocabulary file written wrongly is bad input.
    public var kind: ErrorKind { .invalid }
}
