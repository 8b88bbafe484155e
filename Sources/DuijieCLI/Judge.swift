import ArgumentParser
import Foundation
import Judging
import Service
import Sheets

/// `duijie judge …`: the on-site final.
struct JudgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judge", abstract: "Score the final: import sheets, enter and lock scores, publish results.",
        subcommands: [
            Setup.self, Group.self, ImportScores.self, Results.self, Score.self, Submit.self, History.self, Export.self,
        ])

    struct EventOption: ParsableArguments {
        @Option(help: "The event.") var event: String = ImportRequest.defaultEvent
    }

    struct Setup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the event's criteria, step, award tiers and method.")
        @OptionGroup var event: EventOption
        @OptionGroup var store: StoreOptions
        @Option(help: "Criteria with maxima, e.g. 技术先进性:30,方案可行性:30,团队实力:20,经济社会效益:20.") var criteria: String?
        @Option(help: "The smallest step of a score: 0.5, 0.1 or 1.") var step: String?
        @Option(help: "Award tiers NAME:COUNT:group|overall, COUNT empty for all the rest, e.g. 优胜奖:1:group,优秀奖::overall.")
        var tiers: String?
        @Option(help: "The default method: mean, trimmed or zscore.") var method: AggregationMethod?
        @Option(help: "The event's name.") var name: String?
        @Option(help: "The date of the final (2020-10-28).") var date: String?
        @Option(help: "Where the final takes place.") var place: String?

        func run() throws {
            let rules = try JudgeService(database: try openStore(store)).setup(
                event: event.event, criteria: criteria, step: step, tiers: tiers, method: method, name: name, date: date,
                place: place)
            print("criteria: " + rules.criteria.map { "\($0.name) \(points($0.maxTenths))" }.joined(separator: ", "))
            print(
                "step: \(points(rules.stepTenths)); tiers: "
                    + rules.tiers.map {
                        "\($0.name) \($0.count.map(String.init) ?? "rest") \($0.perGroup ? "per group" : "overall")"
                    }.joined(separator: ", "))
        }
    }

    struct Group: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the teams pitching on a demand, in order, or every group from an assignment run.")
        @Argument(help: "The demand (需求编号 or title), then its teams in pitching order.") var names: [String] = []
        @Option(name: .customLong("from-run"), help: "Take the groups from this assignment run (duijie assign).") var fromRun:
            Int64?
        @Option(help: "Why teams that already have scores leave a group (required then; their scores become void).")
        var reason: String?
        @OptionGroup var event: EventOption
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if fromRun == nil && names.count < 2 { throw ValidationError("give a demand and at least one team, or --from-run") }
        }

        func run() throws {
            let service = JudgeService(database: try openStore(store))
            if let fromRun {
                let count = try service.setGroups(event: event.event, fromRun: fromRun, reason: reason)
                print("set \(count) pitch group(s) from run \(fromRun)")
            } else {
                try service.setGroup(event: event.event, demand: names[0], teams: Array(names.dropFirst()), reason: reason)
                print("\(names[0]): " + names.dropFirst().joined(separator: " → "))
            }
        }
    }

    struct ImportScores: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import a score sheet (one row per judge and team, or teams as columns).")
        @Argument(help: "The score sheet (.xlsx, .csv, .xml).") var scores: String
        @Option(help: "The judges file: 评委, 单位, 回避单位.") var judges: String?
        @OptionGroup var event: EventOption
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print one JSON object.") var json = false
        @Flag(help: "Also show how each sheet was read: header rows, each column's field and how it was decided, rows skipped.")
        var explain = false
        @Flag(help: "Read and check as the import would, show the result, and store nothing.")
        var preview = false

        func run() throws {
            let result = try JudgeService(database: try openStore(store)).importScores(
                ImportFile(url: URL(fileURLWithPath: scores)),
                judgesFile: judges.map { ImportFile(url: URL(fileURLWithPath: $0)) },
                event: event.event, explain: explain, preview: preview)
            if json { return try printJSON(result) }
            if preview { print("preview: nothing was stored") }
            print(
                "\(preview ? "would import: " : "")\(result.imported) imported, \(result.corrected) corrected, \(result.unchanged) unchanged, \(result.judges) judges"
            )
            for excluded in result.excluded { print("excluded: \(excluded.judge) – \(excluded.team): \(excluded.reason)") }
            for marked in result.declaredConflicts { print("回避: \(marked.judge) – \(marked.team): \(marked.reason)") }
            for warning in result.warnings { print("note: \(warning)") }
            if let explain = result.explain { printExplanation(explain) }
        }
    }

    struct Results: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rank each group, assign awards, list exclusions.")
        @OptionGroup var event: EventOption
        @OptionGroup var store: StoreOptions
        @Option(help: "mean, trimmed or zscore (default: the event's, else trimmed).") var method: AggregationMethod?
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let result = try JudgeService(database: try openStore(store)).results(event: event.event, method: method)
            if json { return try printJSON(result) }
            if CommandLanguage.current == .chinese {
                print("方法：\(AggregationMethod(rawValue: result.method)?.ruleMessage.chinese ?? result.rule)")
            } else {
                print("method: \(result.rule)")
            }
            for group in result.groups {
                print("\(group.demand)  \(group.title)")
                for (rank, line) in group.ranking.enumerated() {
                    let tie = line.tied ? "  (tied)" : ""
                    print(
                        "  \(rank + 1). \(line.team)  \(line.name)  \(line.score)  judges \(line.validJudges)  \(line.award ?? "")\(tie)"
                    )
                }
            }
            for excluded in result.excluded { print("excluded: \(excluded.judge) – \(excluded.team): \(excluded.reason)") }
            for missing in result.missing {
                print("missing: \(missing.judge) has not scored \(missing.team) (\(missing.demand))")
            }
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enter one judge's points for a team, criterion by criterion.")
        @Argument(help: "The judge's name.") var judge: String
        @Argument(help: "The team: 团队编号 or name.") var team: String
        @Option(help: "The demand (group): 需求编号 or title.") var demand: String
        @Option(help: "Points per criterion, comma-separated, in the event's order (e.g. 26,27.5,18,17).") var points: String
        @Option(help: "Why this changes a submitted sheet (required after submission).") var reason: String?
        @OptionGroup var event: EventOption
        @OptionGroup var store: StoreOptions

        func run() throws {
            try JudgeService(database: try openStore(store)).enter(
                event: event.event, judge: judge, team: team, demand: demand,
                points: points.split(separator: ",").map { String($0) }, reason: reason)
            print("recorded \(judge) → \(team)")
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lock a judge's sheet; later changes need a reason.")
        @Argument(help: "The judge's name.") var judge: String
        @OptionGroup var event: EventOption
        @OptionGroup var store: StoreOptions
        func run() throws {
            try JudgeService(database: try openStore(store)).submit(event: event.event, judge: judge)
            print("submitted \(judge)")
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every version of a judge's score for a team.")
        @Argument var judge: String
        @Argument var team: String
        @OptionGroup var event: EventOption
        @OptionGroup var store: StoreOptions
        func run() throws {
            for version in try JudgeService(database: try openStore(store)).history(event: event.event, judge: judge, team: team)
            {
                let line = version.points.joined(separator: " + ")
                print(
                    "v\(version.version)  \(version.at)  \(line) = \(points(version.tenths.reduce(0, +)))  \(version.reason ?? "")  \(version.source ?? "")"
                )
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the publication (公示): every judge's total per team, exclusions, method, final scores.")
        @Argument(help: "Output file: .csv, .xlsx or .json.") var output: String
        @OptionGroup var event: EventOption
        @OptionGroup var store: StoreOptions
        @Option(help: "mean, trimmed or zscore.") var method: AggregationMethod?

        func run() throws {
            let result = try JudgeService(database: try openStore(store)).results(event: event.event, method: method)
            try Publication.write(result, to: URL(fileURLWithPath: output))
            print("wrote \(output)")
        }
    }
}

extension AggregationMethod: ExpressibleByArgument {}

/// Runs a judging use case; sheet and entry errors become a clear message on stderr and exit code 1.

/// Writes the publication export in the format its extension names; text that looks like a formula is neutralised.
enum Publication {
    static func rows(_ result: JudgeResultsDTO) -> [[String]] {
        let judges = Array(Set(result.groups.flatMap { $0.ranking.flatMap { $0.judges.keys } })).sorted()
        var rows: [[String]] = [["方法 method", result.rule]]
        rows.append(["需求 demand", "需求名称", "团队 team", "团队名称", "有效评委 valid judges"] + judges + ["得分 score", "奖项 award"])
        for group in result.groups {
            for line in group.ranking {
                rows.append(
                    [group.demand, group.title, line.team, line.name, String(line.validJudges)]
                        + judges.map { line.judges[$0] ?? "" }
                        + [line.score, line.award ?? ""])
            }
        }
        rows.append([])
        rows.append(["回避 excluded", "评委 judge", "团队 team", "原因 reason"])
        for excluded in result.excluded { rows.append(["", excluded.judge, excluded.team, excluded.reason]) }
        return rows
    }

    static func write(_ result: JudgeResultsDTO, to url: URL) throws {
        try TableExport.write(result, rows: rows(result), sheet: "公示", to: url)
    }
}
