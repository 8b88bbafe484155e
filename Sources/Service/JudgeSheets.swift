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

/// Reads judges files and paper score sheets typed into Excel/CSV.
enum JudgeSheets {
    static let judgeNames = ["评委", "评委姓名", "专家", "专家姓名", "评审专家", "姓名", "judge", "name"]
    static let affiliationNames = ["单位", "工作单位", "所在单位", "affiliation"]
    static let avoidNames = ["回避单位", "需回避单位", "回避", "avoid"]
    static let groupNames = ["评审组", "评审需求", "负责需求", "负责组别", "groups"]
    static let teamNames = ["团队编号", "团队名称", "团队", "参赛团队", "项目团队", "team"]
    static let demandNames = ["需求编号", "需求名称", "需求", "组别", "demand"]
    static let totalNames = ["总分", "合计", "得分", "total"]

    static func column(_ headers: [String], _ names: [String]) -> Int? {
        let keys = headers.map { HeaderMatcher.normalize($0).key }
        for name in names { if let i = keys.firstIndex(of: TextNormalizer.key(name)) { return i } }
        return nil
    }

    /// Finds the header row: the first of the first 20 rows with a judge column.
    static func rows(_ url: URL) throws -> [(sheet: String?, headers: [String], rows: [SheetRow], workbook: String)] {
        let workbook = try WorkbookOpener.open(url)
        var result: [(String?, [String], [SheetRow], String)] = []
        for sheet in workbook.sheets where !sheet.isHidden {
            var header: [String]?
            var data: [SheetRow] = []
            var seen = 0
            try workbook.readRows(of: sheet) { row in
                if header == nil {
                    seen += 1
                    let texts = row.cells.map { TextNormalizer.collapsedWhitespace($0.text) }
                    if seen <= 20, column(texts, judgeNames) != nil { header = texts }
                } else if !row.isBlank {
                    data.append(row)
                }
            }
            if let header { result.append((sheet.name, header, data, workbook.fileName)) }
        }
        if result.isEmpty {
            throw JudgeImportError(problems: [
                JudgingError(file: workbook.fileName, column: "评委", value: "", reason: .missingColumn)
            ])
        }
        return result
    }

    /// Reads a judges file: 评委, 单位, 回避单位 (split on `；;、,`).

    /// Reads a judges file with the groups each judge sits on (`评审组`: demand refs or titles; none = every group).
    static func readPanel(_ url: URL) throws -> [(judge: Judge, groups: [String]?)] {
        var judges: [(judge: Judge, groups: [String]?)] = []
        for (_, headers, rows, _) in try rows(url) {
            let name = column(headers, judgeNames)!
            let affiliation = column(headers, affiliationNames)
            let avoid = column(headers, avoidNames)
            let groups = column(headers, groupNames)
            for row in rows {
                let judgeName = TextNormalizer.collapsedWhitespace(row[name].text)
                guard !judgeName.isEmpty else { continue }
                let avoided =
                    avoid.map { row[$0].text.split(whereSeparator: { "；;、,，\n".contains($0) }) }?
                    .map { TextNormalizer.collapsedWhitespace(String($0)) }.filter { !$0.isEmpty } ?? []
                let where_ = affiliation.map { TextNormalizer.collapsedWhitespace(row[$0].text) }
                let sits = groups.map { row[$0].text.split(whereSeparator: { "；;、,，\n".contains($0) }) }?
                    .map { TextNormalizer.collapsedWhitespace(String($0)) }.filter { !$0.isEmpty }
                judges.append(
                    (Judge(name: judgeName, affiliation: where_?.isEmpty == false ? where_ : nil, avoid: avoided), sits))
            }
        }
        return judges
    }

