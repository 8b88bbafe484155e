import DuijieCore
import Foundation
import Hummingbird
import Service

/// The judges' phone pages, reached through a per-judge link `/judge/{token}`: only that judge's sheet, one form per
/// team, progress, submit. Unknown or revoked tokens get 404, so a token reveals nothing about other judges.
struct JudgePages: Sendable {
    let database: EventDatabase

    /// A judge's link: the sheet, a team's save, the submit.
    func addRoutes(to router: some RouterMethods<DuijieContext>) {
        router.get("/judge/{token}") { request, context in try sheet(request, token: context.parameters.get("token") ?? "") }
        router.post("/judge/{token}/score") { request, context in
            try score(request, context: context, token: context.parameters.get("token") ?? "")
        }
        router.post("/judge/{token}/submit") { request, context in
            try submit(request, context: context, token: context.parameters.get("token") ?? "")
        }
    }

    /// The judge's sheet (`judge-sheet.mustache`). Inputs survive a dropped connection: the page's script keeps them
    /// in the phone's storage until the server confirms the save.
    func sheet(_ request: Request, token: String) throws -> Response {
        struct Field {
            let criterion: String
            let field: String
            let max: String
            let step: String
            let value: String
        }
        struct Team {
            let team: String
            let name: String
            let conflict: String?
            let formKey: String
            let anchor: String
            let demand: String
            let fields: [Field]
            /// The saved total, when the team is scored.
            let savedTotal: String?
            /// The saved points as JSON by field name, so the page can tell a draft from what is saved.
            let savedJSON: String
        }
        struct Line {
            let demand: String
            let team: String
            let name: String
            let total: String?
        }
        struct Group {
            let demand: String
            let title: String
            let teams: [Team]
        }
        struct Model {
            let judge: String
            let scored: Int
            let total: Int
            let submitted: Bool
            let problem: String?
            let saved: String?
            let action: String
            let submitAction: String
            let groups: [Group]
            let summary: [Line]
            let unscored: Int
        }
        let lang = Lang(request)
        guard let sheet = try JudgeService(database: database).sheet(token: token) else { return linkGone(lang, token: token) }
        let model = Model(
            judge: sheet.judge, scored: sheet.scored, total: sheet.total, submitted: sheet.submitted,
            problem: request.uri.queryParameters.get("error"),
            saved: request.uri.queryParameters.get("saved").map { key in
                // The team as the judge knows it (code and name, with its total), not the form's key.
                for group in sheet.groups {
                    for team in group.teams where "\(group.demand)-\(team.team)" == key {
                        return "\(team.team) \(team.name)" + (team.points.map { "：" + JudgePages.total($0) } ?? "")
                    }
                }
                return key
            },
            action: "/judge/\(token)/score", submitAction: "/judge/\(token)/submit",
            groups: sheet.groups.map { group in
                Group(
                    demand: group.demand, title: group.title,
                    teams: group.teams.map { team in
                        Team(
                            team: team.team, name: team.name, conflict: lang.english ? team.conflict : team.conflictZH,
                            formKey: "\(group.demand)-\(team.team)", anchor: JudgePages.anchor(group.demand, team.team),
                            demand: group.demand,
                            fields: sheet.criteria.enumerated().map { index, criterion in
                                Field(
                                    criterion: criterion.name, field: JudgePages.field(criterion.name),
                                    max: criterion.max, step: criterion.step,
                                    value: team.points.map { $0[index] } ?? "")
                            }, savedTotal: team.points.map(JudgePages.total),
                            savedJSON: JudgePages.savedJSON(team.points, criteria: sheet.criteria.map(\.name)))
                    })
            },
            summary: sheet.groups.flatMap { group in
                group.teams.filter { $0.conflict == nil }.map {
                    Line(demand: group.demand, team: $0.team, name: $0.name, total: $0.points.map(JudgePages.total))
                }
            }, unscored: sheet.total - sheet.scored)
        return Views.page(
            "judge-sheet", title: "\(Views.word("scores_title", lang)) · \(sheet.judge)", model: model, lang: lang,
            path: "/judge/\(token)", navigation: false)
    }

    /// Saves one team's points from the judge's phone: one read of what the save needs and one write
    /// (`JudgeService.enter(token:…)`), then back to the sheet with what was saved or why not.
    func score(_ request: Request, context: DuijieContext, token: String) throws -> Response {
        let form = context.form
        let demand = form["demand"] ?? ""
        let team = form["team"] ?? ""
        let lang = Lang(request, form: form)
        // The page's script saves without reloading (it asks for JSON); without a script, the redirect lands on the
        // team's own anchor, so the judge stays where they were.
        let wantsJSON = request.headers[.accept]?.contains("application/json") == true
        let anchor = "#" + JudgePages.anchor(demand, team)
        do {
            let found = try JudgeService(database: database).enter(
                token: token, team: team, demand: demand, reason: form["reason"]
            ) { criteria in try JudgePages.points(form, criteria: criteria) }
            guard found else { return linkGone(lang, token: token) }
        } catch let error as HTTPError {
            throw error
        } catch {
            // The reason in the judge's language (the catalogue's sentence where the error has one).
            let why = (error as? any DuijieError)?.text(lang.language) ?? "\(error)"
            if wantsJSON { return try JudgePages.answer(SaveAnswer(ok: false, error: why), status: .unprocessableContent) }
            return Layout.redirect(lang.path("/judge/\(token)?error=\(percentEncoded(why))") + anchor)
        }
        if wantsJSON {
            let sheet = try JudgeService(database: database).sheet(token: token)
            let saved = sheet?.groups.first { $0.demand == demand }?.teams.first { $0.team == team }?.points
            return try JudgePages.answer(
                SaveAnswer(
                    ok: true, saved: "\(demand)-\(team)", scored: sheet?.scored ?? 0, total: sheet?.total ?? 0,
                    points: saved ?? [], teamTotal: saved.map(JudgePages.total) ?? ""))
        }
        return Layout.redirect(lang.path("/judge/\(token)?saved=\(percentEncoded("\(demand)-\(team)"))") + anchor)
    }

