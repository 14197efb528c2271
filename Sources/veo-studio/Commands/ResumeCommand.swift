import ArgumentParser
import StudioCore

/// `veo-studio resume`: looks again at every unfinished job (and unknown ones with an operation);
/// `--wait` tracks them all to the end.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume unfinished jobs: poll once, or track to the end with --wait.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only this generation.") var id: Int64?
    @Flag(help: "Track until every job ends.") var wait = false
    @Flag(help: "Print a JSON list of the jobs afterwards.") var json = false
    @Option(name: .customLong("base-url"), help: ArgumentHelp("Send to this base URL instead (else each job goes to the endpoint that accepted it).", valueName: "URL"))
    var baseURL: String?

    func run() async throws {
        let context = try StudioContext(global: global)
        let service = try context.service()
        // One provider per provider id and endpoint: a job goes back to the endpoint that accepted it.
        var providers: [String: (VideoProvider, Double)] = [:]
        func key(_ record: GenerationRecord) -> String { record.provider + "\u{1}" + (baseURL ?? record.endpoint ?? "") }
        do {
            let candidates = try service.journal.unfinished() + service.journal.unknownWithOperation()
            for record in candidates where providers[key(record)] == nil && (id == nil || record.id == id) {
                providers[key(record)] = try await context.provider(record.provider, baseURL: baseURL ?? record.endpoint)
            }
            let only = id
            let records = try await service.resumeAll(includeUnknown: true, pollLimit: wait ? nil : 1, providerFor: { record in
                providers[key(record)]
            }, onEvent: { event in
                if only == nil || only == event.generationID {
                    Output.stderr("#\(event.generationID) \(event.status.rawValue): \(event.message)")
                }
            }).filter { only == nil || $0.id == only }
            await context.close()
            if json {
                Output.json(.array(records.map(Output.row)))
            } else if records.isEmpty {
                print("nothing to resume")
            } else {
                records.forEach { print(Output.rowLine($0)) }
            }
            if wait, records.contains(where: { [.failed, .filtered, .unknown].contains($0.status) }) {
                throw CLIFailure(message: "", exitCode: 1)
            }
        } catch {
            await context.close()
            throw error
        }
    }
}
