/// For a form: every value a field could take for this draft, and for each value the registry
/// forbids, the reason ("4k: not on Veo 3.1 Lite"). Computed by validating the draft with each value.
public struct ChoiceAdvisor: Sendable {
    /// One offered value; `blockedBy` is nil when the value is allowed.
    public struct Choice: Hashable, Sendable {
        public var value: String
        public var blockedBy: String?
        public var isAllowed: Bool { blockedBy == nil }
    }

    public let validator: Validator

    public init(validator: Validator) { self.validator = validator }

    /// The fields a form offers as choices.
    public enum Field: String, CaseIterable, Sendable {
        case model, aspectRatio, resolution, durationSeconds, sampleCount, personGeneration
    }

    public func choices(for field: Field, draft: GenerationDraft, media: [String: LoadedMedia] = [:],
                        extensionSource: ExtensionSource? = nil) -> [Choice] {
        candidates(for: field, draft: draft).map { value in
            var trial = draft
            apply(value, to: field, in: &trial)
            let report = validator.validate(trial, media: media, extensionSource: extensionSource)
            let blocking = report.errors.first { issue in
                issue.field == field.rawValue || (field == .model && issue.code == "mode.unsupported")
            }
            return Choice(value: value, blockedBy: blocking?.message)
        }
    }

    func candidates(for field: Field, draft: GenerationDraft) -> [String] {
        let registry = validator.registry
        switch field {
        case .model:
            let provider = registry.provider(draft.provider ?? "gemini")?.rulesAs ?? "gemini"
            return registry.document.models.compactMap { $0.ids[provider] }
        case .aspectRatio: return ["16:9", "9:16"]
        case .resolution: return ["720p", "1080p", "4k"]
        case .durationSeconds:
            let family = draft.model.flatMap { registry.model(matching: $0)?.family }
            return family == "veo-2.0" ? ["5", "6", "7", "8"] : ["4", "6", "8"]
        case .sampleCount: return ["1", "2", "3", "4"]
        case .personGeneration: return ["allow_all", "allow_adult", "dont_allow"]
        }
    }

    func apply(_ value: String, to field: Field, in draft: inout GenerationDraft) {
        switch field {
        case .model: draft.model = value
        case .aspectRatio: draft.aspectRatio = value
        case .resolution: draft.resolution = value
        case .durationSeconds: draft.durationSeconds = Int(value)
        case .sampleCount: draft.sampleCount = Int(value)
        case .personGeneration: draft.personGeneration = value
        }
    }
}
