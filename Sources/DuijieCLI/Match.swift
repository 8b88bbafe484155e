import ArgumentParser
import Foundation
import Matching
import Service

/// Engine knobs shared by `match` and `assign`.
struct EngineOptions: ParsableArguments {
    @Option(help: "A synonym file (one group per line) added to the standard table.")
    var synonyms: String?

    @Option(name: .customLong("field-weight"), help: "How much the 所属领域 match can add (default 0.1).")
    var fieldWeight: Double?

    @Option(name: .customLong("region-weight"), help: "How much being close can add (default 0.1).")
    var regionWeight: Double?

    @Option(
        name: .customLong("cosine-weight"),
        help: "The weight of the character n-gram cosine beside BM25F (default 1; 0 ranks by BM25F alone).")
    var cosineWeight: Double?

    var options: MatchOptions {
        var options = MatchOptions()
        if let cosineWeight { options.cosineWeight = cosineWeight }
        if let fieldWeight { options.fieldWeight = fieldWeight }
        if let regionWeight { options.regionWeight = regionWeight }
        return options
    }
}

/// `duijie match`: rank teams for every demand (or demands for every team), and manage suggestions.
struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank research teams for every demand, and explain why.",
        subcommands: [Rank.self, Pin.self, Drop.self, Unpin.self, Quality.self, Runs.self],
        defaultSubcommand: Rank.self)

    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rank teams for every demand (the default).")

        @OptionGroup var store: StoreOptions
        @OptionGroup var engine: EngineOptions
        @Option(help: "Only demands of this event.") var event: String?
        @Option(help: "Candidates per demand (or per team with --reverse).") var top = 10
        @Flag(help: "Rank demands for every team instead.") var reverse = false
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let result = try MatchService(database: try openStore(store)).rank(
                MatchRequest(
                    event: event, top: top, reverse: reverse, options: engine.options, synonymsFile: engine.synonyms))
            if json { return try printJSON(result) }
            print("run \(result.run)")
            for list in result.rankings {
                print("\(list.subject)  \(list.name)")
                for (rank, c) in list.candidates.enumerated() {
                    let line = String(format: "%.2f", c.score)
                    print(
                        "  \(rank + 1). \(c.counterpart)  \(c.organisation) \(c.name)  \(line)  \(c.reasons.prefix(3).joined(separator: "; "))"
                    )
                }
            }
        }
    }

    struct PairArguments: ParsableArguments {
        @Argument(help: "The demand: its ref (需求编号) or id.") var demand: String
        @Argument(help: "The team: its ref (团队编号) or id.") var solver: String
        @Option(help: "The event the demand belongs to.") var event: String?
        @OptionGroup var store: StoreOptions

        /// Records the decision (nil clears it) and says what was done.
        func apply(_ action: PinAction?, _ done: String) throws {
            try MatchService(database: try openStore(store)).setPin(demand: demand, solver: solver, event: event, action: action)
            print("\(done) \(solver) on \(demand)")
        }
    }

    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Keep a team on a demand in every later run.")
        @OptionGroup var pair: PairArguments
        func run() throws { try pair.apply(.pin, "pinned") }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Never suggest or assign a team for a demand.")
        @OptionGroup var pair: PairArguments
        func run() throws { try pair.apply(.drop, "dropped") }
    }

    struct Unpin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clear a pin or a drop.")
        @OptionGroup var pair: PairArguments
        func run() throws { try pair.apply(nil, "cleared") }
    }

    struct Quality: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the ranking against an expert shortlist: recall@5, MRR, nDCG@10.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var engine: EngineOptions
        @Option(help: "The shortlist file (TITLE<TAB>TEAM TEAM …).") var labels: String
        @Option(help: "Only demands of this event.") var event: String?
        @Flag(help: "Print one JSON object.") var json = false
        func run() throws {
            let report = try MatchService(database: try openStore(store)).quality(
                labelsFile: labels, event: event, options: engine.options)
            if json { return try printJSON(report) }
            print(
                "demands judged \(report.demandsJudged)  recall@5 \(String(format: "%.3f", report.recallAt5))  "
                    + "MRR \(String(format: "%.3f", report.mrr))  nDCG@10 \(String(format: "%.3f", report.ndcgAt10))")
        }
    }

    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored match and assignment runs.")
        @OptionGroup var store: StoreOptions
        func run() throws {
            for run in try MatchService(database: try openStore(store)).runs() {
                let objective = run.objective.map { String(format: " objective %.3f", $0) } ?? ""
                print("\(run.id)\t\(run.kind)\t\(run.event ?? "-")\t\(run.createdAt)\(objective)\t\(run.parameters)")
            }
        }
    }
}

/// `duijie assign`: which teams go to which demand, under capacities.
struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assign teams to demands: maximise total affinity under per-demand and per-team limits.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var engine: EngineOptions
    @Option(help: "Only demands of this event.") var event: String?
    @Option(name: .customLong("per-demand"), help: "Teams per demand.") var perDemand = 3
    @Option(help: "Demands per team.") var capacity = 1
    @Flag(name: .customLong("distinct-institutions"), help: "At most one team per institution per demand.")
    var distinctInstitutions = false
    @Option(help: "Pairs to exclude, one per line: DEMAND,TEAM or DEMAND,INSTITUTION (* = every demand).")
    var exclude: String?
    @Option(help: "Candidate teams considered per demand.") var candidates = 50
    @Option(help: "Only these demands, e.g. the finalists: refs or ids separated by commas.") var demands: String?
    @Option(name: .customLong("min-score"), help: "Leave a slot empty rather than fill it below this score (0–1).")
    var minScore = 0.0
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let result = try MatchService(database: try openStore(store)).assign(
            AssignRequest(
                event: event, perDemand: perDemand, capacity: capacity, distinctInstitutions: distinctInstitutions,
                excludeFile: exclude, candidates: candidates, options: engine.options, synonymsFile: engine.synonyms,
                demands: demands.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } },
                minScore: minScore))
        if json { return try printJSON(result) }
        print("run \(result.run)  objective \(String(format: "%.3f", result.objective))")
        for item in result.assignments {
            print(
                "\(item.demand)  \(item.title)  →  \(item.solvers.joined(separator: ", "))  (\(String(format: "%.2f", item.total)))"
            )
        }
        for unfilled in result.unfilled { print("unfilled: \(unfilled.reason)") }
    }
}
