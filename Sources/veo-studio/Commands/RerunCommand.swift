import ArgumentParser
import StudioCore

/// `veo-studio rerun ID`: the same generation again, with any spec flag changed; submitted as a child.
struct RerunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerun", abstract: "Run a generation again, changing any parameter with the spec flags.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The generation to run again.") var id: Int64
    @OptionGroup var spec: SpecOptions
    @Flag(help: "Track until done and download.") var wait = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let context = try StudioContext(global: global)
        let parent = try context.service().parentDraft(of: id)
        var draft = parent.draft
        var shown = parent.original
        try spec.apply(to: &draft, presets: context.presets())
        try spec.apply(to: &shown, presets: context.presets())
        try await SubmitFlow(context: context, wait: wait, json: json, baseURL: spec.baseURL, queue: spec.queue)
            .run(draft, parent: (id, "rerun"), changes: shown.differences(from: parent.original))
    }
}
