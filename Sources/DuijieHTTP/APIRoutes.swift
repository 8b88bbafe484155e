import Foundation
import Hummingbird
import Judging
import Service
import Store

/// The JSON API: the same use cases as the CLI, through the shared Service layer.
struct APIRoutes: Sendable {
    let store: DuijieStore

    /// The largest sheet an upload may send.
    static let maxUploadBytes = 64 << 20

    func demands(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        var list = try CatalogService(store: store).demands(event: query.get("event"))
        if let text = query.get("q"), !text.isEmpty {
            list = list.filter { d in
                [d.title, d.enterprise, d.description ?? "", d.field ?? "", d.county ?? "", d.ref ?? ""].contains {
                    $0.contains(text)
                }
            }
        }
        return try json(list)
    }

    func solvers(_ request: Request) throws -> Response {
        var list = try CatalogService(store: store).solvers()
        if let text = request.uri.queryParameters.get("q"), !text.isEmpty {
            list = list.filter { s in
                [s.name, s.institution ?? "", s.directions.joined(separator: "；"), s.achievements ?? "", s.ref ?? ""].contains {
                    $0.contains(text)
                }
            }
        }
        return try json(list)
    }

    func rejected(_ request: Request) throws -> Response {
        let rows = try CatalogService(store: store).rejected()
        return try json(
            rows.map {
                [
                    "file": $0.rejection.file, "sheet": $0.rejection.sheet ?? "", "row": String($0.rejection.row),
                    "column": $0.rejection.column,
                    "value": $0.rejection.value, "reason": $0.rejection.reason, "kind": $0.kind,
                ]
            })
    }

    func importSheet(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let kindText = context.parameters.get("kind"), let kind = ImportKind(rawValue: kindText) else {
            throw HTTPError(.notFound, message: "import kinds are demands, solvers, deals and scores")
        }
        let name = request.uri.queryParameters.get("filename").map { URL(fileURLWithPath: $0).lastPathComponent } ?? "upload.xlsx"
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: APIRoutes.maxUploadBytes)
        } catch {
            throw HTTPError(.contentTooLarge, message: "the upload is larger than \(APIRoutes.maxUploadBytes >> 20) MiB")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try Data(buffer.readableBytesView).write(to: file)
        let event = request.uri.queryParameters.get("event") ?? ImportRequest.defaultEvent
        switch kind {
        case .demands, .solvers:
            let summary = ImportService(store: store).run(
                ImportRequest(kind: kind == .demands ? .demands : .solvers, files: [file], event: event))
            if let error = summary.errors.first, summary.files.first?.error != nil {
                throw HTTPError(.unprocessableContent, message: error)
            }
            return try json(summary)
        case .deals:
            let summary = DealService(store: store).importDeals([file], event: event)
            if let error = summary.errors.first { throw HTTPError(.unprocessableContent, message: error) }
            return try json(summary)
        case .scores:
            return try json(try mapped { try JudgeService(store: store).importScores(file: file, judgesFile: nil, event: event) })
        }
    }

    enum ImportKind: String { case demands, solvers, deals, scores }

    func match(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let top = Int(query.get("top") ?? "10") ?? 10
        let reverse = query.get("reverse") == "true" || query.get("reverse") == "1"
        return try json(
            try mapped {
                try MatchService(store: store).rank(MatchRequest(event: query.get("event"), top: top, reverse: reverse))
            })
    }

    func assign(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let assign = AssignRequest(
            event: query.get("event"), perDemand: Int(query.get("per_demand") ?? "3") ?? 3,
            capacity: Int(query.get("capacity") ?? "1") ?? 1,
            distinctInstitutions: query.get("distinct_institutions") == "true",
            demands: query.get("demands").map { $0.split(separator: ",").map(String.init) })
        return try json(try mapped { try MatchService(store: store).assign(assign) })
    }

    func judgeResults(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        guard let event = query.get("event") else { throw HTTPError(.badRequest, message: "event is required") }
        var method: AggregationMethod?
        if let text = query.get("method") {
            guard let parsed = AggregationMethod(rawValue: text) else {
                throw HTTPError(.badRequest, message: "method must be mean, trimmed or zscore")
            }
            method = parsed
        }
        return try json(try mapped { try JudgeService(store: store).results(event: event, method: method) })
    }

    func report(_ request: Request) throws -> Response {
        try json(try mapped { try DealService(store: store).report(event: request.uri.queryParameters.get("event")) })
    }
}
