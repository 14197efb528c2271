import Foundation

/// The capability registry: what each provider × model × mode accepts, read from data.
/// The built-in `rules.json` ships with the studio; a `rules.json` in the config directory
/// replaces it (rules change faster than releases).
public struct CapabilityRegistry: Sendable {
    public let document: RegistryDocument
    /// Where the effective rules came from: "built-in" or a file path.
    public let origin: String

    public init(document: RegistryDocument, origin: String) {
        self.document = document
        self.origin = origin
    }

    /// The rules shipped with the studio.
    public static func builtIn() throws -> CapabilityRegistry {
        guard let url = Bundle.module.url(forResource: "rules", withExtension: "json") else {
            throw StudioError(field: "rules", code: "rules.missing",
                              message: "the built-in rules file is missing from the installation",
                              fix: "reinstall veo-studio")
        }
        return try load(from: url, origin: "built-in")
    }

    /// The override in `directory/rules.json` when present, else the built-in rules.
    public static func effective(configDirectory: URL) throws -> CapabilityRegistry {
        let override = configDirectory.appendingPathComponent("rules.json")
        if FileManager.default.fileExists(atPath: override.path) {
            return try load(from: override, origin: override.path)
        }
        return try builtIn()
    }

    /// Reads a rules file; a broken file is reported with its path and the decoder's reason.
    public static func load(from url: URL, origin: String) throws -> CapabilityRegistry {
        CapabilityRegistry(document: try DataFile.decode(RegistryDocument.self, from: url, field: "rules",
                                                         description: "the rules file"),
                           origin: origin)
    }

    /// The entry of a provider name; a sandbox's is the provider it plays, under the sandbox's name.
    public func provider(_ id: String) -> ProviderEntry? {
        identity(id)?.entry
    }

    /// Every name a provider can be given: each provider, then each provider's sandbox.
    public var providerIDs: [String] { document.providers.map(\.id) + document.providers.compactMap(\.sandbox?.id) }

    /// The providers themselves, each once (a sandbox is a way to reach one of them).
    public var providers: [ProviderEntry] { document.providers.filter { !$0.playedBySandbox } }

    /// The fields of the generation forms: this document's, else the built-in ones (an older override file).
    public var formFields: [FormFieldEntry] { document.fields ?? Self.builtInFields }

    /// The fields a form shows for a mode on a provider (and model), in order. A Gemini Omni
    /// extension takes the seconds it adds (Veo's is a fixed 7 s), so it shows Duration.
    public func formFields(mode: GenerationMode, provider: String, model: String? = nil) -> [FormFieldEntry] {
        let rulesAs = self.provider(provider)?.rulesAs ?? provider
        let shown = formFields.filter { $0.applies(mode: mode, rulesProvider: rulesAs) }
        guard mode == .extendVideo, let entry = self.provider(provider),
              usesInteractions(model: model ?? defaultModel(provider: entry, mode: mode), provider: provider) else { return shown }
        return formFields.filter { $0.id == "durationSeconds" || shown.contains($0) }
    }

    private static let builtInFields: [FormFieldEntry] = (try? builtIn().document.fields ?? []) ?? []

    /// The model entry for an id or alias, case-insensitively. With a provider, that provider's own
    /// ids win (a gateway may give a family's alias to another family: `veo3.1` is 3.1 Fast on one).
    public func model(matching id: String, provider: String? = nil) -> ModelEntry? {
        let lowered = id.lowercased()
        if let rulesAs = provider.map({ self.provider($0)?.rulesAs ?? $0 }),
           let own = document.models.first(where: { $0.ids[rulesAs]?.lowercased() == lowered }) {
            return own
        }
        return document.models.first { entry in
            entry.aliases.contains(lowered) || entry.ids.values.contains { $0.lowercased() == lowered }
        }
    }

    /// The id to send for a model on a provider: an id of another provider is mapped to this
    /// provider's own (e.g. `veo-3.1-generate-001` → `veo-3.1-generate-preview` on the Gemini API).
    public func wireModelID(for requested: String, provider: ProviderEntry) -> (id: String, mappedFrom: String?) {
        guard let entry = model(matching: requested, provider: provider.id),
              let own = entry.ids[provider.rulesAs] else { return (requested, nil) }
        let lowered = requested.lowercased()
        if own.lowercased() == lowered { return (own, nil) }
        if entry.ids.values.contains(where: { $0.lowercased() == lowered }) { return (own, requested) }
        if entry.aliases.contains(lowered) { return (own, nil) }
        return (requested, nil)
    }

    /// The default model for a provider: the first model that offers the mode there, else its first
    /// model (the mode is then refused in its own words, not as another provider's id).
    public func defaultModel(provider: ProviderEntry, mode: GenerationMode) -> String {
        if let preferred = provider.defaultModel,
           let entry = model(matching: preferred, provider: provider.id), (entry.modes[provider.rulesAs] ?? []).contains(mode) {
            return entry.ids[provider.rulesAs] ?? preferred
        }
        let offering = document.models.first { ($0.modes[provider.rulesAs] ?? []).contains(mode) }
        let any = document.models.first { $0.ids[provider.rulesAs] != nil }
        return (offering ?? any)?.ids[provider.rulesAs] ?? "veo-3.1-generate-preview"
    }

    /// True when a model id is reached through the Interactions API (Gemini Omni) on a provider.
    public func usesInteractions(model id: String, provider: String) -> Bool {
        model(matching: id, provider: provider)?.usesInteractions ?? false
    }

    /// The lifecycle entry of a model on a provider, if the registry knows one.
    public func lifecycle(of model: ModelEntry, provider: ProviderEntry) -> LifecycleEntry? {
        model.lifecycle.first { $0.provider == provider.id }
    }

    /// The safety category named by a support code, if known.
    public func safetyCategory(code: String) -> SafetyCategoryEntry? {
        document.safetyCategories.first { $0.codes.contains(code) }
    }
}
