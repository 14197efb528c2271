import Foundation

/// The one validator of the studio (CLI, screens and batch): turns a draft and its loaded
/// inputs into a spec, or into issues that each name the field, a stable code and the fix.
public struct Validator: Sendable {
    public let registry: CapabilityRegistry
    public let costs: CostEstimator

    public init(registry: CapabilityRegistry, prices: PriceTable) {
        self.registry = registry
        self.costs = CostEstimator(prices: prices)
    }

    /// Validates a draft. `media` holds the files the draft names, keyed by field
    /// (`image`, `lastFrame`, `referenceImages[i]`, `video`); `loadIssues` are the files that could not be read.
    public func validate(_ input: GenerationDraft, media: [String: LoadedMedia] = [:],
                         loadIssues: [ValidationIssue] = [], extensionSource: ExtensionSource? = nil,
                         continuation: ContinuationSource? = nil, region: String? = nil,
                         now: Date = Date()) -> ValidationReport {
        var issues = loadIssues
        let draft = Self.normalized(input)
        let providerID = draft.providerID
        guard let provider = registry.provider(providerID) else {
            let known = registry.providerIDs.joined(separator: ", ")
            issues.append(ValidationIssue(field: "provider", code: "provider.unknown",
                                          message: "provider \"\(providerID)\" is unknown",
                                          fix: "choose one of: \(known)"))
            return ValidationReport(issues: issues, spec: nil, cost: nil)
        }
        let mode = draft.mode
        let requestedModel = draft.model ?? continuation?.model ?? extensionSource?.model
            ?? registry.defaultModel(provider: provider, mode: mode)
        let (modelID, mappedFrom) = registry.wireModelID(for: requestedModel, provider: provider)
        let model = registry.model(matching: modelID, provider: provider.id)
        issues += modelIssues(model: model, modelID: modelID, mappedFrom: mappedFrom, provider: provider, mode: mode)
        issues += mediaIssues(draft: draft, media: media, provider: provider)
        issues += Self.textIssues(draft)
        if case .generation(let id) = draft.video, extensionSource?.remoteURI == nil, media["video"] == nil {
            issues.append(ValidationIssue(field: "video", code: "extension.source_unavailable",
                                          message: "generation \(id) has no video on the server to extend (unknown id, not finished, or its output was never recorded)",
                                          fix: "check the id with veo-studio show \(id)"))
        }

        issues += continuationIssues(draft: draft, continuation: continuation, provider: provider)

        var effective = effectiveParameters(draft, model: model, extensionSource: extensionSource, continuation: continuation)
        // An edit keeps its source's length unless the draft says otherwise (within Omni's 3–10 s).
        if mode == .edit, draft.durationSeconds == nil,
           let seconds = media["video"]?.seconds ?? extensionSource.map({ Double($0.durationSeconds) }) {
            effective.durationSeconds = min(10, max(3, Int(seconds.rounded())))
        }
        var facts = DraftFacts(draft: draft, effective: effective, rulesProvider: provider.rulesAs, model: model,
                               modelID: modelID, extensionSource: extensionSource, now: now)
        if model?.usesInteractions == true {
            facts.addInteractionsFacts(draft: draft, media: media, extensionSource: extensionSource, region: region)
        }
        issues += RuleEngine(rules: registry.document.rules).issues(facts: facts)
        if let hole = draft.prompt.flatMap({ BatchSpecReader.placeholders($0).first }) {
            // Sent as typed, the service would read the braces literally: a template is filled first.
            issues.append(ValidationIssue(field: "prompt", code: "prompt.placeholder",
                                          message: "{\(hole)} is a template placeholder left unfilled",
                                          fix: "type what {\(hole)} stands for in its place", severity: .error))
        }
        for key in draft.extraParameters.keys.sorted() {
            issues.append(ValidationIssue(field: "param.\(key)", code: "parameter.unknown",
                                          message: "\(key) is not in the registry; it is sent as given in parameters",
                                          fix: "check the spelling if the service refuses it", severity: .warning))
        }
        let cost = costs.estimate(family: model?.family, rulesProvider: provider.rulesAs, mode: mode, effective: effective,
                                  listPricesApply: provider.googleListPrices ?? true,
                                  billsRequestedSeconds: model?.usesInteractions ?? false)
        guard !issues.contains(where: { $0.severity == .error }) else {
            return ValidationReport(issues: issues, spec: nil, cost: cost)
        }
        var spec = makeSpec(draft: draft, provider: provider, modelID: modelID, media: media,
                            extensionSource: extensionSource, effective: effective)
        spec?.previousInteraction = draft.mode == .refine ? continuation?.interactionID : nil
        return ValidationReport(issues: issues, spec: spec, cost: cost)
    }

