import Foundation
import Hummingbird
import Service

/// What an upload holds: one of the five kinds of sheet (the pipeline's own type, with its Chinese and English names).
typealias UploadKind = RecordKind

/// What an upload did.
enum UploadResult: Encodable, Sendable {
    case records(ImportSummaryDTO)
    /// A preview: `{"files": [...], "preview": true}`; nothing was stored.
    case preview(ImportSummaryDTO)
    case scores(JudgeImportDTO)
    case judges(Int)

    func encode(to encoder: Encoder) throws {
        switch self {
        case .records(let summary): try summary.encode(to: encoder)
        case .preview(let summary): try (summary.explain ?? ExplainDTO(preview: true)).encode(to: encoder)
        case .scores(let summary): try summary.encode(to: encoder)
        case .judges(let count):
            var container = encoder.singleValueContainer()
            try container.encode(["judges": count])
        }
    }
}

/// Runs an upload through the same use cases as `duijie import`, `deals import` and `judge import`, reading every
/// file from memory (nothing is written to disk). Every file of a multi-file upload is imported: demand, team and
/// deals sheets each in their own transaction, judges panels and score sheets one after another. Each file is read
/// whole, within `ImportLimits.upload` (two minutes, 200,000 rows), before the store's write lock is taken, so a slow
/// or hostile upload never holds up sign-in or judges' saves.
struct Uploads: Sendable {
    let database: EventDatabase

    /// How an organizer corrects an upload: a mapping, whether to save it, whether only to preview.
    struct Correction: Sendable {
        var mapping = SheetCorrection()
        var save = false
        var preview = false
        var savedBy = "web"

        /// Reads `map` (repeatable `HEADER=FIELD`), `header_row`, `save_mapping` and `preview` for `kind`.
        init(kind: UploadKind, map: [String], headerRow: String?, save: Bool, preview: Bool, savedBy: String) throws {
            var row: Int?
            if let headerRow, !headerRow.isEmpty {
                guard let number = Int(headerRow) else {
                    throw HTTPError(.badRequest, message: "header_row must be a row number, not '\(headerRow)'")
                }
                row = number
            }
            if !map.isEmpty || row != nil || preview || save {
                mapping = try MappingService.correction(kind: kind, assignments: map, headerRow: row)
            }
            self.save = save
            self.preview = preview
            self.savedBy = savedBy
        }

        init() {}
    }

    func run(
        kind: UploadKind, files: [FormData.File], event: String, strict: Bool = false, explain: Bool = false,
        correction: Correction = Correction()
    ) throws -> UploadResult {
        guard !files.isEmpty else { throw HTTPError(.badRequest, message: "choose a file to upload") }
        var sources: [ImportFile] = []
        for (index, file) in files.enumerated() {
            var name = file.filename.split(separator: "/").last.map(String.init) ?? ""
            if name.isEmpty || name == "." || name == ".." { name = "upload-\(index + 1)" }
            if sources.contains(where: { $0.name == name }) { name = "\(index + 1)-\(name)" }
            sources.append(ImportFile(name: name, data: Data(file.data.readableBytesView)))
        }
        if kind == .judges, correction.preview {
            var summary = ImportSummaryDTO()
            summary.explain = ExplainDTO(preview: true)
            for source in sources {
                let explain = try JudgeService(database: database).previewJudges(
                    source, event: event, limits: .upload, mapping: correction.mapping)
                summary.explain?.files += explain.files
            }
            return .preview(summary)
        }
        switch kind {
        case .demands, .solvers:
            var request = ImportRequest(
                kind: kind == .demands ? .demands : .solvers, sources: sources, event: event, strict: strict,
                explain: explain, limits: .upload)
            request.mapping = correction.mapping
            request.saveMapping = correction.save
            request.preview = correction.preview
            request.savedBy = correction.savedBy
            let summary = ImportService(database: database).run(request)
            return correction.preview ? .preview(summary) : .records(summary)
        case .deals:
            let summary = DealService(database: database).importDeals(
                sources, event: event, explain: explain, limits: .upload, mapping: correction.mapping,
                saveMapping: correction.save, preview: correction.preview, savedBy: correction.savedBy)
            return correction.preview ? .preview(summary) : .records(summary)
        case .judges:
            var count = 0
            for source in sources {
                count += try JudgeService(database: database).importJudges(
                    source, event: event, limits: .upload, mapping: correction.mapping, saveMapping: correction.save,
                    savedBy: correction.savedBy)
            }
            return .judges(count)
        case .scores:
            var total = JudgeImportDTO()
            for source in sources {
                total.add(
                    try JudgeService(database: database).importScores(
                        source, judgesFile: nil, event: event, explain: explain, limits: .upload,
                        preview: correction.preview, mapping: correction.mapping, saveMapping: correction.save,
                        savedBy: correction.savedBy))
            }
            return .scores(total)
        }
    }
}
