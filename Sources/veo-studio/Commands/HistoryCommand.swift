import ArgumentParser
import StudioCore

/// `veo-studio history`: every generation, newest first, with full-text search over prompts.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List generations, newest first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only prompts matching these words (prefixes).") var search: String?
    @Option(help: "How many rows.") var limit = 20
    @Option(help: ArgumentHelp("Only the jobs of this batch (the id batch printed).", valueName: "ID")) var batch: String?
    @Flag(help: "Print a JSON list.") var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit \(limit): give a positive number") }
    }

    func run() async throws {
        let journal = try StudioContext(global: global).journal()
        if let batch, try journal.batch(batch) == nil {
            throw CLIFailure.badInput("no batch \(batch) in the journal — the id is the one veo-studio batch printed (b20261206-…)")
        }
        let rows = try journal.historySummaries(matching: search ?? "", filter: HistoryFilter(batch: batch), limit: limit)
        if json {
            Output.json(.array(rows.map { Output.row($0.record) }))
        } else if rows.isEmpty {
            print(search == nil ? "no generations yet" : "no prompt matches \"\(search ?? "")\"")
        } else {
            Output.table(rows, kind: .history).forEach { print($0) }
        }
    }
}
