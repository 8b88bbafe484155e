import ArgumentParser

/// `duijie bench …`: release-build measurements behind docs/benchmarks.md.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks and generators (use a release build).",
        subcommands: [])
}
