import ArgumentParser
import Foundation
import StudioCore

/// The flags that describe a generation (shared by generate, validate, request, rerun and extend).
struct SpecOptions: ParsableArguments {
    @Option(help: "Provider: gemini, sandbox (default when no key is configured), vertex, vertex-sandbox, openai-relay, maas-vertex, comet-chat, task-relay (each gateway also as <id>-sandbox).")
    var provider: String?
    @Option(help: "Model id, e.g. veo-3.1-generate-preview (another provider's id is mapped).")
    var model: String?
    @Option(help: "What the video shows.")
    var prompt: String?
    @Option(name: .customLong("prompt-file"), help: ArgumentHelp("Read the prompt from a file (- for stdin).", valueName: "F"))
    var promptFile: String?
    @Option(name: .customLong("negative-prompt"), help: "What the video should not show.")
    var negativePrompt: String?
    @Option(help: ArgumentHelp("First frame (image → video).", valueName: "F"))
    var image: String?
    @Option(name: .customLong("last-frame"), help: ArgumentHelp("Last frame (needs --image).", valueName: "F"))
    var lastFrame: String?
    @Option(name: .customLong("ref"), help: ArgumentHelp("Reference image, repeatable; F:style for a style image.", valueName: "F"))
    var references: [String] = []
    @Option(help: ArgumentHelp("Video to extend: a generation id, a provider URI or an MP4 file.", valueName: "ID|URI|F"))
    var video: String?
    @Option(help: ArgumentHelp("What to do with --video: extend it (default), edit it or upscale it (Gemini Omni).", valueName: "extend|edit|upscale"))
    var mode: String?
    @Option(name: .customLong("ref-video"), help: ArgumentHelp("Reference video (Gemini Omni; an MP4 of at most 3 s, or a files/ URI), repeatable.", valueName: "F"))
    var referenceVideos: [String] = []
    @Option(name: .customLong("continue"), help: ArgumentHelp("Refine this finished Gemini Omni generation (a further turn of its interaction).", valueName: "ID"))
    var continues: Int64?
    @Option(help: ArgumentHelp("Gemini Omni: inline (the video in the answer, default) or uri (a Files API file).", valueName: "inline|uri"))
    var delivery: String?
    @Option(name: .customLong("aspect-ratio"), help: "16:9 or 9:16.")
    var aspectRatio: String?
    @Option(help: "720p, 1080p or 4k (Gemini Omni also 360p).")
    var resolution: String?
    @Option(help: "Seconds: 4, 6 or 8 on Veo 3 (8 with reference images, 1080p and 4k); 3–10 on Gemini Omni (added seconds when extending).")
    var duration: Int?
    @Option(help: "Videos per request (1–4 on Vertex).")
    var samples: Int?
    @Option(help: "Seed, 0…4294967295 (Vertex).")
    var seed: Int64?
    @Flag(inversion: .prefixedNo, help: "Generate audio (Vertex).")
    var audio: Bool?
    @Option(name: .customLong("person-generation"), help: "dont_allow, allow_adult or allow_all.")
    var personGeneration: String?
    @Flag(name: .customLong("enhance-prompt"), inversion: .prefixedNo, help: "Let the service rewrite the prompt.")
    var enhancePrompt: Bool?
    @Option(name: .customLong("storage-uri"), help: "gs://bucket/dir/ for outputs (Vertex).")
    var storageUri: String?
    @Option(name: .customLong("compression-quality"), help: "optimized or lossless (Vertex).")
    var compressionQuality: String?
    @Option(name: .customLong("resize-mode"), help: "pad or crop (Vertex).")
    var resizeMode: String?
    @Option(help: "Frames per second (Vertex).")
    var fps: Int?
    @Option(name: .customLong("pubsub-topic"), help: ArgumentHelp("Pub/Sub topic told when the job ends (Vertex).", valueName: "projects/P/topics/T"))
    var pubsubTopic: String?
    @Option(name: .customLong("safety-level"), help: ArgumentHelp("Content safety level, 1 strictest … 6 most permissive (task-relay).", valueName: "1-6"))
    var safetyLevel: Int?
    @Flag(name: .customLong("auto-fix"), inversion: .prefixedNo, help: "Let the gateway fix a prompt it would refuse (task-relay).")
    var autoFix: Bool?
    @Option(name: .customLong("label"), help: ArgumentHelp("Billing label, repeatable (Vertex).", valueName: "key=value"))
    var labels: [String] = []
    @Option(name: .customLong("param"), help: ArgumentHelp("Extra parameter sent as given, repeatable.", valueName: "key=value"))
    var params: [String] = []
    @Option(name: .customLong("base-url"), help: ArgumentHelp("Send to this base URL instead (e.g. an emulator).", valueName: "URL"))
    var baseURL: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Any parameter of the parameter catalog by its name (e.g. fps=24), repeatable: a parameter added to the catalog is set this way with no new flag.", valueName: "NAME=VALUE"))
    var sets: [String] = []
    @Option(help: ArgumentHelp("Start from a saved preset (veo-studio presets lists them); the flags given here win.", valueName: "NAME"))
    var preset: String?
    @Option(name: .customLong("var"), help: ArgumentHelp("Fill {name} in the prompt (a template), repeatable.", valueName: "NAME=VALUE"))
    var vars: [String] = []
    @Flag(help: "Queue the job instead of sending it at once: it is sent in order under the provider's limits (veo-studio dispatch, or the studio while open).")
    var queue = false

