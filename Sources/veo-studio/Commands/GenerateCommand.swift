import ArgumentParser
import StudioCore

/// `veo-studio generate`: journals and submits a generation; `--wait` tracks it to the end.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Submit a generation (journaled before it is sent).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var spec: SpecOptions
    @Flag(help: "Track until done and download, with progress on stderr.") var wait = false
    @Flag(help: "Print {\"id\", \"status\", \"operation\", \"outputs\", \"error\"} as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        var draft = try spec.draft(presets: context.presets())
        draft.provider = context.providerID(requested: draft.provider)
        try await SubmitFlow(context: context, wait: wait, json: json, baseURL: spec.baseURL, queue: spec.queue).run(draft)
    }
}
