import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio queue`: the jobs waiting to be sent, and what can be done with them.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "List, hold, release, reorder or remove queued jobs.",
        subcommands: [List.self, Pause.self, Resume.self, Remove.self, Top.self], defaultSubcommand: List.self)

    /// `veo-studio queue [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the queue in the order it is sent.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON list: id, position, priority, paused, reason, not_before, attempts, batch, provider, model, prompt, cost_estimate_usd, queued_at.")
        var json = false

        func run() async throws {
            let jobs = try StudioContext(global: global).journal().queue()
            if json {
                Output.json(.array(jobs.map(Output.queued)))
            } else if jobs.isEmpty {
                print("the queue is empty")
            } else {
                jobs.map(Output.queuedLine).forEach { print($0) }
            }
        }
    }

    /// One queued job by id: the subcommands' shared argument and its refusal.
    struct Target: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The queued job.") var id: Int64

        /// Applies a change; `verb` says it ("pause"), `done` says it happened ("paused").
        /// `already`: what to say, changing nothing, when the job is already so (resuming one not paused).
        func change(_ verb: String, _ done: String, already: ((QueueEntry) -> String?)? = nil,
                    _ body: (Journal, Date) throws -> Bool) throws {
            let journal = try StudioContext(global: global).journal()
            if let already, try journal.generation(id)?.status == .waiting, let entry = try journal.queueEntry(of: id),
               let said = already(entry) {
                print("#\(id) \(said): nothing changed")
                return
            }
            guard try body(journal, Date()) else {
                let status = try journal.generation(id)?.status.rawValue
                throw CLIFailure.badInput("#\(id) is \(status.map { "\($0), not waiting in the queue" } ?? "not in the journal"): nothing to \(verb)")
            }
            print("#\(id) \(done)")
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pause", abstract: "Hold a queued job: it keeps its place and is not sent.")
        @OptionGroup var target: Target
        func run() async throws {
            try target.change("pause", "paused", already: { $0.paused ? "is paused already" : nil }) { try $0.setQueuePaused(target.id, true, at: $1) }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resume", abstract: "Release a held job.")
        @OptionGroup var target: Target
        func run() async throws {
            try target.change("resume", "resumed", already: { $0.paused ? nil : "was not paused" }) { try $0.setQueuePaused(target.id, false, at: $1) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take a job out of the queue (nothing was sent, nothing is charged).")
        @OptionGroup var target: Target
        func run() async throws { try target.change("remove", "removed from the queue: nothing was sent, nothing is charged") { try $0.removeFromQueue(target.id, at: $1) } }
    }

    struct Top: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "top", abstract: "Move a job to the front of the queue.")
        @OptionGroup var target: Target
        func run() async throws { try target.change("move", "moved to the front") { try $0.moveToFront(target.id, at: $1) } }
    }
}