    /// The longest prompt (and negative prompt) the studio sends, in UTF-8 bytes: far above what a
    /// video prompt needs, low enough that a wrong file given as a prompt is caught here.
    public static let maxPromptBytes = 64 * 1024

    /// Prompts must be plain text of a sane length: no NUL or other control characters (tab and
    /// line breaks aside), at most `maxPromptBytes`.
    static func textIssues(_ draft: GenerationDraft) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (field, text) in [("prompt", draft.prompt), ("negativePrompt", draft.negativePrompt)] {
            guard let text else { continue }
            if let index = text.unicodeScalars.firstIndex(where: { $0.value < 0x20 && !["\t", "\n", "\r"].contains($0) }) {
                let scalar = text.unicodeScalars[index]
                let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
                issues.append(ValidationIssue(field: field, code: "\(field).control_character",
                                              message: "\(field) contains the control character U+\(String(format: "%04X", scalar.value))\(scalar.value == 0 ? " (NUL)" : "") at character \(offset)",
                                              fix: "remove it: a prompt is plain text (tabs and line breaks are fine)"))
            }
            let bytes = text.utf8.count
            if bytes > maxPromptBytes {
                issues.append(ValidationIssue(field: field, code: "\(field).too_long",
                                              message: "\(field) is \(bytes / 1024) KB; the studio sends at most \(maxPromptBytes / 1024) KB",
                                              fix: "shorten it to a description of the shot (a few sentences), or check --prompt-file names the right file"))
            }
        }
        return issues
    }

    /// Enum-like values in their canonical spelling; blank text treated as unset.
    public static func normalized(_ input: GenerationDraft) -> GenerationDraft {
        var draft = input
        func clean(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        draft.provider = clean(draft.provider)?.lowercased()
        draft.model = clean(draft.model)
        draft.prompt = clean(draft.prompt) == nil ? nil : draft.prompt
        draft.negativePrompt = clean(draft.negativePrompt)
        draft.aspectRatio = clean(draft.aspectRatio)
        draft.resolution = clean(draft.resolution)?.lowercased()
        draft.personGeneration = clean(draft.personGeneration)?.lowercased()
        draft.compressionQuality = clean(draft.compressionQuality)?.lowercased()
        draft.resizeMode = clean(draft.resizeMode)?.lowercased()
        draft.storageUri = clean(draft.storageUri)
        draft.pubsubTopic = clean(draft.pubsubTopic)
        draft.delivery = clean(draft.delivery)?.lowercased()
        return draft
    }

    /// The values that will apply: the draft's, else the source video's (extension), else the service's defaults.
    public func effectiveParameters(_ draft: GenerationDraft, model: ModelEntry?,
                                    extensionSource: ExtensionSource?, continuation: ContinuationSource? = nil) -> EffectiveParameters {
        let defaults = registry.document.defaults.values
        let silentByDefault = model?.family == "veo-2.0"
        // A refinement keeps the earlier turn's length, shape and resolution unless the draft says otherwise.
        let earlier = draft.mode == .refine ? continuation : nil
        return EffectiveParameters(
            durationSeconds: draft.durationSeconds ?? earlier?.durationSeconds ?? defaults["durationSeconds"]?.intValue ?? 8,
            aspectRatio: draft.aspectRatio ?? earlier?.aspectRatio ?? extensionSource?.aspectRatio ?? defaults["aspectRatio"]?.stringValue ?? "16:9",
            resolution: draft.resolution ?? earlier?.resolution ?? defaults["resolution"]?.stringValue ?? "720p",
            sampleCount: draft.sampleCount ?? defaults["sampleCount"]?.intValue ?? 1,
            generateAudio: draft.generateAudio ?? !silentByDefault)
    }

    private func modelIssues(model: ModelEntry?, modelID: String, mappedFrom: String?, provider: ProviderEntry,
                             mode: GenerationMode) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        guard let model else {
            issues.append(ValidationIssue(field: "model", code: "model.unknown",
                                          message: "\(modelID) is not in the registry; sent as given, nothing is checked for it",
                                          fix: "check the id, or add the model to rules.json in the config directory",
                                          severity: .warning))
            return issues
        }
        if let mappedFrom {
            issues.append(ValidationIssue(field: "model", code: "model.mapped",
                                          message: "\(mappedFrom) is another provider's id; \(provider.name) knows this model as \(modelID), which is sent",
                                          fix: "use \(modelID) to silence this", severity: .warning,
                                          source: "seeds/000 (a Vertex id on the Gemini API answers 404)", asOf: "2025-10"))
        }
        if let life = registry.lifecycle(of: model, provider: provider),
           [.deprecated, .shut_down, .retired].contains(life.status) {
            let when = life.date.map { " (\($0))" } ?? ""
            let alternatives = life.replacement.map { "--model \($0)" + (provider.rulesAs == "gemini" ? ", or Vertex AI (veo-3.1-*-001)" : "") }
                ?? (provider.rulesAs == "gemini" ? "Vertex AI (veo-3.1-*-001) or a gateway" : "a current model")
            let refused = life.refuse == true
            issues.append(ValidationIssue(field: "model", code: "model.\(life.status.rawValue)",
                                          message: "\(model.name) on \(provider.name): \(life.status.rawValue.replacingOccurrences(of: "_", with: " "))\(when); \(life.note)",
                                          fix: refused ? "nothing was sent; use \(alternatives)"
                                              : "the request is still sent; if it answers 404, use \(alternatives)",
                                          severity: refused ? .error : .warning, source: life.source, asOf: life.as_of))
        }
        let modes = model.modes[provider.rulesAs] ?? []
        if !modes.contains(mode) {
            let others = registry.document.models.filter { ($0.modes[provider.rulesAs] ?? []).contains(mode) }
                .compactMap { $0.ids[provider.rulesAs] }
            let fix = others.isEmpty ? "use another provider for \(mode.phrase)" : "choose \(others.prefix(2).joined(separator: " or "))"
            issues.append(ValidationIssue(field: "model", code: "mode.unsupported",
                                          message: "\(mode.phrase): not on \(model.name) on \(provider.name)",
                                          fix: fix, source: model.modesSource, asOf: model.modesAsOf))
        }
        return issues
    }

    private func mediaIssues(draft: GenerationDraft, media: [String: LoadedMedia], provider: ProviderEntry) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let maxMB = provider.maxImageBytes / 1_048_576
        for (field, file) in media.sorted(by: { $0.key < $1.key }) where field.hasPrefix("referenceVideos[") {
            if !file.isMP4 {
                issues.append(ValidationIssue(field: field, code: "video.not_mp4",
                                              message: "\((file.path as NSString).lastPathComponent) is not an MP4 video",
                                              fix: "give an MP4 file as a reference video"))
            }
        }
        for (field, file) in media.sorted(by: { $0.key < $1.key }) where field != "video" && !field.hasPrefix("referenceVideos[") {
            let name = (file.path as NSString).lastPathComponent
            if file.byteCount == 0 {
                issues.append(ValidationIssue(field: field, code: "image.empty", message: "\(name) is empty",
                                              fix: "choose an image file that has content"))
                continue
            }
            guard let info = file.image else {
                if let claimed = ImageInspector.claimedFormat([UInt8](file.head.prefix(16))) {
                    issues.append(ValidationIssue(field: field, code: "image.corrupt",
                                                  message: "\(name) starts like a \(claimed.rawValue.uppercased()) but its header is cut short or damaged",
                                                  fix: "re-export or re-download the image, then choose it again"))
                    continue
                }
                issues.append(ValidationIssue(field: field, code: "image.not_an_image",
                                              message: "\(name) is not an image (its bytes are not JPEG, PNG or WebP)",
                                              fix: "choose a JPEG, PNG or WebP image"))
                continue
            }
            if [.png, .jpeg, .webp].contains(info.format), info.width <= 0 || info.height <= 0 {
                issues.append(ValidationIssue(field: field, code: "image.corrupt",
                                              message: "\(name) is a \(info.format.rawValue.uppercased()) whose header says it is \(info.width)×\(info.height) pixels",
                                              fix: "re-export or re-download the image, then choose it again"))
                continue
            }
            if max(info.width, info.height) > ImageInspector.maxSide {
                issues.append(ValidationIssue(field: field, code: "image.too_many_pixels",
                                              message: "\(name) is \(info.width)×\(info.height) pixels; images may be at most \(ImageInspector.maxSide) pixels on a side",
                                              fix: "scale it down, e.g. ffmpeg -i \(name) -vf scale=1920:-2 smaller.png"))
                continue
            }
            if !provider.imageMimeTypes.contains(info.mimeType) {
                issues.append(ValidationIssue(field: field, code: "image.unsupported_type",
                                              message: "\(name) is \(info.format.rawValue.uppercased()); \(provider.name) takes \(provider.imageMimeTypes.map { $0.replacingOccurrences(of: "image/", with: "").uppercased() }.joined(separator: ", "))",
                                              fix: "convert it, e.g. ffmpeg -i \(name) \((name as NSString).deletingPathExtension).png"))
            }
            if file.byteCount > provider.maxImageBytes {
                issues.append(ValidationIssue(field: field, code: "image.too_large",
                                              message: "\(name) is \(file.byteCount / 1_048_576) MB; images may be at most \(maxMB) MB",
                                              fix: "shrink it, e.g. ffmpeg -i \(name) -vf scale=1920:-2 smaller.jpg",
                                              source: "vertex-doc", asOf: "2026-09"))
            } else if let warn = provider.warnImageBytes, file.byteCount > warn {
                issues.append(ValidationIssue(field: field, code: "image.large_for_gateway",
                                              message: "\(name) is \(file.byteCount / 1024) KB; large payloads can cause gateway errors",
                                              fix: "keep each image under \(warn / 1024) KB", severity: .warning,
                                              source: "seeds/000", asOf: "2025-10"))
            }
        }
        if let first = media["image"]?.image, let last = media["lastFrame"]?.image,
           first.width > 0, last.width > 0, (first.width, first.height) != (last.width, last.height) {
            issues.append(ValidationIssue(field: "lastFrame", code: "frames.dimension_mismatch",
                                          message: "the first frame is \(first.width)×\(first.height), the last \(last.width)×\(last.height)",
                                          fix: "use frames of the same size for a clean transition", severity: .warning))
        }
        if let video = media["video"] {
            let name = (video.path as NSString).lastPathComponent
            if !video.isMP4 {
                issues.append(ValidationIssue(field: "video", code: "video.not_mp4", message: "\(name) is not an MP4 video",
                                              fix: "give an MP4 file, or a generation id from the journal"))
            } else if video.byteCount > provider.maxImageBytes {
                issues.append(ValidationIssue(field: "video", code: "video.too_large",
                                              message: "\(name) is \(video.byteCount / 1_048_576) MB; inline videos may be at most \(maxMB) MB",
                                              fix: "upload it to a bucket and pass its gs:// URI"))
            }
        }
        return issues
    }

    private func makeSpec(draft: GenerationDraft, provider: ProviderEntry, modelID: String, media: [String: LoadedMedia],
                          extensionSource: ExtensionSource?, effective: EffectiveParameters) -> GenerationSpec? {
        func ref(_ field: String, _ path: String?) -> MediaRef? {
            if let path, InputLoader.isRemote(path) { return .remote(path) }
            return media[field].map { $0.ref(mimeType: $0.image?.mimeType ?? "application/octet-stream") }
        }
        var references: [ReferenceRef] = []
        for (index, input) in draft.references.enumerated() {
            guard let media = ref("referenceImages[\(index)]", input.path) else { return nil }
            references.append(ReferenceRef(media: media, kind: input.kind))
        }
        var video: VideoRef?
        switch draft.video {
        case .none: video = nil
        case .file: video = media["video"].map { .local($0.ref(mimeType: "video/mp4")) }
        case .uri(let uri): video = .remote(uri: uri, sourceGeneration: nil)
        case .generation(let id):
            if let uri = extensionSource?.remoteURI {
                video = .remote(uri: uri, sourceGeneration: id)
            } else if let file = media["video"] {
                video = .local(file.ref(mimeType: "video/mp4"))
            } else {
                return nil
            }
        }
        var referenceVideos: [MediaRef] = []
        for (index, path) in (draft.referenceVideos ?? []).enumerated() {
            if InputLoader.isRemote(path) || path.hasPrefix("files/") {
                referenceVideos.append(.remote(path))
            } else {
                guard let file = media["referenceVideos[\(index)]"] else { return nil }
                referenceVideos.append(file.ref(mimeType: "video/mp4"))
            }
        }
        var normalized = draft
        normalized.provider = provider.id
        var spec = GenerationSpec(draft: normalized, provider: provider.id, model: modelID, mode: draft.mode,
                                  image: ref("image", draft.image), lastFrame: ref("lastFrame", draft.lastFrame), references: references,
                                  video: video, effective: effective)
        spec.referenceVideos = referenceVideos.isEmpty ? nil : referenceVideos
        return spec
    }
}
