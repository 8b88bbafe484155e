import DuijieCore
import Sheets

/// The fields of a judges panel (`vocabulary/judges.txt`).
public enum PanelField: String, SchemaField {
    case judge, affiliation, avoid, groups

    /// What the field's values look like.
    public var valueKind: ValueKind { self == .judge ? .person : .text }
}

/// One judge of a panel file.
public struct PanelEntry: Sendable, Equatable {
    /// The name, padding removed (`李　梅` → 李梅).
    public var name: String
    /// Where the judge works.
    public var affiliation: String?
    /// Institutions the judge must not score.
    public var avoid: [String]
    /// The groups the judge sits on (demand refs or titles); nil when the file does not say.
    public var groups: [String]?
    /// Where it was read.
    public var source: SourceRef
}

/// Judges panels: one judge per row.
public struct PanelSchema: RecordSchema {
    /// Creates the schema.
    public init() {}

    /// Judges panels.
    public var kind: SheetKind { .judges }
    /// The panel vocabulary.
    public var vocabulary: Vocabulary { Vocabulary.standard(.judges) }
    /// A panel names its judges.
    public func accepts(_ header: HeaderMap<PanelField>, context: SheetContext) -> Bool { header.columns[.judge] != nil }

    /// Separators inside a list cell: `；;、,，` and line breaks.
    static let listSeparators: Set<Character> = ["；", ";", "、", ",", "，", "\n", "\r"]

    /// Maps a row to a panel entry.
    public func map(_ context: RowContext<PanelField>) -> Result<PanelEntry, RowProblem> {
        guard let raw = context.text(.judge) else { return .failure(context.problem(.judge, Message("row.no_judge"))) }
        func list(_ field: PanelField) -> [String]? {
            guard context.header.columns[field] != nil else { return nil }
            return context.cell(field).text.split(whereSeparator: { PanelSchema.listSeparators.contains($0) })
                .map { TextNormalizer.collapsedWhitespace(String($0)) }.filter { !$0.isEmpty && !RowWords.shared.isNone($0) }
        }
        return .success(
            PanelEntry(
                name: TextNormalizer.personName(raw), affiliation: context.text(.affiliation), avoid: list(.avoid) ?? [],
                groups: list(.groups).flatMap { $0.isEmpty ? nil : $0 }, source: context.source))
    }
}

/// The fields of a score sheet (`vocabulary/scores.txt`); criteria, judges and teams as columns are recognised from
/// the event's rules, the panel and the teams.
public enum ScoreField: String, SchemaField {
    case judge, demand, team, institution, total, officeMax, officeMin, officeFinal, officeRank
    /// A criterion's column (`技术先进性（30分）`).
    case criterion
    /// A judge's column (the office's 评分汇总表: one row per team, one column per judge).
    case judgeScore
    /// A team's column (one row per judge, one column per team).
    case teamScore

    /// What the field's values look like.
    public var valueKind: ValueKind {
        switch self {
        case .judge: .person
        case .total, .officeMax, .officeMin, .officeFinal, .criterion, .judgeScore, .teamScore: .points
        default: .text
        }
    }
}

/// One judge's entry for one team, as written on a score sheet (not yet checked against the rules).
public struct ScoreLine: Sendable, Equatable {
    /// The judge, padding removed.
    public var judge: String
    /// The demand as written (ref or title), when the sheet gives it.
    public var demand: String?
    /// The team as written (ref or name).
    public var team: String
    /// Points per criterion, as written, in the event's criteria order; empty when the sheet gives a total.
    public var criteria: [String]
    /// The total as written, when the sheet gives totals.
    public var total: String?
    /// The cell says the judge does not score this team (`回避`).
    public var conflictMarked: Bool
    /// The column the points came from (for messages).
    public var column: String
    /// A total written beside the criteria (`总分`, `合计`): checked against their sum, never used.
    public var statedTotal: String? = nil
}

/// What the office wrote beside a team's scores (最高分, 最低分, 最后得分, 名次): checked, never used.
public struct OfficeFigures: Sendable, Equatable {
    /// 最后得分.
    public var final: String?
    /// 名次.
    public var rank: String?
}

