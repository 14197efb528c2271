/// Every provider of the registry × each protocol its models take there (Veo, and Gemini Omni
/// with each delivery the provider accepts): the list the proofs iterate, so a provider or a
/// protocol added to the registry is in every proof by itself (`veo-studio providers --json`).
public struct ProviderMatrix: Sendable {
    /// One case: a provider, the model family and delivery a proof's job asks for, and what such a job needs.
    public struct Case: Sendable, Hashable, Codable {
        /// A name for reports: the provider, with `-omni` (inline) or `-omni-uri` for Gemini Omni.
        public var label: String
        /// The provider on the service (`gemini`) and on the sandbox (`sandbox`).
        public var provider: String
        public var sandbox: String?
        /// The protocol the job goes through.
        public var wire: String
        /// The model asked for: the provider's own protocol's first model, or Gemini Omni's.
        public var model: String
        /// Gemini Omni's delivery (`inline`, `uri`), nil for Veo.
        public var delivery: String?
        /// A job needs an ingredient (the model takes no text alone).
        public var needsReference: Bool
        /// The most samples the case takes in one request (up to 2), with no warning against them.
        public var samples: Int
        /// Where the provider's key is looked for.
        public var keyVariables: [String]
        /// The submit lasts the whole generation (no operation to poll).
        public var synchronous: Bool
    }

    public let cases: [Case]

    public init(registry: CapabilityRegistry, prices: PriceTable) {
        let validator = Validator(registry: registry, prices: prices)
        cases = registry.providers.flatMap { entry -> [Case] in
            let served = registry.document.models.filter { $0.ids[entry.rulesAs] != nil && $0.lifecycle.allSatisfy { $0.refuse != true } }
            let plugin = ProviderPlugins.plugin(registryWire: entry.wire)
            var found: [Case] = []
            func add(_ model: ModelEntry, delivery: String?) {
                guard let id = model.ids[entry.rulesAs] else { return }
                var draft = GenerationDraft()
                draft.provider = entry.id
                draft.prompt = "a lighthouse"
                draft.model = id
                draft.delivery = delivery
                let textAlone = (model.modes[entry.rulesAs] ?? []).contains(.textToVideo)
                if !textAlone { draft.references = [ReferenceImageInput(path: "https://example.com/ref.png")] }
                guard validator.validate(draft).isValid else { return }
                draft.sampleCount = 2
                // Two samples only where nothing is said against them (a relay whose answer carries one video warns).
                let twoSamples = validator.validate(draft).issues.allSatisfy { $0.field != "sampleCount" }
                let label = entry.id + (model.usesInteractions ? (delivery == "uri" ? "-omni-uri" : "-omni") : "")
                found.append(Case(label: label, provider: entry.id, sandbox: entry.sandbox?.id,
                                  wire: registry.wire(model: id, provider: entry.id).rawValue, model: id, delivery: delivery,
                                  needsReference: !textAlone, samples: twoSamples ? 2 : 1,
                                  keyVariables: plugin?.credentialVariables(providerID: entry.id) ?? [],
                                  synchronous: plugin?.submitIsWholeGeneration ?? false))
            }
            if let veo = served.first(where: { !$0.usesInteractions }) { add(veo, delivery: nil) }
            if let omni = served.first(where: \.usesInteractions) {
                add(omni, delivery: "inline")
                add(omni, delivery: "uri")
            }
            return found
        }
    }
}
