import ArgumentParser
import StudioCore

/// `veo-studio refine ID "make the car red"`: a further turn on a finished Gemini Omni generation
/// (same provider and model, `previous_interaction_id` of its interaction). The new generation is
/// a child of the one it refines.
struct RefineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refine", abstract: "Refine a finished Gemini Omni video with a short instruction.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The generation whose video to refine.") var id: Int64
    @Argument(help: "What to change, e.g. \"Make the car red. Keep everything else the same.\"") var instruction: String?
    @OptionGroup var spec: SpecOptions
    @Flag(help: "Track until done and download.") var wait = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if instruction == nil, spec.prompt == nil, spec.promptFile == nil {
            throw ValidationError("say what to change, e.g. veo-studio refine \(id) \"make the car red\"")
        }
        if instruction != nil, spec.prompt != nil || spec.promptFile != nil {
            throw ValidationError("give the instruction once: as the second argument or with --prompt")
        }
    }

    func run() async throws {
        let context = try StudioContext(global: global)
        let service = try context.service()
        guard try context.journal().generation(id) != nil else {
            throw CLIFailure.badInput("error: id: no generation \(id) in the journal — list them with veo-studio history")
        }
        var draft = try service.refineDraft(of: id, prompt: instruction)
        try spec.apply(to: &draft, presets: context.presets())
        draft.continues = id
        let turn = try service.refinementChain(of: id).count + 1
        Output.stderr("refining #\(id): turn \(turn) of its interaction")
        try await SubmitFlow(context: context, wait: wait, json: json, baseURL: spec.baseURL, queue: spec.queue)
            .run(draft, parent: (id, "refine"))
    }
}
