/// For a form: every value a field could take for this draft, and for each value the registry
/// forbids, the reason ("4k: not on Veo 3.1 Lite"). Computed by validating the draft with each value.
public struct ChoiceAdvisor: Sendable {
    /// One offered value; `blockedBy` is nil when the value is allowed.
    public struct Choice: Hashable, Sendable {
        public var value: String
        public var blockedBy: String?
        public var isAllowed: Bool { blockedBy == nil }

        public init(value: String, blockedBy: String? = nil) {
            self.value = value
            self.blockedBy = blockedBy
        }
    }

    public let validator: Validator

    public init(validator: Validator) { self.validator = validator }

    /// The fields a form offers as choices.
    public enum Field: String, CaseIterable, Sendable {
        case model, aspectRatio, resolution, durationSeconds, sampleCount, personGeneration
    }

    public func choices(for field: Field, draft: GenerationDraft, media: [String: LoadedMedia] = [:],
                        extensionSource: ExtensionSource? = nil) -> [Choice] {
        choices(forField: field.rawValue, draft: draft, media: media, extensionSource: extensionSource)
    }

    /// The choices of any registry field (by its draft name), each validated in the draft.
    public func choices(forField field: String, draft: GenerationDraft, media: [String: LoadedMedia] = [:],
                        extensionSource: ExtensionSource? = nil) -> [Choice] {
        Self.candidates(for: field, draft: draft, registry: validator.registry).map { value in
            var trial = draft
            trial.set(field, text: value)
            let report = validator.validate(trial, media: media, extensionSource: extensionSource)
            let blocking = report.errors.first { issue in
                issue.field == field || (field == "model" && issue.code == "mode.unsupported")
            }
            return Choice(value: value, blockedBy: blocking?.message)
        }
    }

    /// The values a field offers, from the registry's field list.
    public static func candidates(for field: String, draft: GenerationDraft, registry: CapabilityRegistry) -> [String] {
        guard let entry = registry.formFields.first(where: { $0.id == field }) else { return [] }
        switch entry.choicesFrom {
        case "providers":
            // Each provider once, on the endpoint the draft is on (the Endpoint row switches it).
            let onSandbox = registry.isSandbox(draft.providerID)
            return registry.providers.compactMap { onSandbox ? $0.sandbox?.id : $0.id }
        case "endpoints":
            // The draft's provider on the built-in sandbox, then on the service itself.
            guard let other = registry.counterpart(of: draft.providerID) else { return [draft.providerID] }
            return registry.isSandbox(draft.providerID) ? [draft.providerID, other] : [other, draft.providerID]
        case "models":
            let provider = registry.provider(draft.providerID)?.rulesAs ?? draft.providerID
            return registry.document.models.compactMap { $0.ids[provider] }
        default:
            let family = draft.model.flatMap { registry.model(matching: $0, provider: draft.provider)?.family }
            return family.flatMap { entry.familyChoices?[$0] } ?? entry.choices ?? []
        }
    }
}
