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
            let demand: String
            let fields: [Field]
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
        }
        guard let sheet = try JudgeService(database: database).sheet(token: token) else {
            throw HTTPError(.notFound, message: "no such judge link")
        }
        let lang = Lang(request)
        let model = Model(
            judge: sheet.judge, scored: sheet.scored, total: sheet.total, submitted: sheet.submitted,
            problem: request.uri.queryParameters.get("error"), saved: request.uri.queryParameters.get("saved"),
            action: "/judge/\(token)/score", submitAction: "/judge/\(token)/submit",
            groups: sheet.groups.map { group in
                Group(
                    demand: group.demand, title: group.title,
                    teams: group.teams.map { team in
                        Team(
                            team: team.team, name: team.name, conflict: team.conflict,
                            formKey: "\(group.demand)-\(team.team)", demand: group.demand,
                            fields: sheet.criteria.enumerated().map { index, criterion in
                                Field(
                                    criterion: criterion.name, field: JudgePages.field(criterion.name),
                                    max: criterion.max, step: criterion.step,
                                    value: team.points.map { $0[index] } ?? "")
                            })
                    })
            })
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
        do {
            let found = try JudgeService(database: database).enter(
                token: token, team: team, demand: demand, reason: form["reason"]
            ) { criteria in try JudgePages.points(form, criteria: criteria) }
            guard found else { throw HTTPError(.notFound, message: "no such judge link") }
        } catch let error as HTTPError {
            throw error
        } catch {
            return Layout.redirect(lang.path("/judge/\(token)?error=\(percentEncoded("\(error)"))"))
        }
        return Layout.redirect(lang.path("/judge/\(token)?saved=\(percentEncoded("\(demand)-\(team)"))"))
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

    func submit(_ request: Request, context: DuijieContext, token: String) throws -> Response {
        guard let (judge, event) = try JudgeService(database: database).judge(token: token) else {
            throw HTTPError(.notFound, message: "no such judge link")
        }
        try JudgeService(database: database).submit(event: event, judge: judge)
        return Layout.redirect(Lang(request, form: context.form).path("/judge/\(token)"))
    }
}

/// A judge's post that does not say which criterion each value is for.
struct JudgeFormError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
