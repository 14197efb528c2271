import Foundation

extension GenerationService {
    /// A stored generation as a draft again, its inputs pointing at the journal's copies (so a
    /// re-run works after the original files moved). `original` is the draft as first submitted,
    /// for showing a diff in the user's own paths.
    public func parentDraft(of id: Int64) throws -> (record: GenerationRecord, draft: GenerationDraft, original: GenerationDraft) {
        guard let record = try journal.generation(id) else {
            throw StudioError(field: "id", code: "generation.not_found", message: "no generation \(id) in the journal",
                              fix: "list them with veo-studio history")
        }
        let spec: GenerationSpec
        do {
            spec = try record.spec()
        } catch {
            throw StudioError(field: "id", code: "generation.unreadable_spec",
                              message: "generation \(id) has a spec this version cannot read", fix: "make it again from a new draft")
        }
        var draft = spec.draft
        let stored = Dictionary(try journal.assets(of: id).map { ($0.role, $0.asset.storedPath) }, uniquingKeysWith: { a, _ in a })
        if draft.image != nil, let path = stored["image"] { draft.image = path }
        if draft.lastFrame != nil, let path = stored["lastFrame"] { draft.lastFrame = path }
        for index in draft.references.indices {
            if let path = stored["referenceImages[\(index)]"] { draft.references[index].path = path }
        }
        if case .file? = draft.video, let path = stored["video"] { draft.video = .file(path: path) }
        return (record, draft, spec.draft)
    }

    /// A draft extending a finished generation's video (same provider and model).
    public func extensionDraft(of id: Int64, prompt: String? = nil) throws -> GenerationDraft {
        var draft = try draftFollowing(id, prompt: prompt)
        draft.video = .generation(id: id)
        return draft
    }

    /// A new draft on a stored generation's provider and model, with a new prompt.
    func draftFollowing(_ id: Int64, prompt: String?) throws -> GenerationDraft {
        guard let source = try journal.generation(id) else {
            throw StudioError(field: "id", code: "generation.not_found", message: "no generation \(id) in the journal",
                              fix: "list them with veo-studio history")
        }
        var draft = GenerationDraft()
        draft.provider = source.provider
        draft.model = source.model
        draft.prompt = prompt
        return draft
    }

    /// The outcome of a cancel, in words a person can act on.
    public struct CancelOutcome: Sendable, Hashable {
        public var cancelled: Bool
        public var message: String
    }

    /// Stops tracking a job. Veo operations have no cancel call, so a job the service already
    /// took may still finish, and be charged; the outcome says so.
    public func cancel(_ id: Int64) throws -> CancelOutcome {
        guard let record = try journal.generation(id) else {
            return CancelOutcome(cancelled: false, message: "#\(id) is not in the journal")
        }
        let note: String
        var code = "cancelled"
        switch record.status {
        case .waiting:
            let removed = try journal.removeFromQueue(id, at: clock.now())
            return CancelOutcome(cancelled: removed, message: removed ? "#\(id) removed from the queue: nothing was sent, nothing is charged"
                                                                        : "#\(id) was just taken to send; cancel it once it is queued")
        case .submitting:
            return CancelOutcome(cancelled: false, message: "#\(id) is being submitted; cancel it once it is queued")
        case .queued, .running, .unknown:
            note = "the service has no cancel for Veo operations: it may still finish and be charged; the studio stops tracking it"
        case .downloading:
            note = "the video was already generated and is charged; its download stopped (its link expires in 2 days)"
            code = Charge.cancelledAfterVideoCode
        case .done, .failed, .filtered, .cancelled:
            return CancelOutcome(cancelled: false, message: "#\(id) is already \(record.status.rawValue)")
        }
        try journal.update(id, status: .cancelled, detail: "cancelled by the user; \(note)", at: clock.now()) { r in
            r.errorCode = code
            r.errorMessage = "cancelled by the user"
            r.errorExplanation = note
        }
        return CancelOutcome(cancelled: true, message: "#\(id) cancelled: \(note)")
    }
}