    /// A withdrawn or unknown link: a page in the judge's language that says what to do (404, so a guessed token
    /// learns nothing).
    func linkGone(_ lang: Lang, token: String) -> Response {
        Views.page(
            "judge-link-gone", title: Views.word("link_gone_title", lang), model: [String: String](), lang: lang,
            path: "/judge/\(token)", navigation: false, status: .notFound)
    }

    /// The id of a team's place on the sheet.
    static func anchor(_ demand: String, _ team: String) -> String {
        "t-"
            + String(
                String.UnicodeScalarView(
                    (demand + "-" + team).unicodeScalars.map {
                        $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" ? $0 : "_"
                    }))
    }

    /// The sum of a team's points as written (decimal, exact), e.g. 82.5.
    static func total(_ points: [String]) -> String {
        let sum = points.compactMap { Decimal(string: $0) }.reduce(Decimal(0), +)
        return "\(sum)"
    }

    /// Saved points by field name, as JSON for the page's script.
    static func savedJSON(_ points: [String]?, criteria: [String]) -> String {
        guard let points else { return "{}" }
        let object = Dictionary(zip(criteria.map(field), points), uniquingKeysWith: { first, _ in first })
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// What the page's script gets back from a save.
    struct SaveAnswer: Encodable {
        var ok: Bool
        var error: String? = nil
        var saved: String? = nil
        var scored: Int? = nil
        var total: Int? = nil
        var points: [String]? = nil
        var teamTotal: String? = nil

        enum CodingKeys: String, CodingKey {
            case ok, error, saved, scored, total, points
            case teamTotal = "team_total"
        }
    }

    /// The save's answer as JSON (the API's encoder), never cached.
    static func answer(_ value: SaveAnswer, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try json(value, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The form field of a criterion's points.
    static func field(_ criterion: String) -> String { "c:" + criterion }

    /// A posted score's points in the criteria's order, read by criterion name (`c:技术先进性`). The older positional
    /// fields (`p0`, `p1`, …) are read only when exactly one per criterion is present; a missing, extra or unknown field
    /// refuses the post, so no value can shift into another criterion.
    static func points(_ form: FormData, criteria: [String]) throws -> [String] {
        let named = form.fields.keys.filter { $0.hasPrefix("c:") }
        let positional = form.fields.keys.filter { $0.count >= 2 && $0.hasPrefix("p") && $0.dropFirst().allSatisfy(\.isNumber) }
        if !named.isEmpty && !positional.isEmpty {
            throw JudgeFormError("send the points by criterion name (c:…) or by position (p0, p1, …), not both")
        }
        if !positional.isEmpty {
            let expected = Set(criteria.indices.map { "p\($0)" })
            guard Set(positional) == expected else {
                throw JudgeFormError(
                    "the points must be p0 to p\(criteria.count - 1), one per criterion (\(criteria.joined(separator: "、"))); got \(positional.sorted().joined(separator: ", "))"
                )
            }
            return criteria.indices.map { form["p\($0)"] ?? "" }
        }
        let unknown = named.filter { !criteria.map(field).contains($0) }
        if !unknown.isEmpty {
            throw JudgeFormError("no criterion named \(unknown.map { "'\($0.dropFirst(2))'" }.sorted().joined(separator: ", "))")
        }
        return try criteria.map { criterion in
            guard let value = form[field(criterion)] else { throw JudgeFormError("no points for \(criterion)") }
            return value
        }
    }

    /// Submits the sheet. The sheet's own button goes to its summary first (`#summary`, every team with its total and
    /// what is still unscored); only the summary's confirmation (`confirm=yes`) locks the sheet.
    func submit(_ request: Request, context: DuijieContext, token: String) throws -> Response {
        let lang = Lang(request, form: context.form)
        guard let (judge, event) = try JudgeService(database: database).judge(token: token) else {
            return linkGone(lang, token: token)
        }
        guard context.form["confirm"] == "yes" else { return Layout.redirect(lang.path("/judge/\(token)") + "#summary") }
        try JudgeService(database: database).submit(event: event, judge: judge)
        return Layout.redirect(lang.path("/judge/\(token)"))
    }
}

/// A judge's post that does not say which criterion each value is for.
struct JudgeFormError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
