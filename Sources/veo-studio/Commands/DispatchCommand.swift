import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio dispatch`: sends the queue in order under each provider's limits (for cron, a server,
/// or a terminal left open); `--wait` keeps going until nothing waits and every job sent has ended.
struct DispatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch", abstract: "Send queued jobs under each provider's limits; --wait follows them to the end.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Keep sending as limits allow until nothing waits, and follow every job sent to its end.") var wait = false
    @Flag(help: "Print {\"sent\": [{\"id\", \"status\", …}], \"waiting\": [queued jobs]} as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let service = try context.service()
        _ = try? service.markInterruptedSubmits()
        let dispatcher = context.dispatcher(service: service)
        let sent: [GenerationRecord]
        do {
            if wait {
                sent = try await dispatcher.run(follow: true, onSent: { record in
                    Output.stderr("#\(record.id ?? 0) \(record.status.rawValue)\(record.operationName.map { " — operation \($0)" } ?? "")")
                }, onEvent: { event in
                    Output.stderr("#\(event.generationID) \(event.status.rawValue): \(event.message)")
                })
            } else {
                sent = try await dispatcher.dispatchReady().sent
            }
            await context.close()
        } catch {
            await context.close()
            throw error
        }
        let waiting = try service.journal.queue()
        if json {
            Output.json(.object([
                "sent": .array(try sent.map { Output.generationResult($0, outputs: try service.journal.outputs(of: $0.id ?? 0)) }),
                "waiting": .array(waiting.map(Output.queued)),
            ]))
        } else {
            if sent.isEmpty { print("nothing could be sent now") }
            sent.map(Output.rowLine).forEach { print($0) }
            if !waiting.isEmpty {
                print("\(waiting.count) still waiting:")
                waiting.map(Output.queuedLine).forEach { print("  " + $0) }
            }
        }
        if sent.contains(where: { [.failed, .filtered, .unknown].contains($0.status) }) {
            throw CLIFailure(message: "", exitCode: 1)
        }
    }
}
