import Foundation
@testable import StudioCore

/// Every provider of the registry × each protocol its models take there, on its sandbox — the
/// list the proofs iterate, so a provider or a protocol added to the registry is in every proof
/// by itself. `sandbox/omni-inline` names Gemini Omni on the Gemini API's sandbox with inline delivery.
enum ProviderMatrix {
    static func cases(_ registry: CapabilityRegistry = Fixtures.registry) -> [String] {
        registry.providers.flatMap { entry -> [String] in
            guard let name = entry.sandbox?.id else { return [] }
            let served = registry.document.models.filter { $0.ids[entry.rulesAs] != nil }
            var names = served.contains { !$0.usesInteractions } ? [name] : []
            if let omni = served.first(where: { $0.usesInteractions && $0.lifecycle.allSatisfy { $0.refuse != true } }) {
                // Each delivery the provider takes (Vertex AI's uri delivery needs a bucket the studio does not set).
                names += ["inline", "uri"].filter { delivery in
                    var draft = GenerationDraft()
                    draft.provider = name
                    draft.prompt = "a lighthouse"
                    draft.model = omni.ids[entry.rulesAs]
                    draft.delivery = delivery
                    return Validator(registry: registry, prices: Fixtures.prices).validate(draft).isValid
                }.map { "\(name)/omni-\($0)" }
            }
            return names
        }
    }

    /// The provider name and, for Gemini Omni, the delivery a case names.
    static func parse(_ name: String) -> (provider: String, omniDelivery: String?) {
        let parts = name.split(separator: "/").map(String.init)
        return (parts[0], parts.dropFirst().first.map { String($0.dropFirst("omni-".count)) })
    }
}