/// One row of a score sheet: one or more entries (one per judge column on a 评分汇总表).
public struct ScoreSheetRow: Sendable {
    /// The entries.
    public var lines: [ScoreLine]
    /// The office's own figures on this row, when it has them.
    public var office: OfficeFigures?
    /// The team and demand as written, for matching the office's figures.
    public var team: String?
    /// The demand as written.
    public var demand: String?
    /// Where.
    public var source: SourceRef
}

/// Score sheets in the layouts offices use: one row per judge and team (criteria or a total); one row per team with
/// the judges as columns (`回避` in a cell = no score, a conflict); one row per judge with the teams as columns; one
/// sheet per judge (named after the judge, or under a `评委：张志强` line).
public struct ScoreSchema: RecordSchema {
    /// A criterion of the event's rules.
    public struct Criterion: Sendable {
        /// Its name.
        public var name: String
        /// Its maximum, in tenths.
        public var maxTenths: Int

        /// Creates a criterion.
        public init(name: String, maxTenths: Int) {
            self.name = name
            self.maxTenths = maxTenths
        }
    }

    /// The panel's judges, by normalised name.
    public var judges: [String]
    /// The event's criteria, in order.
    public var criteria: [Criterion]
    /// The teams (ref, name) that may appear as columns.
    public var teams: [(ref: String?, name: String)]

    /// Creates the schema for a panel, criteria and teams.
    public init(judges: [String], criteria: [Criterion], teams: [(ref: String?, name: String)]) {
        self.judges = judges
        self.criteria = criteria
        self.teams = teams
    }

    /// Score sheets.
    public var kind: SheetKind { .scores }
    /// The score-sheet vocabulary.
    public var vocabulary: Vocabulary { Vocabulary.standard(.scores) }
    /// The demand is written once per group (merged down its rows, or left blank below in a CSV).
    public var carriedFields: Set<ScoreField> { [.demand] }
    /// A judge or a demand may be named above the table (`评委：张志强`, `需求名称：…`).
    public var contextFields: Set<ScoreField> { [.judge, .demand] }

    /// A score sheet names its teams (a column or teams as columns) and its judges (a column, judges as columns, or
    /// one judge for the sheet).
    public func accepts(_ header: HeaderMap<ScoreField>, context: SheetContext) -> Bool {
        let teams = header.columns[.team] != nil || !(header.repeated[.teamScore] ?? []).isEmpty
        let judged =
            header.columns[.judge] != nil || !(header.repeated[.judgeScore] ?? []).isEmpty || context.values["judge"] != nil
        let points =
            header.columns[.total] != nil || !(header.repeated[.criterion] ?? []).isEmpty
            || !(header.repeated[.judgeScore] ?? []).isEmpty || !(header.repeated[.teamScore] ?? []).isEmpty
        return teams && judged && points
    }

    /// Criteria, panel judges and teams as columns.
    public func dynamicColumn(_ header: HeaderText) -> DynamicColumn<ScoreField>? {
        if let criterion = criteria.first(where: {
            !$0.name.isEmpty && TextNormalizer.hasBytePrefix(header.key, TextNormalizer.key($0.name))
        }) {
            return DynamicColumn(field: .criterion, label: criterion.name)
        }
        let person = TextNormalizer.personName(header.display)
        if let judge = judges.first(where: { $0 == person }) { return DynamicColumn(field: .judgeScore, label: judge) }
        if let team = teams.first(where: { $0.ref == header.display }) {
            return DynamicColumn(field: .teamScore, label: team.ref!)
        }
        let key = TextNormalizer.key(header.display)
        let byName = teams.filter { TextNormalizer.key($0.name) == key }
        if byName.count == 1 { return DynamicColumn(field: .teamScore, label: byName[0].ref ?? byName[0].name) }
        return nil
    }

    /// The judge a sheet is named after (one sheet per judge: `张志强`, `评委张志强`, `张志强评分表`).
    public func values(sheetName: String?) -> [ScoreField: String] {
        guard let sheetName else { return [:] }
        let person = TextNormalizer.personName(sheetName)
        if let judge = judges.first(where: { $0 == person }) { return [.judge: judge] }
        let matches = judges.filter { !$0.isEmpty && person.contains($0) }
        return matches.count == 1 ? [.judge: matches[0]] : [:]
    }

