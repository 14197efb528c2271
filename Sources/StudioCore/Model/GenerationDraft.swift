/// What a form, a set of CLI flags or a batch line says about one generation, before validation.
/// Every field is optional: an unset field is left to the service's default (the registry knows it).
public struct GenerationDraft: Codable, Sendable, Hashable {
    public var provider: String?
    public var model: String?
    public var prompt: String?
    public var negativePrompt: String?
    public var image: String?
    public var lastFrame: String?
    public var references: [ReferenceImageInput] = []
    public var video: VideoInput?
    public var aspectRatio: String?
    public var resolution: String?
    public var durationSeconds: Int?
    public var sampleCount: Int?
    public var seed: Int64?
    public var generateAudio: Bool?
    public var personGeneration: String?
    public var enhancePrompt: Bool?
    public var compressionQuality: String?
    public var resizeMode: String?
    public var storageUri: String?
    public var fps: Int?
    public var pubsubTopic: String?
    /// The task relay's content safety level, 1 (strictest) … 6 (most permissive).
    public var safetyLevel: Int?
    /// The task relay's prompt auto-fix.
    public var autoFix: Bool?
    public var labels: [String: String] = [:]
    /// Gemini Omni: change `video` as the prompt says (task `edit`) instead of extending it.
    public var edit: Bool?
    /// Gemini Omni: make `video` again at a higher resolution (task `upscale`) instead of extending it.
    public var upscale: Bool?
    /// Gemini Omni: the generation this draft refines (a further turn on its interaction).
    public var continues: Int64?
    /// Gemini Omni: `inline` (the video in the answer) or `uri` (a Files API file).
    public var delivery: String?
    /// Gemini Omni: reference videos (MP4 files or URIs), beside the reference images.
    public var referenceVideos: [String]?
    /// Fields the registry does not know yet, sent as given in `parameters` (a warning, not a block).
    public var extraParameters: [String: JSONValue] = [:]
    /// Parameters the parameter catalog names that have no field of their own here (a parameter
    /// added to the catalog and its rules only), typed as the catalog says, by name.
    public var catalogValues: [String: JSONValue]?

    public init() {}

    /// The provider a draft is for. The apps decide it once (`--provider`, the config, the
    /// environment's keys) and name it in every draft; a draft that names none is the built-in
    /// sandbox's, which needs no key.
    public var providerID: String { provider ?? Self.defaultProvider }

    /// The provider of a draft that names none.
    public static let defaultProvider = "sandbox"

    /// The mode follows from the inputs: a video extends, references make ingredients,
    /// a last frame makes frames, an image makes image-to-video, else text.
    public var mode: GenerationMode {
        if continues != nil { return .refine }
        if video != nil { return upscale == true ? .upscale : edit == true ? .edit : .extendVideo }
        if !references.isEmpty || !(referenceVideos ?? []).isEmpty { return .referenceImages }
        if lastFrame != nil { return .firstLastFrame }
        if image != nil { return .imageToVideo }
        return .textToVideo
    }

    /// The parameters the user set, by their wire name, as a comparable dictionary (for diffs).
    public var parameterValues: [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        func put(_ key: String, _ value: JSONValue?) { if let value { values[key] = value } }
        put("provider", provider.map(JSONValue.string))
        put("model", model.map(JSONValue.string))
        put("prompt", prompt.map(JSONValue.string))
        put("negativePrompt", negativePrompt.map(JSONValue.string))
        put("image", image.map(JSONValue.string))
        put("lastFrame", lastFrame.map(JSONValue.string))
        if !references.isEmpty {
            values["referenceImages"] = .array(references.map { .string("\($0.path):\($0.kind.rawValue)") })
        }
        if let video {
            switch video {
            case .generation(let id): values["video"] = .string("generation \(id)")
            case .uri(let uri): values["video"] = .string(uri)
            case .file(let path): values["video"] = .string(path)
            }
        }
        put("aspectRatio", aspectRatio.map(JSONValue.string))
        put("resolution", resolution.map(JSONValue.string))
        put("durationSeconds", durationSeconds.map { .number(Double($0)) })
        put("sampleCount", sampleCount.map { .number(Double($0)) })
        put("seed", seed.map { .number(Double($0)) })
        put("generateAudio", generateAudio.map(JSONValue.bool))
        put("personGeneration", personGeneration.map(JSONValue.string))
        put("enhancePrompt", enhancePrompt.map(JSONValue.bool))
        put("compressionQuality", compressionQuality.map(JSONValue.string))
        put("resizeMode", resizeMode.map(JSONValue.string))
        put("storageUri", storageUri.map(JSONValue.string))
        put("fps", fps.map { .number(Double($0)) })
        put("pubsubTopic", pubsubTopic.map(JSONValue.string))
        put("safetyLevel", safetyLevel.map { .number(Double($0)) })
        put("autoFix", autoFix.map(JSONValue.bool))
        if !labels.isEmpty { values["labels"] = .object(labels.mapValues(JSONValue.string)) }
        put("edit", edit.map(JSONValue.bool))
        put("upscale", upscale.map(JSONValue.bool))
        put("continues", continues.map { .number(Double($0)) })
        put("delivery", delivery.map(JSONValue.string))
        if let referenceVideos, !referenceVideos.isEmpty { values["referenceVideos"] = .array(referenceVideos.map(JSONValue.string)) }
        for (key, value) in catalogValues ?? [:] { values[key] = value }
        for (key, value) in extraParameters { values["param." + key] = value }
        return values
    }

    /// The fields that differ between two drafts: name → (before, after). Used by re-run diffs.
    public func differences(from parent: GenerationDraft) -> [(field: String, before: JSONValue?, after: JSONValue?)] {
        let mine = parameterValues
        let theirs = parent.parameterValues
        return Set(mine.keys).union(theirs.keys).sorted().compactMap { key in
            mine[key] == theirs[key] ? nil : (key, theirs[key], mine[key])
        }
    }
}