    func validate() throws {
        for param in params where !param.contains("=") || param.hasPrefix("=") {
            throw ValidationError("--param \(param): write it as key=value, e.g. --param fps=24")
        }
        for label in labels where !label.contains("=") || label.hasPrefix("=") {
            throw ValidationError("--label \(label): write it as key=value, e.g. --label team=studio")
        }
        if prompt != nil, promptFile != nil {
            throw ValidationError("--prompt and --prompt-file: give one of them")
        }
        if let mode, !["edit", "extend", "upscale"].contains(mode.lowercased()) {
            throw ValidationError("--mode \(mode): say edit (change the video, Gemini Omni), upscale (the same video at 1080p or 4k, Gemini Omni) or extend (add to it); every other mode follows from the inputs")
        }
        if let mode, ["edit", "upscale"].contains(mode.lowercased()), video == nil {
            throw ValidationError("--mode \(mode.lowercased()): give the video to \(mode.lowercased()) with --video FILE|ID")
        }
        if let baseURL, URL(string: baseURL)?.host == nil {
            throw ValidationError("--base-url \(baseURL): write a full URL such as http://127.0.0.1:8765")
        }
    }

    /// The prompt from `--prompt` or `--prompt-file`.
    func promptText() throws -> String? {
        guard let promptFile else { return prompt }
        let data: Data
        if promptFile == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: promptFile) else {
                throw CLIFailure.badInput("error: --prompt-file: cannot read \(promptFile) — check the path")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            // Decoding with replacement would send U+FFFD in place of the bytes: say where the first bad one is.
            let offset = Self.firstInvalidUTF8Offset(data) ?? 0
            let name = promptFile == "-" ? "standard input" : promptFile
            throw CLIFailure.badInput(
                "error: --prompt-file: \(name) is not UTF-8 text (first bad byte at offset \(offset)) — save it as UTF-8, e.g. iconv -f latin1 -t utf-8 \(promptFile == "-" ? "FILE" : promptFile) > prompt.txt")
        }
        return text
    }

    /// The offset of the first byte that does not belong to valid UTF-8, if any.
    static func firstInvalidUTF8Offset(_ data: Data) -> Int? {
        var decoder = UTF8()
        var iterator = data.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// A draft with only what these flags (and the preset they name) set.
    /// `fillingVars`: false keeps a template's placeholders (saving a preset). The presets are read
    /// only when `--preset` names one.
    func draft(presets: @autoclosure () -> PresetBook, fillingVars: Bool = true) throws -> GenerationDraft {
        var draft = GenerationDraft()
        try apply(to: &draft, presets: presets(), fillingVars: fillingVars)
        return draft
    }

    /// Overrides a draft's fields with the preset named, then the flags given (re-run with a tweak),
    /// then fills the prompt's `{name}` placeholders from `--var`.
    func apply(to draft: inout GenerationDraft, presets readPresets: @autoclosure () -> PresetBook,
               fillingVars: Bool = true) throws {
        if let preset {
            let presets = readPresets()
            guard let saved = presets.drafts[preset] else {
                throw CLIFailure.badInput("error: --preset \(preset): \(presets.refusal(for: preset))")
            }
            draft.overlay(saved)
        }
        try applyFlags(to: &draft)
        if fillingVars { try fillVars(in: &draft) }
    }

    /// The prompt with each `{name}` replaced by its `--var`; a placeholder without one, or a var
    /// the prompt does not use, is refused.
    private func fillVars(in draft: inout GenerationDraft) throws {
        var values: [String: String] = [:]
        for pair in vars {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CLIFailure.badInput("error: --var \(pair): write NAME=VALUE")
            }
            values[parts[0]] = parts[1]
        }
        let names = draft.prompt.map(BatchSpecReader.placeholders) ?? []
        if let unused = values.keys.sorted().first(where: { !names.contains($0) }) {
            throw CLIFailure.badInput("error: --var \(unused): the prompt has no {\(unused)}" + (names.isEmpty ? "" : " (it has \(names.map { "{\($0)}" }.joined(separator: ", ")))"))
        }
        if let missing = names.first(where: { values[$0] == nil }) {
            throw CLIFailure.badInput("error: prompt: {\(missing)} has no value — give --var \(missing)=…")
        }
        for (name, value) in values { draft.prompt = draft.prompt?.replacingOccurrences(of: "{\(name)}", with: value) }
    }

    /// Overrides a draft's fields with the flags given.
    private func applyFlags(to draft: inout GenerationDraft) throws {
        if let provider { draft.provider = provider }
        if let model { draft.model = model }
        if let text = try promptText() { draft.prompt = text }
        if let negativePrompt { draft.negativePrompt = negativePrompt }
        if let image { draft.image = image }
        if let lastFrame { draft.lastFrame = lastFrame }
        if !references.isEmpty { draft.references = references.map(ReferenceImageInput.parse) }
        if let video { draft.video = VideoInput.parse(video) }
        if let mode {
            draft.edit = mode.lowercased() == "edit" ? true : nil
            draft.upscale = mode.lowercased() == "upscale" ? true : nil
        }
        if !referenceVideos.isEmpty { draft.referenceVideos = referenceVideos }
        if let continues { draft.continues = continues }
        if let delivery { draft.delivery = delivery }
        if let aspectRatio { draft.aspectRatio = aspectRatio }
        if let resolution { draft.resolution = resolution }
        if let duration { draft.durationSeconds = duration }
        if let samples { draft.sampleCount = samples }
        if let seed { draft.seed = seed }
        if let audio { draft.generateAudio = audio }
        if let personGeneration { draft.personGeneration = personGeneration }
        if let enhancePrompt { draft.enhancePrompt = enhancePrompt }
        if let storageUri { draft.storageUri = storageUri }
        if let compressionQuality { draft.compressionQuality = compressionQuality }
        if let resizeMode { draft.resizeMode = resizeMode }
        if let fps { draft.fps = fps }
        if let pubsubTopic { draft.pubsubTopic = pubsubTopic }
        if let safetyLevel { draft.safetyLevel = safetyLevel }
        if let autoFix { draft.autoFix = autoFix }
        for label in labels {
            let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
            draft.labels[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        let catalog = try? ParameterCatalog.shared()
        for pair in sets {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let parameter = catalog?.parameter(named: parts[0]) else {
                let names = catalog?.parameters.map(\.name).sorted().joined(separator: ", ") ?? ""
                throw CLIFailure.badInput("error: --set \(pair): write NAME=VALUE with a parameter of the catalog: \(names)")
            }
            if let problem = draft.set(parameter.name, text: parts[1]) {
                throw CLIFailure.badInput("error: --set \(pair): \(problem)")
            }
        }
        for param in params {
            let parts = param.split(separator: "=", maxSplits: 1).map(String.init)
            draft.extraParameters[parts[0]] = JSONValue.parseLoose(parts.count > 1 ? parts[1] : "")
        }
    }
}
