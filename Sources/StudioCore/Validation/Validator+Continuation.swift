import Foundation

extension Validator {
    /// A refinement needs a finished Gemini Omni generation of the same provider with an interaction id.
    func continuationIssues(draft: GenerationDraft, continuation: ContinuationSource?, provider: ProviderEntry) -> [ValidationIssue] {
        guard let parentID = draft.continues else { return [] }
        guard let continuation else {
            return [ValidationIssue(field: "continues", code: "refine.parent_unknown",
                                    message: "generation \(parentID) is not in the journal",
                                    fix: "list them with veo-studio history, and refine one made with gemini-omni-1.1-flash")]
        }
        var issues: [ValidationIssue] = []
        if !registry.usesInteractions(model: continuation.model, provider: continuation.provider) {
            issues.append(ValidationIssue(field: "continues", code: "refine.parent_not_omni",
                                          message: "generation \(parentID) was made with \(continuation.model), which has no further turns",
                                          fix: "refine a generation made with gemini-omni-1.1-flash, or make one: veo-studio generate --model gemini-omni-1.1-flash"))
        } else if continuation.status != .done {
            issues.append(ValidationIssue(field: "continues", code: "refine.parent_not_done",
                                          message: "generation \(parentID) is \(continuation.status.rawValue); only a finished video can be refined",
                                          fix: "wait for it (veo-studio resume --wait), then refine it"))
        } else if continuation.interactionID == nil {
            issues.append(ValidationIssue(field: "continues", code: "refine.parent_without_interaction",
                                          message: "generation \(parentID) has no interaction id in the journal",
                                          fix: "refine a generation that was submitted and finished"))
        }
        if continuation.provider != provider.id, registry.provider(continuation.provider)?.rulesAs != provider.rulesAs {
            issues.append(ValidationIssue(field: "provider", code: "refine.provider_mismatch",
                                          message: "generation \(parentID) was made on \(continuation.provider); its interaction lives there",
                                          fix: "refine it on \(continuation.provider) (--provider \(continuation.provider))"))
        }
        return issues
    }
}
