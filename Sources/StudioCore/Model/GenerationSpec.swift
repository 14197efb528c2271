/// A validated generation: the draft as the user set it, the provider and the id to send,
/// content-addressed inputs and the effective values of the parameters left to defaults.
public struct GenerationSpec: Codable, Sendable, Hashable {
    public var draft: GenerationDraft
    public var provider: String
    public var model: String
    public var mode: GenerationMode
    public var image: MediaRef?
    public var lastFrame: MediaRef?
    public var references: [ReferenceRef]
    public var video: VideoRef?
    public var effective: EffectiveParameters
    /// Gemini Omni: reference videos (local files until the provider uploads them).
    public var referenceVideos: [MediaRef]?
    /// Gemini Omni: the interaction a refinement continues (`previous_interaction_id`).
    public var previousInteraction: String?

    public init(draft: GenerationDraft, provider: String, model: String, mode: GenerationMode,
                image: MediaRef? = nil, lastFrame: MediaRef? = nil, references: [ReferenceRef] = [],
                video: VideoRef? = nil, effective: EffectiveParameters) {
        self.draft = draft
        self.provider = provider
        self.model = model
        self.mode = mode
        self.image = image
        self.lastFrame = lastFrame
        self.references = references
        self.video = video
        self.effective = effective
    }

    /// All input media of the spec, for the asset store.
    public var inputMedia: [(role: String, media: MediaRef)] {
        var list: [(String, MediaRef)] = []
        if let image { list.append(("image", image)) }
        if let lastFrame { list.append(("lastFrame", lastFrame)) }
        for (index, ref) in references.enumerated() { list.append(("referenceImages[\(index)]", ref.media)) }
        if case .local(let media) = video { list.append(("video", media)) }
        for (index, media) in (referenceVideos ?? []).enumerated() where media.gcsUri == nil {
            list.append(("referenceVideos[\(index)]", media))
        }
        return list
    }
}

/// The values that apply when the request is made: the user's or the service's defaults.
public struct EffectiveParameters: Codable, Sendable, Hashable {
    public var durationSeconds: Int
    public var aspectRatio: String
    public var resolution: String
    public var sampleCount: Int
    public var generateAudio: Bool

    /// A value by its parameter name (as the catalog names it), nil for one the spec does not settle.
    public func value(named name: String) -> JSONValue? {
        switch name {
        case "durationSeconds": return .number(Double(durationSeconds))
        case "aspectRatio": return .string(aspectRatio)
        case "resolution": return .string(resolution)
        case "sampleCount": return .number(Double(sampleCount))
        case "generateAudio": return .bool(generateAudio)
        default: return nil
        }
    }
}
