import Foundation

/// The OpenAPI 3.1 description of the routes; tests check that it lists exactly the router's routes and that every
/// one answers.
public enum OpenAPIDocument {
    /// Who may call a route.
    public enum Access: String, Sendable {
        /// Anyone (judges' links carry their own secret).
        case everyone
        /// An organizer or reporting-office account (reading).
        case account
        /// An organizer account (writing).
        case organizer
    }

    /// Method, path, access and summary of every route.
    public static let routes: [(method: String, path: String, access: Access, summary: String)] = [
        ("get", "/healthz", .everyone, "Liveness: {\"status\": \"ok\"}"),
        ("get", "/openapi.json", .everyone, "This document"),
        ("get", "/login", .everyone, "Sign-in page (HTML)"),
        ("post", "/login", .everyone, "Sign in (form: name, password, next); sets the session cookie"),
        ("post", "/logout", .everyone, "Sign out (form: csrf)"),
        ("get", "/signin/{token}", .everyone, "One-time sign-in link from `duijie users link` (?next= a local path to open)"),
        ("get", "/judge/{token}", .everyone, "A judge's sheet (HTML, per-judge link)"),
        ("post", "/judge/{token}/score", .everyone, "Save one team's points (form: demand, team, p0…, reason after submission)"),
        ("post", "/judge/{token}/submit", .everyone, "Submit and lock the judge's sheet"),
        ("get", "/", .account, "Overview page (HTML; ?lang=en for English, ?q= search, ?event=)"),
        ("get", "/results", .account, "Results page of the final (HTML; ?event=, ?method=)"),
        ("get", "/report", .account, "Deals report page with bar charts and the registered contracts (HTML; ?event=)"),
        ("get", "/report/export.csv", .account, "The report as CSV (UTF-8 with BOM; ?event=)"),
        ("get", "/report/export.xlsx", .account, "The report as XLSX (?event=)"),
        ("get", "/api/me", .account, "The signed-in account: {name, role}"),
        ("get", "/api/events", .account, "Event codes, newest first"),
        ("get", "/api/demands", .account, "Demands; ?event= and ?q= (substring, works for 2-character Chinese terms)"),
        ("get", "/api/solvers", .account, "Research teams; ?q= substring search"),
        (
            "get", "/api/rejected", .account,
            "Rejected rows kept for fixing (?kind=, ?current=true: each file's latest import only)"
        ),
        ("get", "/api/judge/setup", .account, "The final's setup: rules, groups, panel (?event= required)"),
        ("get", "/api/judge/results", .account, "Final results (?event= required, ?method=mean|trimmed|zscore)"),
        ("get", "/api/deals", .account, "Deals as they stand (?event=)"),
        ("get", "/api/deals/{id}/history", .account, "Every change to a deal"),
        ("get", "/api/report", .account, "Deals report (?event=)"),
        ("get", "/api/report/export", .account, "The report as a file (?format=csv|xlsx|json, ?event=)"),
        ("get", "/organize/upload", .organizer, "Upload page (HTML)"),
        (
            "post", "/organize/upload", .organizer,
            "Upload sheets (multipart: kind, event, file…, strict, step, csrf): every kind is held and previewed first (303 to the preview page) unless step=import; the row-by-row report"
        ),
        (
            "get", "/organize/upload/preview", .organizer,
            "An upload held for confirmation, previewed (HTML; ?token=, ?map=HEADER=FIELD…, ?header_row=, ?remember=1)"
        ),
        (
            "post", "/organize/upload/confirm", .organizer,
            "Preview again with the columns chosen, or import the held upload (form: token, map…, header_row, remember, action=preview|import, csrf)"
        ),
        ("get", "/organize/rejected", .organizer, "Rejected rows still to fix, each file's latest import (HTML; ?kind=)"),
        ("get", "/organize/rejected/export.xlsx", .organizer, "Rows to fix as a sheet to correct and upload again (?kind=)"),
        ("get", "/organize/rejected/export.csv", .organizer, "The same as CSV (?kind=)"),
        ("get", "/organize/demands", .organizer, "Demands to browse (HTML; ?q=, ?event=)"),
        ("get", "/organize/demands/{demand}", .organizer, "A demand with its ranked teams and reasons (HTML)"),
        ("post", "/organize/demands/{demand}/decision", .organizer, "Pin, drop or unpin a team (form: team, action, csrf)"),
        ("get", "/organize/assign", .organizer, "Assignment page (HTML)"),
        (
            "post", "/organize/assign", .organizer,
            "Run the assignment (form: per_demand, capacity, demands, distinct_institutions)"
        ),
        ("get", "/organize/final", .organizer, "The final's setup page (HTML)"),
        ("post", "/organize/final", .organizer, "Save the final's name, date, place, criteria, step, tiers, method"),
        ("post", "/organize/final/groups", .organizer, "Set pitch groups (form: run, or demand and teams)"),
        (
            "post", "/organize/final/revoke", .organizer,
            "Revoke a judge's link (form: judge): without confirm=yes a page asks first; with it, a new link is made"
        ),
        ("get", "/organize/final/board", .organizer, "The final's board: judges' progress, teams' valid judges, void entries"),
        ("get", "/organize/final/projector", .organizer, "Results for a projector, revealed group by group (?shown=N)"),
        (
            "get", "/api/judge/board", .organizer,
            "The final's board as JSON (?event=): per judge entered/missing/submitted, per team valid judges, excluded"
        ),
        ("get", "/organize/final/card", .organizer, "A judge's card to print: the link's QR code and the link (?judge=)"),
        (
            "get", "/organize/final/paper", .organizer,
            "A judge's paper score sheet to print (?judge=), or as XLSX/CSV in the layout judge import reads (&format=)"
        ),
        (
            "post", "/api/import/{kind}", .organizer,
            "Upload sheets: multipart (file…, event, strict, explain) or the file as the body (?filename=, ?event=, ?explain=true); every file is imported, read from memory; kind: demands, solvers, deals, judges, scores. Corrections (demands, solvers, deals): ?map=HEADER=FIELD (repeatable), ?header_row=N, ?save_mapping=true; ?preview=true reads and checks as the import would, answers {files: [{file, would, sheets: [{sheet, header_rows, columns, records, rejected, skipped}]}], preview: true} and stores nothing"
        ),
        ("get", "/api/match", .organizer, "Rank teams for every demand (?event=, ?top=, ?reverse=true); the run is stored"),
        ("post", "/api/match", .organizer, "The same as GET /api/match"),
        ("get", "/api/match/runs", .organizer, "Stored runs with their parameters"),
        ("get", "/api/match/runs/{run}", .organizer, "One stored run: a ranking's lists or an assignment's result"),
        ("get", "/api/match/demands/{demand}", .organizer, "One demand's ranked teams with reasons, not stored (?event=, ?top=)"),
        ("post", "/api/match/decisions", .organizer, "Pin, drop or unpin: {demand, team, action, event?}"),
        (
            "post", "/api/assign", .organizer,
            "Assign teams (?event=, ?per_demand=, ?capacity=, ?distinct_institutions=true, ?demands=)"
        ),
        (
            "post", "/api/judge/setup", .organizer,
            "Set up the final: {event, criteria?, step?, tiers?, method?, name?, date?, place?}"
        ),
        ("post", "/api/judge/groups", .organizer, "Pitch groups: {event, run} or {event, demand, teams}"),
        ("get", "/api/judge/links", .organizer, "Per-judge links of an event (?event= required)"),
        (
            "post", "/api/judge/links/revoke", .organizer,
            "Revoke a judge's link: {event, judge}; the next listing makes a new one"
        ),
        ("post", "/api/judge/scores", .organizer, "Enter or correct points: {event, judge, demand, team, points, reason?}"),
        ("post", "/api/judge/submit", .organizer, "Submit (lock) a judge's sheet: {event, judge}"),
        ("get", "/api/judge/history", .organizer, "Every version of a score (?event=, ?judge=, ?team=)"),
        ("get", "/api/mappings", .organizer, "Saved column mappings (?kind=demands|solvers|deals)"),
        ("get", "/api/mappings/{key}", .organizer, "One saved mapping, by its number or header signature"),
        ("delete", "/api/mappings/{key}", .organizer, "Forget a saved mapping"),
        (
            "post", "/api/deals", .organizer,
            "Add or update a deal: {enterprise, solver, stage, amount, category?, tech_amount?, …}"
        ),
        ("post", "/api/deals/{id}/void", .organizer, "Void a deal: {reason}"),
    ]

