import Foundation

/// The OpenAPI 3.1 description of the routes; a test checks every documented route answers.
enum OpenAPIDocument {
    /// Method, path and summary of every route.
    static let routes: [(method: String, path: String, summary: String)] = [
        ("get", "/healthz", "Liveness: {\"status\": \"ok\"}"),
        ("get", "/openapi.json", "This document"),
        ("get", "/", "Dashboard page (HTML; ?lang=en for English)"),
        ("get", "/api/demands", "Demands; ?event= and ?q= (substring, works for 2-character Chinese terms)"),
        ("get", "/api/solvers", "Research teams; ?q= substring search"),
        ("get", "/api/rejected", "Rejected rows kept for fixing"),
        (
            "post", "/api/import/{kind}",
            "Upload a sheet (body = the file; ?filename=, ?event=); kind: demands, solvers, deals, scores"
        ),
        ("get", "/api/match", "Rank teams for every demand (?event=, ?top=, ?reverse=true); the run is stored"),
        ("post", "/api/assign", "Assign teams (?event=, ?per_demand=, ?capacity=, ?distinct_institutions=true, ?demands=)"),
        ("get", "/api/judge/results", "Final results (?event= required, ?method=mean|trimmed|zscore)"),
        ("get", "/api/report", "Deals report (?event=)"),
        ("get", "/judge/{token}", "A judge's sheet (HTML, per-judge link)"),
        ("post", "/judge/{token}/score", "Save one team's points (form: demand, team, p0…, reason after submission)"),
        ("post", "/judge/{token}/submit", "Submit and lock the judge's sheet"),
    ]

    /// The document as JSON text.
    static let json: String = {
        var paths: [String: [String: Any]] = [:]
        for route in routes {
            var operation: [String: Any] = [
                "summary": route.summary,
                "responses": [
                    "200": ["description": "OK"],
                    "400": ["description": "Bad input: {\"error\": {\"message\": …}}"],
                    "422": ["description": "A file that cannot be used: {\"error\": {\"message\": …}}"],
                ],
            ]
            if route.path.contains("{kind}") {
                operation["parameters"] = [["name": "kind", "in": "path", "required": true, "schema": ["type": "string"]]]
            }
            paths[route.path, default: [:]][route.method] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Duijie", "version": "1.0.0",
                "description": "Innovation challenge: demands, teams, matching, judging, deals",
            ],
            "paths": paths,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }()
}
