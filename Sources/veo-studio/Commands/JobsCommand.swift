import ArgumentParser
import StudioCore

/// `veo-studio jobs`: the generations that are not finished (and those whose outcome is unknown).
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "List unfinished and unknown jobs.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON list.") var json = false

    func run() async throws {
        let journal = try StudioContext(global: global).journal()
        let records = try (journal.unfinished() + journal.newest(limit: 500).filter { $0.status == .unknown })
            .sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        if json {
            Output.json(.array(records.map(Output.row)))
        } else if records.isEmpty {
            print("no unfinished jobs")
        } else {
            let rows = records.compactMap { record in record.id.flatMap { try? journal.summary($0) } }
            Output.table(rows, kind: .operations).forEach { print($0) }
        }
    }
}
