import Foundation

extension GenerationService {
    /// The wire protocol a draft goes by: its model's (or the model it defaults to) on its provider.
    func wire(of draft: GenerationDraft, continuation: ContinuationSource?, source: ExtensionSource?) -> WireProtocol? {
        guard let provider = registry.provider(draft.providerID) else { return nil }
        let model = draft.model ?? continuation?.model ?? source?.model ?? registry.defaultModel(provider: provider, mode: draft.mode)
        return registry.wire(model: model, provider: provider.id)
    }

    /// What the journal knows of the generation a refinement continues.
    func continuationSource(for draft: GenerationDraft) -> ContinuationSource? {
        guard let id = draft.continues, let record = try? journal.generation(id) else { return nil }
        let spec = try? record.spec()
        return ContinuationSource(generationID: id, provider: record.provider, model: record.model, status: record.status,
                                  interactionID: record.operationName, durationSeconds: spec?.effective.durationSeconds,
                                  aspectRatio: spec?.effective.aspectRatio, resolution: spec?.effective.resolution)
    }

    /// A draft refining a finished Gemini Omni generation: same provider and model, a short prompt,
    /// sent as a further turn of its interaction (`previous_interaction_id`).
    public func refineDraft(of id: Int64, prompt: String?) throws -> GenerationDraft {
        var draft = try draftFollowing(id, prompt: prompt)
        draft.continues = id
        return draft
    }

    /// The turns of a refinement chain, oldest first, ending with `id`: each generation with the
    /// interaction it continued (nil for the first turn).
    public func refinementChain(of id: Int64) throws -> [(record: GenerationRecord, previousInteraction: String?)] {
        var chain: [(GenerationRecord, String?)] = []
        var next: Int64? = id
        var seen: Set<Int64> = []
        while let current = next, !seen.contains(current), let record = try journal.generation(current) {
            seen.insert(current)
            let previous = record.parentKind == "refine" ? (try? record.spec())?.previousInteraction : nil
            chain.insert((record, previous), at: 0)
            next = record.parentKind == "refine" ? record.parentID : nil
        }
        return chain
    }

    /// Cancels a job on the service when it has a cancel (a Gemini Omni interaction), then stops
    /// tracking it. Without one (Veo), it is the same as `cancel(_:)`.
    public func cancel(_ id: Int64, provider: VideoProvider) async throws -> CancelOutcome {
        guard let record = try journal.generation(id) else {
            return CancelOutcome(cancelled: false, message: "#\(id) is not in the journal")
        }
        guard let operation = record.operationName, [.queued, .running, .unknown].contains(record.status) else {
            return try cancel(id)
        }
        let provider = Self.provider(provider, for: record)
        let stopped: Bool
        do {
            stopped = try await provider.cancel(operation: operation)
        } catch let failure as ProviderFailure {
            return CancelOutcome(cancelled: false,
                                 message: "#\(id) could not be cancelled on the service (\(failure.description)); it is still tracked")
        }
        guard stopped else { return try cancel(id) }
        let note = "the service cancelled the interaction; it makes no video"
        try journal.update(id, status: .cancelled, detail: "cancelled by the user; \(note)", at: clock.now()) { r in
            r.errorCode = Charge.cancelledOnServiceCode
            r.errorMessage = "cancelled by the user"
            r.errorExplanation = note
        }
        return CancelOutcome(cancelled: true, message: "#\(id) cancelled: \(note)")
    }
}
