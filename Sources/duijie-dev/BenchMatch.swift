import ArgumentParser
import DuijieCore
import Foundation
import Matching
import Service

extension Bench {
    /// `duijie-dev bench match`: the engine on generated demands and teams, timed, with the texts exported for peers.
    struct MatchScale: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "match", abstract: "Rank generated demands × teams (top 10) and time it; optionally export the texts.")

        @Option(help: "Generated demands.") var demands = 10_000
        @Option(help: "Generated teams.") var solvers = 2_000
        @Option(help: "Write demands.tsv and solvers.tsv here for the Python baseline.") var export: String?
        @Flag(help: "Print one JSON object.") var json = false
        @Option(help: "BM25F leaders given the cosine, field and region terms (the engine's default when absent).")
        var rerankDepth: Int?
        @Option(help: "The cosine's weight (0: BM25F alone; the engine's default when absent).") var cosineWeight: Double?

        func run() throws {
            let (demandList, solverList) = SyntheticEvent.make(demands: demands, solvers: solvers)
            if let export { try SyntheticEvent.export(demandList, solverList, to: export) }
            var options = MatchOptions()
            if let rerankDepth { options.rerankDepth = max(1, rerankDepth) }
            if let cosineWeight { options.cosineWeight = cosineWeight }
            let started = Date()
            let engine = MatchEngine(
                demands: demandList, solvers: solverList, options: options, synonyms: try SynonymTable.standard())
            let built = Date()
            let rankings = engine.rankSolvers(top: 10)
            let ranked = Date()
            let candidates = rankings.reduce(0) { $0 + $1.candidates.count }
            try report(
                [
                    "demands": Double(demands), "solvers": Double(solvers), "build_seconds": built.timeIntervalSince(started),
                    "rank_seconds": ranked.timeIntervalSince(built), "seconds": ranked.timeIntervalSince(started),
                    "candidates": Double(candidates), "peak_rss_mib": PeakMemory.mebibytes,
                ], json: json)
        }
    }

    /// `duijie-dev bench assign`: min-cost-flow assignment at scale, timed; the candidate graph exported for OR-Tools.
    struct AssignScale: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Assign generated demands (3 teams each, capacity 20, top-50 edges) and time it.")

        @Option(help: "Generated demands.") var demands = 10_000
        @Option(help: "Generated teams.") var solvers = 2_000
        @Option(name: .customLong("per-demand")) var perDemand = 3
        @Option var capacity = 20
        @Option(help: "Candidate edges per demand.") var edges = 50
        @Option(help: "Write the graph (demand solver cost per line) here.") var export: String?
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let (demandList, solverList) = SyntheticEvent.make(demands: demands, solvers: solvers)
            let engine = MatchEngine(demands: demandList, solvers: solverList, synonyms: try SynonymTable.standard())
            let rankings = engine.rankSolvers(top: edges)
            // Integer affinities as the solver uses them, so both sides optimise the very same numbers.
            let candidates = rankings.map { ranking in
                ranking.candidates.map { (solver: $0.index, affinity: ($0.score * 1_000_000).rounded() / 1_000_000) }
            }
            if let export {
                var text = "\(demands) \(solvers) \(perDemand) \(capacity)\n"
                for (d, list) in candidates.enumerated() {
                    for c in list { text += "\(d) \(c.solver) \(Int64((c.affinity * 1_000_000).rounded()))\n" }
                }
                try Data(text.utf8).write(to: URL(fileURLWithPath: export))
            }
            let problem = AssignmentProblem(
                candidates: candidates, solverCount: solvers, perDemand: perDemand, capacity: capacity,
                institution: Array(0..<solvers), distinctInstitutions: false)
            let started = Date()
            let result = Assignment.solve(problem)
            let seconds = Date().timeIntervalSince(started)
            let assigned = result.assignments.reduce(0) { $0 + $1.count }
            try report(
                [
                    "seconds": seconds, "objective": result.objective, "assigned": Double(assigned),
                    "edges": Double(candidates.reduce(0) { $0 + $1.count }), "peak_rss_mib": PeakMemory.mebibytes,
                ], json: json)
        }
    }

    /// `duijie-dev bench export-sample`: the sample event's texts and labels as TSV, for the quality comparison.
    struct ExportSample: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-sample", abstract: "Write the stored demands and teams as TSV for the Python baseline.")

        @Option(help: "The SQLite database file.") var db = EventDatabase.defaultPath
        @Argument(help: "Folder to write demands.tsv and solvers.tsv into.") var folder: String

        func run() throws {
            let inputs = try MatchService(database: try EventDatabase(path: db)).inputs(event: nil)
            try SyntheticEvent.export(inputs.demands, inputs.solvers, to: folder)
        }
    }
}

