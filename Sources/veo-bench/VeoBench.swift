import ArgumentParser

/// `veo-bench`: prints the figures the issues ask for (journal speed, polling efficiency).
@main
struct VeoBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veo-bench",
        abstract: "Benchmarks of the journal, adaptive polling, the studio, inline video decoding, the queue and film stitching; prints figures.",
        subcommands: [JournalBenchmark.self, PollingBenchmark.self, StudioBenchmark.self, InlineDecodeBenchmark.self, ProviderJobBenchmark.self, FillCommand.self, EmulatorLoadBenchmark.self, QueueBenchmark.self, StitchBenchmark.self]
    )
}
