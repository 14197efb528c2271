import ArgumentParser
import Foundation
import StudioCore

/// `veo-bench fill --home DIR`: a studio home whose journal holds N finished generations (for
/// measuring the studio in a real terminal).
struct FillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fill", abstract: "Fill a studio home's journal with N generations.")

    @Option(help: "The studio home to fill (created if missing).") var home: String
    @Option(help: "Generations to add.") var rows = 100_000

    func run() async throws {
        let paths = StudioPaths(home: URL(fileURLWithPath: home))
        try paths.prepare()
        let journal = try Journal.open(at: paths.database)
        let start = try journal.count()
        try JournalBenchmark.fill(journal, rows: start..<(start + rows), withOutputs: true)
        print("journal \(paths.database.path): \(try journal.count()) generations")
    }
}