/// Prints benchmark figures as JSON or `key=value` pairs.
func report(_ figures: [String: Double], json: Bool) throws {
    if json { return try printJSON(figures) }
    print(figures.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
}

/// Generated demands and teams at any scale, recombined from the sample event's industries (deterministic).
enum SyntheticEvent {
    static func make(demands: Int, solvers: Int) -> ([MatchDemand], [MatchSolver]) {
        var random = SplitMix64(seed: 42)
        let industries = SampleEventData.counties.flatMap(\.industries)
        let topics = industries.flatMap { industry in industry.topics.map { (industry, $0) } }
        let qualifiers = ["关键技术", "工艺优化", "装备研发", "产业化", "性能提升", "智能化改造", "检测方法", "新材料开发", "节能降耗", "质量控制"]
        let teams = SampleEventData.institutions.flatMap { institution in institution.2.map { (institution.0, institution.1, $0) }
        }
        var demandList: [MatchDemand] = []
        demandList.reserveCapacity(demands)
        for i in 0..<demands {
            let (industry, topic) = topics[Int(random.next() % UInt64(topics.count))]
            let other = topics[Int(random.next() % UInt64(topics.count))].1
            let qualifier = qualifiers[Int(random.next() % UInt64(qualifiers.count))]
            let county = SampleEventData.counties[i % SampleEventData.counties.count].county
            let demand = Demand(
                ref: "G\(i)", enterprise: industry.enterprises[i % industry.enterprises.count],
                county: county, field: industry.field, title: topic.title + qualifier,
                description: topic.description + "同时涉及" + other.title + "。", goals: topic.goals,
                source: SourceRef(file: "generated", sheet: nil, row: i + 1))
            demandList.append(MatchDemand(id: Int64(i), demand: demand))
        }
        var solverList: [MatchSolver] = []
        solverList.reserveCapacity(solvers)
        for i in 0..<solvers {
            let (institution, region, team) = teams[Int(random.next() % UInt64(teams.count))]
            let (_, extra, _) = teams[Int(random.next() % UInt64(teams.count))].2
            let directions = (team.1 + "；" + extra).split(separator: "；").map(String.init)
            let profile = SolverProfile(
                ref: "S\(i)", name: team.0 + "\(i % 7 + 1)组", institution: institution, region: region,
                directions: directions, achievements: team.2, source: SourceRef(file: "generated", sheet: nil, row: i + 1))
            solverList.append(MatchSolver(id: Int64(i), solver: profile))
        }
        return (demandList, solverList)
    }

    static func export(_ demands: [MatchDemand], _ solvers: [MatchSolver], to folder: String) throws {
        let url = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        func clean(_ text: String) -> String {
            text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
        var d = "label\ttitle\tdescription\tgoals\n"
        for demand in demands {
            d += [demand.label, demand.title, demand.description, demand.goals].map(clean).joined(separator: "\t") + "\n"
        }
        var s = "label\tname\tdirections\tachievements\n"
        for solver in solvers {
            s +=
                [solver.label, solver.name, solver.directions.joined(separator: "；"), solver.achievements].map(clean).joined(
                    separator: "\t") + "\n"
        }
        try Data(d.utf8).write(to: url.appendingPathComponent("demands.tsv"))
        try Data(s.utf8).write(to: url.appendingPathComponent("solvers.tsv"))
    }
}