    /// The document as JSON text.
    public static let json: String = {
        var paths: [String: [String: Any]] = [:]
        for route in routes {
            var responses: [String: Any] = [
                "200": ["description": "OK"],
                "400": ["description": "Bad input: {\"error\": {\"message\": …}}"],
                "422": ["description": "A file or reference that cannot be used: {\"error\": {\"message\": …}}"],
            ]
            if route.access != .everyone {
                responses["401"] = ["description": "Not signed in"]
                responses["409"] = [
                    "description": "Conflicts with what is stored (locked sheet, conflict of interest, number in use)"
                ]
            }
            if route.access == .organizer { responses["403"] = ["description": "A reporting-office account (read-only)"] }
            if route.access != .everyone || route.path == "/login" {
                responses["429"] = ["description": "Too many failed sign-ins for this account name"]
            }
            var operation: [String: Any] = [
                "summary": route.summary, "responses": responses, "x-access": route.access.rawValue,
            ]
            if route.access != .everyone { operation["security"] = [["basic": []], ["session": []]] }
            let names = route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            if !names.isEmpty {
                operation["parameters"] = names.map {
                    ["name": $0, "in": "path", "required": true, "schema": ["type": "string"]]
                }
            }
            paths[route.path, default: [:]][route.method] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Duijie", "version": "1.0.0",
                "description":
                    "Innovation challenge: demands, teams, matching, judging, deals. Browser sessions must send the session's CSRF token (form field csrf or header X-CSRF-Token) with every write.",
            ],
            "components": [
                "securitySchemes": [
                    "basic": ["type": "http", "scheme": "basic"],
                    "session": ["type": "apiKey", "in": "cookie", "name": "duijie_session"],
                ]
            ],
            "paths": paths,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }()
}
