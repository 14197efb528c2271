import ArgumentParser

/// `veo-bench`: prints the figures the issues ask for (journal speed, polling efficiency).
@main
struct VeoBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veo-bench",
        abstract: "Benchmarks of the journal and of adaptive polling; prints figures.",
        subcommands: [JournalBenchmark.self, PollingBenchmark.self, StudioBenchmark.self, FillCommand.self]
    )
}
