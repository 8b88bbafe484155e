import DuijieCore
import Foundation
import Ingestion
import Judging
import Sheets
import Store

/// One validated row of a score sheet.
struct ScoreRow {
    var judge: String
    var demand: StoredDemand
    var solver: StoredSolver
    var points: [Int]
    var place: String
}

/// A cell saying a judge did not score a team (`回避`).
struct MarkedConflict {
    var judge: String
    var demand: StoredDemand
    var solver: StoredSolver
    var place: String
}

/// The office's own final score for a team, to check against Duijie's.
struct OfficeFinal {
    var demand: StoredDemand
    var solver: StoredSolver
    var final: String?
    var rank: String?
    var place: String
}

/// What a score sheet holds, checked: the scores, the marked conflicts, the office's figures, and how it was read.
struct ScoreSheetContent {
    var rows: [ScoreRow] = []
    var marked: [MarkedConflict] = []
    var office: [OfficeFinal] = []
    var report = ReadReport()
    /// Totals written beside the criteria that differ from their sum.
    var warnings: [String] = []
}

/// Reads judges files and score sheets through the import pipeline (PanelSchema, ScoreSchema) and checks them
/// against the panel, the event's demands, teams and rules; any problem refuses the whole sheet.
enum JudgeSheets {
    /// Reads a judges file: 评委, 单位, 回避单位, 评审组 (names with their padding removed).
    static func readPanel(
        _ file: ImportFile, limits: ImportLimits? = nil, mapping: ColumnMapping = ColumnMapping(),
        saved: [String: ColumnMapping] = [:]
    ) throws -> (entries: [PanelEntry], report: ReadReport) {
        let workbook = try file.open()
        let options = ReaderOptions.importing(limits: limits, mapping: mapping, saved: saved)
        var entries: [PanelEntry] = []
        var problems: [JudgingError] = []
        let report: ReadReport
        do {
            report = try RecordReader(schema: PanelSchema(), options: options)
                .read(workbook) { outcome in
                    switch outcome {
                    case .record(let entry): entries.append(entry)
                    case .rejected(let rejection): problems.append(problem(rejection))
                    case .skipped: break
                    }
                }
        } catch let error as IngestionError {
            throw JudgeImportError(problems: [
                JudgingError(file: workbook.fileName, column: "评委", value: "", reason: .unreadableRow(error.description))
            ])
        }
        if !problems.isEmpty { throw JudgeImportError(problems: problems) }
        return (entries, report)
    }

    /// Reads a score sheet in any of the layouts ScoreSchema knows, validating every entry.
    static func readScores(
        _ file: ImportFile, rules: JudgingRules, panel: [String: Judge], demands: [StoredDemand], solvers: [StoredSolver],
        limits: ImportLimits? = nil, mapping: ColumnMapping = ColumnMapping(), saved: [String: ColumnMapping] = [:]
    ) throws -> ScoreSheetContent {
        let workbook = try file.open()
        let options = ReaderOptions.importing(limits: limits, mapping: mapping, saved: saved)
        let schema = ScoreSchema(
            judges: Array(panel.keys).sorted(),
            criteria: rules.criteria.map { ScoreSchema.Criterion(name: $0.name, maxTenths: $0.maxTenths) },
            teams: solvers.map { ($0.solver.ref, $0.solver.name) })
        var problems: [JudgingError] = []
        var content = ScoreSheetContent()
        do {
            content.report = try RecordReader(schema: schema, options: options)
                .read(workbook) { outcome in
                    switch outcome {
                    case .skipped: break
                    case .rejected(let rejection): problems.append(problem(rejection))
                    case .record(let row):
                        check(
                            row, rules: rules, panel: panel, demands: demands, solvers: solvers, into: &content,
                            problems: &problems)
                    }
                }
        } catch let error as IngestionError {
            throw JudgeImportError(problems: [
                JudgingError(
                    file: workbook.fileName, column: "评委",
                    value: "", reason: .unreadableRow(error.description))
            ])
        }
        if !problems.isEmpty { throw JudgeImportError(problems: problems) }
        return content
    }

    /// Checks one row's entries against the panel, demands, teams and rules.
    private static func check(
        _ row: ScoreSheetRow, rules: JudgingRules, panel: [String: Judge], demands: [StoredDemand], solvers: [StoredSolver],
        into content: inout ScoreSheetContent, problems: inout [JudgingError]
    ) {
        let source = row.source
        let place = "\(source.file)\(source.sheet.map { ", sheet '\($0)'" } ?? ""), row \(source.row)"
        func fail(_ column: String, _ value: String, _ reason: JudgingError.Reason) {
            problems.append(
                JudgingError(
                    file: source.file, sheet: source.sheet, row: source.row, column: column, value: value, reason: reason))
        }
        if let office = row.office, let team = row.team {
            let demandText = row.demand ?? source.sheet ?? ""
            if let demand = RecordReference.demand(demandText, in: demands),
                let solver = RecordReference.solver(team, in: solvers)
            {
                content.office.append(
                    OfficeFinal(demand: demand, solver: solver, final: office.final, rank: office.rank, place: place))
            }
        }
        for line in row.lines {
            guard panel[line.judge] != nil else {
                fail("评委", line.judge, .judgeNotOnPanel)
                continue
            }
            let demandText = line.demand ?? source.sheet ?? ""
            guard let demand = RecordReference.demand(demandText, in: demands) else {
                fail("需求", demandText, .unknownDemand)
                continue
            }
            guard let solver = RecordReference.solver(line.team, in: solvers) else {
                fail("团队", line.team, .unknownTeam)
                continue
            }
            if line.conflictMarked {
                content.marked.append(MarkedConflict(judge: line.judge, demand: demand, solver: solver, place: place))
                continue
            }
            var points: [Int] = []
            var ok = true
            if let total = line.total {
                switch rules.tenths(total, max: rules.maxTotalTenths) {
                case .success(let value): points = [value]
                case .failure(let why):
                    fail(line.column, total, why)
                    ok = false
                }
            } else {
                for (criterion, text) in zip(rules.criteria, line.criteria) {
                    switch rules.tenths(text, max: criterion.maxTenths) {
                    case .success(let value): points.append(value)
                    case .failure(let why):
                        fail(criterion.name, text, why)
                        ok = false
                    }
                }
            }
            if ok, let stated = line.statedTotal, case .success(let written) = rules.tenths(stated, max: Int.max),
                written != points.reduce(0, +)
            {
                content.warnings.append(
                    "\(place): the sheet's total \(stated) for \(line.team) by \(line.judge) is not the sum of the criteria (\(Judging.points(points.reduce(0, +)))); the criteria count"
                )
            }
            if ok {
                content.rows.append(ScoreRow(judge: line.judge, demand: demand, solver: solver, points: points, place: place))
            }
        }
    }

    /// A rejected row of the pipeline as a judging problem.
    static func problem(_ rejection: Rejection) -> JudgingError {
        JudgingError(
            file: rejection.file, sheet: rejection.sheet, row: rejection.row, column: rejection.column, value: rejection.value,
            reason: .unreadableRow(rejection.reason))
    }
}
