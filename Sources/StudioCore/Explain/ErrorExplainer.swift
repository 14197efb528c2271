import Foundation

/// The one place server answers are explained: known messages (registry data) → cause + fix,
/// HTTP statuses as a fallback, safety support codes → category.
public struct ErrorExplainer: Sendable {
    public let registry: CapabilityRegistry

    public init(registry: CapabilityRegistry) { self.registry = registry }

    public func explain(_ answer: ServerAnswer, spec: GenerationSpec? = nil) -> Explanation {
        let retryable = Self.isRetryable(answer)
        if let entry = registry.document.explanations.first(where: { answer.message.localizedCaseInsensitiveContains($0.match) }) {
            let causes = entry.code == "server.use_case_not_supported" ? likelyCauses(spec) : []
            return Explanation(code: entry.code, cause: entry.cause, fix: entry.fix, likelyCauses: causes,
                               retryable: retryable, source: "\(entry.source), \(entry.as_of)")
        }
        if let status = answer.httpStatus {
            let entry = registry.document.statusExplanations.first { $0.status == status }
                ?? registry.document.statusExplanations.first { $0.status == (status >= 500 ? 500 : 400) }
            if let entry {
                return Explanation(code: entry.code, cause: entry.cause, fix: entry.fix, likelyCauses: [],
                                   retryable: retryable, source: nil)
            }
        }
        if answer.rpcCode == 7 {
            return Explanation(code: "server.permission_denied", cause: "the service lacks a permission it needs",
                               fix: "check the project's and the bucket's permissions", likelyCauses: [],
                               retryable: false, source: nil)
        }
        return Explanation(code: "server.unexplained", cause: "the service refused with a message the studio does not know yet",
                           fix: retryable ? "it may pass on a retry (the same parameters again); if it repeats, read the message and check the service's status page"
                               : "read the message; if it repeats, add it to rules.json (explanations)",
                           likelyCauses: [], retryable: retryable, source: nil)
    }

    /// The safety categories named by support codes in filter reasons.
    public func explainSafety(reasons: [String]) -> [SafetyFinding] {
        reasons.map { reason in
            let codes = Self.supportCodes(in: reason)
            let entry = codes.lazy.compactMap { registry.safetyCategory(code: $0) }.first
            return SafetyFinding(reason: reason, supportCodes: codes, category: entry?.category ?? "Unspecified",
                                 advice: entry?.advice ?? "rephrase the prompt or change the inputs; filtered videos are not charged")
        }
    }

    /// 8-digit support codes found in a reason text.
    static func supportCodes(in text: String) -> [String] {
        var codes: [String] = []
        var digits = ""
        for character in text + " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                if digits.count == 8 { codes.append(digits) }
                digits = ""
            }
        }
        return codes
    }

    static func isRetryable(_ answer: ServerAnswer) -> Bool {
        guard let status = answer.httpStatus else { return false }
        return status == 429 || status == 408 || status >= 500
    }

    /// The parts of a request that the service is known to refuse with "use case not supported".
    private func likelyCauses(_ spec: GenerationSpec?) -> [String] {
        guard let spec else { return ["an unsupported combination of mode, model and parameters, or no access to this feature"] }
        var causes: [String] = []
        let model = registry.model(matching: spec.model, provider: spec.provider)
        let family = model?.family ?? ""
        if spec.mode == .referenceImages {
            if spec.effective.aspectRatio != "16:9" { causes.append("reference images with \(spec.effective.aspectRatio) (16:9 only)") }
            if family != "veo-3.1" { causes.append("reference images on \(model?.name ?? spec.model) (Veo 3.1 Standard only)") }
            if spec.references.contains(where: { $0.kind == .style }) { causes.append("a style reference image (not on Veo 3.1)") }
        }
        if spec.mode == .firstLastFrame, ["veo-3.0", "veo-3.0-fast", "veo-2.0", "veo-3.1-lite"].contains(family) {
            causes.append("a last frame on \(model?.name ?? spec.model)")
        }
        if spec.effective.resolution == "4k", family != "veo-3.1", family != "veo-3.1-fast" {
            causes.append("4k on \(model?.name ?? spec.model)")
        }
        if let model, let provider = registry.provider(spec.provider),
           let life = registry.lifecycle(of: model, provider: provider), life.status == .shut_down {
            causes.append("\(model.name) was \(life.note)")
        }
        causes.append("your project may not have access to this feature yet (the same answer is used for access limits)")
        return causes
    }
}
