import ArgumentParser
import StudioCore

/// `veo-studio extend ID --prompt TEXT`: adds 7 s to a generated video (same provider and model).
struct ExtendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend", abstract: "Extend a generated video by 7 s with a new prompt.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The generation whose video to extend.") var id: Int64
    @OptionGroup var spec: SpecOptions
    @Flag(help: "Track until done and download.") var wait = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if spec.prompt == nil, spec.promptFile == nil {
            throw ValidationError("--prompt: say what happens next, e.g. --prompt \"the camera pulls back\"")
        }
    }

    func run() async throws {
        let context = try StudioContext(global: global)
        guard let source = try context.journal().generation(id) else {
            throw CLIFailure.badInput("error: id: no generation \(id) in the journal — list them with veo-studio history")
        }
        var draft = try context.service().extensionDraft(of: id)
        try spec.apply(to: &draft, presets: context.presets())
        draft.video = .generation(id: id)
        if context.registry.usesInteractions(model: source.model, provider: source.provider) {
            let added = draft.durationSeconds ?? 8
            Output.stderr("extending #\(id) by \(added) s (Gemini Omni): \((source.outputSeconds ?? 8) + added) s in all")
        } else {
            Output.stderr("extending #\(id): extension \(source.hops + 1)/20, \((source.outputSeconds ?? 8) + CostEstimator.extensionSeconds) s in all")
        }
        try await SubmitFlow(context: context, wait: wait, json: json, baseURL: spec.baseURL, queue: spec.queue)
            .run(draft, parent: (id, "extend"))
    }
}