    /// Reads a score sheet, long (one row per judge and team, criteria or total columns) or wide (one row per judge,
    /// teams as columns, totals), validating every row; any problem refuses the whole sheet.
    static func readScores(
        _ url: URL, rules: JudgingRules, panel: [String: Judge], demands: [StoredDemand], solvers: [StoredSolver]
    ) throws -> [ScoreRow] {
        var problems: [JudgingError] = []
        var result: [ScoreRow] = []
        for (sheet, headers, rows, file) in try rows(url) {
            let judgeColumn = column(headers, judgeNames)!
            let teamColumn = column(headers, teamNames)
            let demandColumn = column(headers, demandNames)
            let totalColumn = column(headers, totalNames)
            let criteriaColumns = rules.criteria.map { criterion in
                headers.firstIndex { TextNormalizer.key($0).hasPrefix(TextNormalizer.key(criterion.name)) }
            }
            // Wide: every other header that names a team.
            var teamColumns: [(Int, StoredSolver)] = []
            if teamColumn == nil {
                for (i, header) in headers.enumerated() where i != judgeColumn && i != demandColumn && !header.isEmpty {
                    if let solver = findSolver(header, in: solvers) { teamColumns.append((i, solver)) }
                }
                if teamColumns.isEmpty {
                    problems.append(JudgingError(file: file, sheet: sheet, column: "团队编号", value: "", reason: .missingColumn))
                    continue
                }
            }
            func problem(_ row: SheetRow, _ column: Int?, _ name: String, _ reason: JudgingError.Reason) {
                let value = column.map { row[$0].text } ?? ""
                problems.append(
                    JudgingError(file: file, sheet: sheet, row: row.number, column: name, value: value, reason: reason))
            }
            for row in rows {
                let judge = TextNormalizer.collapsedWhitespace(row[judgeColumn].text)
                if judge.isEmpty || ["合计", "平均", "平均分"].contains(judge) { continue }
                guard panel[judge] != nil else {
                    problem(row, judgeColumn, headers[judgeColumn], .judgeNotOnPanel)
                    continue
                }
                let demandText = demandColumn.map { TextNormalizer.collapsedWhitespace(row[$0].text) } ?? (sheet ?? "")
                guard let demand = findDemand(demandText, in: demands) else {
                    problem(row, demandColumn, demandColumn.map { headers[$0] } ?? "需求编号", .unknownDemand)
                    continue
                }
                let place = "\(file)\(sheet.map { ", sheet '\($0)'" } ?? ""), row \(row.number)"
                if let teamColumn {
                    guard let solver = findSolver(TextNormalizer.collapsedWhitespace(row[teamColumn].text), in: solvers) else {
                        problem(row, teamColumn, headers[teamColumn], .unknownTeam)
                        continue
                    }
                    var points: [Int] = []
                    var ok = true
                    if criteriaColumns.allSatisfy({ $0 != nil }) {
                        for (criterion, index) in zip(rules.criteria, criteriaColumns.map { $0! }) {
                            switch rules.tenths(row[index].text, max: criterion.maxTenths) {
                            case .success(let value): points.append(value)
                            case .failure(let why):
                                problem(row, index, headers[index], why)
                                ok = false
                            }
                        }
                    } else if let totalColumn {
                        switch rules.tenths(row[totalColumn].text, max: rules.maxTotalTenths) {
                        case .success(let value): points = [value]
                        case .failure(let why):
                            problem(row, totalColumn, headers[totalColumn], why)
                            ok = false
                        }
                    } else {
                        problems.append(
                            JudgingError(
                                file: file, sheet: sheet, column: rules.criteria.map(\.name).joined(separator: "/") + " or 总分",
                                value: "", reason: .missingColumn))
                        break
                    }
                    if ok { result.append(ScoreRow(judge: judge, demand: demand, solver: solver, points: points, place: place)) }
                } else {
                    for (index, solver) in teamColumns where !row[index].isBlank {
                        switch rules.tenths(row[index].text, max: rules.maxTotalTenths) {
                        case .success(let value):
                            result.append(ScoreRow(judge: judge, demand: demand, solver: solver, points: [value], place: place))
                        case .failure(let why): problem(row, index, headers[index], why)
                        }
                    }
                }
            }
        }
        if !problems.isEmpty { throw JudgeImportError(problems: problems) }
        return result
    }

    static func findSolver(_ text: String, in solvers: [StoredSolver]) -> StoredSolver? {
        if let byRef = solvers.first(where: { $0.solver.ref == text }) { return byRef }
        let key = TextNormalizer.key(text)
        let byName = solvers.filter { TextNormalizer.key($0.solver.name) == key }
        return byName.count == 1 ? byName[0] : nil
    }

    static func findDemand(_ text: String, in demands: [StoredDemand]) -> StoredDemand? {
        if let byRef = demands.first(where: { $0.demand.ref == text }) { return byRef }
        if let id = Int64(text), let byID = demands.first(where: { $0.id == id }) { return byID }
        let key = TextNormalizer.key(text)
        let byTitle = demands.filter { TextNormalizer.key($0.demand.title) == key }
        return byTitle.count == 1 ? byTitle[0] : nil
    }
}
