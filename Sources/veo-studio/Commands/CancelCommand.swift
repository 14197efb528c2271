import ArgumentParser
import Foundation
import StudioCore

/// `veo-studio cancel ID`: stops a job — on the service when it has a cancel call (a Gemini Omni
/// interaction), else only the studio's tracking (a Veo operation may still finish and be charged).
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a job (on the service for Gemini Omni; Veo only stops being tracked).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The generation to cancel.") var id: Int64
    @Option(name: .customLong("base-url"), help: ArgumentHelp("Send to this base URL instead (e.g. an emulator).", valueName: "URL"))
    var baseURL: String?
    @Flag(help: "Print {\"id\", \"cancelled\", \"message\"} as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let service = try context.service()
        guard let record = try context.journal().generation(id) else {
            throw CLIFailure.badInput("error: id: no generation \(id) in the journal — list them with veo-studio history")
        }
        let outcome: GenerationService.CancelOutcome
        do {
            if record.operationName != nil, [.queued, .running, .unknown].contains(record.status) {
                let (provider, _) = try await context.provider(record.provider, baseURL: baseURL ?? record.endpoint)
                outcome = try await service.cancel(id, provider: provider)
            } else {
                outcome = try service.cancel(id)
            }
            await context.close()
        } catch {
            await context.close()
            throw error
        }
        if json {
            Output.json(.object(["id": .number(Double(id)), "cancelled": .bool(outcome.cancelled), "message": .string(outcome.message)]))
        } else {
            print(outcome.message)
        }
        if !outcome.cancelled { throw CLIFailure(message: "", exitCode: 1) }
    }
}
