import Foundation

/// The facts of a draft that rules test: effective values after defaults, counts of inputs,
/// and what the journal knows about an extension's source.
struct DraftFacts {
    var rulesProvider: String
    var family: String?
    var modelName: String
    var mode: GenerationMode
    /// True for a model reached through the Interactions API (Gemini Omni).
    var usesInteractions: Bool
    var values: [String: JSONValue] = [:]

    init(draft: GenerationDraft, effective: EffectiveParameters, rulesProvider: String, model: ModelEntry?,
         modelID: String, extensionSource: ExtensionSource?, now: Date) {
        self.rulesProvider = rulesProvider
        self.family = model?.family
        self.modelName = model?.name ?? modelID
        self.mode = draft.mode
        self.usesInteractions = model?.usesInteractions ?? false
        func put(_ key: String, _ value: JSONValue?) { if let value { values[key] = value } }
        put("mode", .string(draft.mode.rawValue))
        // A parameter the catalog names without a field of its own: the rules see it by its name.
        for (name, value) in draft.catalogValues ?? [:] { values[name] = value }
        put("prompt", draft.prompt.map(JSONValue.string))
        put("negativePrompt", draft.negativePrompt.map(JSONValue.string))
        put("image", draft.image.map { _ in .bool(true) })
        put("lastFrame", draft.lastFrame.map { _ in .bool(true) })
        put("video", draft.video.map { _ in .bool(true) })
        let assets = draft.references.filter { $0.kind == .asset }.count
        let styles = draft.references.filter { $0.kind == .style }.count
        values["referenceAssets"] = .number(Double(assets))
        values["referenceStyles"] = .number(Double(styles))
        values["referenceCount"] = .number(Double(draft.references.count))
        values["referenceVideoCount"] = .number(Double(draft.referenceVideos?.count ?? 0))
        put("delivery", draft.delivery.map(JSONValue.string))
        let inputPaths = [draft.image, draft.lastFrame].compactMap { $0 } + draft.references.map(\.path)
        values["gcsInputs"] = .number(Double(inputPaths.filter { $0.hasPrefix("gs://") }.count))
        values["urlInputs"] = .number(Double(inputPaths.filter(InputLoader.isWebURL).count))
        values["localInputs"] = .number(Double(inputPaths.filter { !InputLoader.isRemote($0) }.count))
        let others = (draft.image == nil ? 0 : 1) + (draft.lastFrame == nil ? 0 : 1) + draft.references.count
        values["otherInputs"] = .number(Double(others))
        put("aspectRatio", .string(effective.aspectRatio))
        put("resolution", .string(effective.resolution))
        // A Veo extension always adds 7 s; Gemini Omni's duration is the length it adds.
        if draft.mode != .extendVideo || model?.usesInteractions == true {
            put("durationSeconds", .number(Double(effective.durationSeconds)))
        }
        put("sampleCount", .number(Double(effective.sampleCount)))
        put("seed", draft.seed.map { .number(Double($0)) })
        put("generateAudio", draft.generateAudio.map(JSONValue.bool))
        put("personGeneration", draft.personGeneration.map(JSONValue.string))
        put("enhancePrompt", draft.enhancePrompt.map(JSONValue.bool))
        put("compressionQuality", draft.compressionQuality.map(JSONValue.string))
        put("resizeMode", draft.resizeMode.map(JSONValue.string))
        put("storageUri", draft.storageUri.map(JSONValue.string))
        put("fps", draft.fps.map { .number(Double($0)) })
        put("pubsubTopic", draft.pubsubTopic.map(JSONValue.string))
        put("safetyLevel", draft.safetyLevel.map { .number(Double($0)) })
        put("autoFix", draft.autoFix.map(JSONValue.bool))
        put("labels", draft.labels.isEmpty ? nil : .bool(true))
        if let video = draft.video {
            switch video {
            case .generation: values["videoSource"] = .string("generation")
            case .uri: values["videoSource"] = .string("uri")
            case .file: values["videoSource"] = .string("file")
            }
        }
        let videoURI: String?
        switch draft.video {
        case .uri(let uri)?: videoURI = uri
        case .generation?: videoURI = extensionSource?.remoteURI
        default: videoURI = nil
        }
        if let videoURI {
            let scheme = videoURI.range(of: "://").map { String(videoURI[..<$0.lowerBound]) } ?? (videoURI.hasPrefix("files/") ? "files" : videoURI)
            values["videoURIScheme"] = .string(scheme.lowercased())
        }
        if let source = extensionSource {
            values["extensionHops"] = .number(Double(source.hops + 1))
            values["extensionInputSeconds"] = .number(Double(source.durationSeconds))
            values["extensionOutputSeconds"] = .number(Double(source.durationSeconds + CostEstimator.extensionSeconds))
            if let fps = source.framesPerSecond { values["extensionInputFPS"] = .number((fps * 100).rounded() / 100) }
            if let finished = source.finishedAt {
                values["extensionSourceAgeHours"] = .number((now.timeIntervalSince(finished) / 3600).rounded(.down))
            }
            let matches = draft.aspectRatio == nil || source.aspectRatio == nil || draft.aspectRatio == source.aspectRatio
            values["extensionAspectMatches"] = .bool(matches)
        }
    }

    /// Fills `{value}`, `{modelName}`, `{mode}` and `{<fact>}` placeholders of a rule's text.
    func fill(_ template: String, value: JSONValue?) -> String {
        var text = template
        text = text.replacingOccurrences(of: "{value}", with: value.map(Self.show) ?? "")
        text = text.replacingOccurrences(of: "{modelName}", with: modelName)
        text = text.replacingOccurrences(of: "{mode}", with: mode.phrase)
        for (key, fact) in values where text.contains("{\(key)}") {
            text = text.replacingOccurrences(of: "{\(key)}", with: Self.show(fact))
        }
        return text
    }

    static func show(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n.rounded() == n ? String(Int64(n)) : String(n)
        case .bool(let b): return b ? "on" : "off"
        default: return value.encodedString()
        }
    }
}
