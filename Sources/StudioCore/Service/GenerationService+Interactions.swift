import Foundation

extension GenerationService {
    /// True when the draft's model (or the model it defaults to) is reached through the Interactions API.
    func usesInteractions(_ draft: GenerationDraft, continuation: ContinuationSource?, source: ExtensionSource?) -> Bool {
        guard let provider = registry.provider(draft.providerID) else { return false }
        let model = draft.model ?? continuation?.model ?? source?.model ?? registry.defaultModel(provider: provider, mode: draft.mode)
        return registry.usesInteractions(model: model, provider: provider.id)
    }

    /// What Gemini Omni needs before validation: an earlier generation's video is sent from its local
    /// file (an inline output has no URI the service reads back), and every input video is measured
    /// (edit sources must be under 10 s, reference videos at most 3 s); without ffprobe, a warning
    /// says which length was not checked.
    func prepareInteractionsInputs(_ draft: GenerationDraft, media: inout [String: LoadedMedia],
                                   loadIssues: inout [ValidationIssue], source: inout ExtensionSource?) {
        if case .generation(let id) = draft.video {
            source?.remoteURI = nil
            if media["video"] == nil, let path = (try? journal.outputs(of: id))?.first(where: { $0.path != nil })?.path,
               case .success(let file) = InputLoader().read(path) {
                media["video"] = file
            }
        }
        var unmeasured: Set<String> = []
        for (field, file) in media where (field == "video" || field.hasPrefix("referenceVideos[")) && file.isMP4 {
            media[field]?.seconds = Self.probe(file)?.seconds
            // An earlier generation's length is known from the journal (`source`).
            if media[field]?.seconds == nil, field != "video" || source == nil { unmeasured.insert(field) }
        }
        if unmeasured.contains("video") {
            loadIssues.append(Self.unmeasured(field: "video", code: "video.unmeasured", "the video's length was not checked",
                                              check: "make sure an edit's source is under 10 s"))
        }
        if unmeasured.contains(where: { $0.hasPrefix("referenceVideos[") }) {
            loadIssues.append(Self.unmeasured(field: "referenceVideos", code: "reference_videos.unmeasured",
                                              "the reference videos' lengths were not checked",
                                              check: "make sure each reference video is at most 3 s"))
        }
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