    /// Maps a row to its entries.
    public func map(_ context: RowContext<ScoreField>) -> Result<ScoreSheetRow, RowProblem> {
        let header = context.header
        let demand = context.text(.demand) ?? context.implied(.demand)
        var lines: [ScoreLine] = []
        let judgeColumns = header.repeated[.judgeScore] ?? []
        let teamColumns = header.repeated[.teamScore] ?? []
        if !judgeColumns.isEmpty {
            guard let team = context.text(.team) else { return .failure(context.problem(.team, Message("row.no_team", "参赛团队"))) }
            for (column, judge) in judgeColumns {
                let cell = context.row[column]
                let text = TextNormalizer.collapsedWhitespace(cell.text)
                if text.isEmpty { continue }
                let marked = RowWords.shared.isConflictMark(text)
                lines.append(
                    ScoreLine(
                        judge: judge, demand: demand, team: team, criteria: [], total: marked ? nil : text,
                        conflictMarked: marked,
                        column: header.columnName(column)))
            }
            let office = OfficeFigures(final: context.text(.officeFinal), rank: context.text(.officeRank))
            return .success(
                ScoreSheetRow(
                    lines: lines, office: office.final == nil && office.rank == nil ? nil : office, team: team, demand: demand,
                    source: context.source))
        }
        guard let rawJudge = context.text(.judge) ?? context.implied(.judge) else {
            return .failure(context.problem(.judge, Message("row.no_judge")))
        }
        let judge = TextNormalizer.personName(rawJudge)
        if !teamColumns.isEmpty {
            for (column, team) in teamColumns {
                let text = TextNormalizer.collapsedWhitespace(context.row[column].text)
                if text.isEmpty { continue }
                let marked = RowWords.shared.isConflictMark(text)
                lines.append(
                    ScoreLine(
                        judge: judge, demand: demand, team: team, criteria: [], total: marked ? nil : text,
                        conflictMarked: marked,
                        column: header.columnName(column)))
            }
            return .success(ScoreSheetRow(lines: lines, office: nil, team: nil, demand: demand, source: context.source))
        }
        guard let team = context.text(.team) else { return .failure(context.problem(.team, Message("row.no_team", "团队"))) }
        let criterionColumns = header.repeated[.criterion] ?? []
        var points: [String] = []
        var marked = false
        if !criteria.isEmpty, criteria.allSatisfy({ criterion in criterionColumns.contains { $0.label == criterion.name } }) {
            for criterion in criteria {
                let column = criterionColumns.first { $0.label == criterion.name }!.column
                let text = TextNormalizer.collapsedWhitespace(context.row[column].text)
                if RowWords.shared.isConflictMark(text) { marked = true }
                points.append(text)
            }
            if points.allSatisfy(\.isEmpty) {
                return .success(ScoreSheetRow(lines: [], office: nil, team: team, demand: demand, source: context.source))
            }
            let stated = header.columns[.total].map { TextNormalizer.collapsedWhitespace(context.row[$0].text) }
            lines.append(
                ScoreLine(
                    judge: judge, demand: demand, team: team, criteria: marked ? [] : points, total: nil, conflictMarked: marked,
                    column: criteria.map(\.name).joined(separator: "/"), statedTotal: stated?.isEmpty == false ? stated : nil))
        } else if let column = header.columns[.total] {
            let text = TextNormalizer.collapsedWhitespace(context.row[column].text)
            if text.isEmpty {
                return .success(ScoreSheetRow(lines: [], office: nil, team: team, demand: demand, source: context.source))
            }
            marked = RowWords.shared.isConflictMark(text)
            lines.append(
                ScoreLine(
                    judge: judge, demand: demand, team: team, criteria: [], total: marked ? nil : text, conflictMarked: marked,
                    column: header.columnName(column)))
        } else {
            return .failure(
                RowProblem(
                    field: "criterion", column: nil, value: "",
                    reason:
                        "the sheet has neither every criterion (\(criteria.map(\.name).joined(separator: "、"))) nor a total (总分)")
            )
        }
        return .success(ScoreSheetRow(lines: lines, office: nil, team: team, demand: demand, source: context.source))
    }
}
