import Foundation
import Hummingbird
import Service
import Store

/// What an upload holds.
enum UploadKind: String, CaseIterable, Sendable {
    case demands, solvers, deals, judges, scores

    /// Names for the upload form.
    var label: (zh: String, en: String) {
        switch self {
        case .demands: ("技术需求表", "Demand sheets")
        case .solvers: ("科研团队表", "Team profiles")
        case .deals: ("合同/意向表", "Deals")
        case .judges: ("评委名单", "Judges panel")
        case .scores: ("评分表", "Score sheet")
        }
    }
}

/// What an upload did.
enum UploadResult: Encodable, Sendable {
    case records(ImportSummaryDTO)
    case scores(JudgeImportDTO)
    case judges(Int)

    func encode(to encoder: Encoder) throws {
        switch self {
        case .records(let summary): try summary.encode(to: encoder)
        case .scores(let summary): try summary.encode(to: encoder)
        case .judges(let count):
            var container = encoder.singleValueContainer()
            try container.encode(["judges": count])
        }
    }
}

/// Runs an upload through the same use cases as `duijie import`, `deals import` and `judge import`: the files are
/// written to a private temporary folder under their own (last-component) names, read, and removed.
struct Uploads: Sendable {
    let store: DuijieStore

    func run(kind: UploadKind, files: [FormData.File], event: String, strict: Bool = false) throws -> UploadResult {
        guard !files.isEmpty else { throw HTTPError(.badRequest, message: "choose a file to upload") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var urls: [URL] = []
        for (index, file) in files.enumerated() {
            var name = file.filename.isEmpty ? "upload-\(index + 1)" : file.filename
            if urls.contains(where: { $0.lastPathComponent == name }) { name = "\(index + 1)-\(name)" }
            let url = folder.appendingPathComponent(name)
            try Data(file.data.readableBytesView).write(to: url)
            urls.append(url)
        }
        switch kind {
        case .demands, .solvers:
            return .records(
                ImportService(store: store).run(
                    ImportRequest(kind: kind == .demands ? .demands : .solvers, files: urls, event: event, strict: strict)))
        case .deals:
            return .records(DealService(store: store).importDeals(urls, event: event))
        case .judges:
            return .judges(
                try mapped { try urls.reduce(0) { $0 + (try JudgeService(store: store).importJudges(file: $1, event: event)) } })
        case .scores:
            return .scores(
                try mapped { try JudgeService(store: store).importScores(file: urls[0], judgesFile: nil, event: event) })
        }
    }
}
