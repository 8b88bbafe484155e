import Foundation
import Hummingbird
import Service

/// The judges' phone pages, reached through a per-judge link `/judge/{token}`: only that judge's sheet, one form per
/// team, progress, submit. Unknown or revoked tokens get 404, so a token reveals nothing about other judges.
struct JudgePages: Sendable {
    let database: EventDatabase

    func sheet(_ request: Request, token: String) throws -> Response {
        guard let sheet = try JudgeService(database: database).sheet(token: token) else {
            throw HTTPError(.notFound, message: "no such judge link")
        }
        let lang = Lang(request)
        let saved = request.uri.queryParameters.get("saved")
        let problem = request.uri.queryParameters.get("error")
        var body = "<h1>\(escape(sheet.judge)) · \(lang.t("评分表", "score sheet"))</h1>"
        body += "<p>\(lang.t("进度", "Progress")) \(sheet.scored)/\(sheet.total)"
        body += "\(sheet.submitted ? lang.t(" · 已提交（修改需填写原因）", " · submitted (a change needs a reason)") : "")"
        let other = "/judge/\(token)" + (lang.english ? "" : "?lang=en")
        body += " · <a href=\"\(escape(other))\">\(lang.t("English", "中文"))</a></p>"
        if let problem { body += "<p role=\"alert\" style=\"color:#b00\">\(escape(problem))</p>" }
        if let saved { body += "<p style=\"color:#070\">\(lang.t("已保存", "Saved")) \(escape(saved))</p>" }
        for group in sheet.groups {
            body += "<section><h2>\(escape(group.demand)) \(escape(group.title))</h2>"
            for team in group.teams {
                body += "<article><h3>\(escape(team.team)) \(escape(team.name))</h3>"
                if let conflict = team.conflict {
                    body += "<p>\(lang.t("回避", "Conflict of interest"))：\(escape(conflict))</p></article>"
                    continue
                }
                let formID = escape("\(group.demand)-\(team.team)")
                body += "<form method=\"post\" action=\"/judge/\(escape(token))/score\" data-key=\"\(formID)\">\(lang.field)"
                body += "<input type=\"hidden\" name=\"demand\" value=\"\(escape(group.demand))\">"
                body += "<input type=\"hidden\" name=\"team\" value=\"\(escape(team.team))\">"
                for (index, criterion) in sheet.criteria.enumerated() {
                    let value = team.points.map { $0[index] } ?? ""
                    body += "<label>\(escape(criterion.name))（0–\(escape(criterion.max))）"
                    body +=
                        "<input type=\"number\" inputmode=\"decimal\" name=\"\(escape(JudgePages.field(criterion.name)))\" min=\"0\" max=\"\(escape(criterion.max))\" "
                    body += "step=\"\(escape(criterion.step))\" value=\"\(escape(value))\" required></label>"
                }
                if sheet.submitted {
                    body += "<label>\(lang.t("修改原因", "Reason for the change"))<input name=\"reason\" required></label>"
                }
                body += "<button>\(lang.t("保存", "Save"))</button></form></article>"
            }
            body += "</section>"
        }
        if !sheet.submitted {
            let question = lang.t("提交后评分表锁定，之后的修改需要填写原因。确定提交？", "After submitting, changes need a reason. Submit now?")
            body +=
                "<form method=\"post\" action=\"/judge/\(escape(token))/submit\" onsubmit=\"return confirm('\(escape(question))')\">"
            body += "\(lang.field)<button>\(lang.t("提交并锁定评分表", "Submit and lock the sheet"))</button></form>"
        }
        // Inputs survive a dropped connection: kept in the phone's storage until the server confirms the save.
        body += """
            <script>
            document.querySelectorAll('form[data-key]').forEach(function(f){
              var k='duijie:'+location.pathname+':'+f.dataset.key;
              try{var v=JSON.parse(localStorage.getItem(k)||'null');if(v){Object.keys(v).forEach(function(n){if(f.elements[n])f.elements[n].value=v[n];});}}catch(e){}
              f.addEventListener('input',function(){var v={};Array.from(f.elements).forEach(function(e){if(e.name)v[e.name]=e.value;});localStorage.setItem(k,JSON.stringify(v));});
            });
            var s=new URLSearchParams(location.search).get('saved');if(s){Object.keys(localStorage).forEach(function(k){if(k.indexOf('duijie:'+location.pathname+':')==0&&k.indexOf(s)>0)localStorage.removeItem(k);});}
            </script>
            """
        return Layout.html(Layout.page(title: "\(lang.t("评分", "Scores")) · \(sheet.judge)", body: body, lang: lang))
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
