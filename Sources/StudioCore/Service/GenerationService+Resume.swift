import Foundation

extension GenerationService {
    /// A job left in `submitting` by a crash lost its submit answer: it becomes `unknown`
    /// with advice, and is never resubmitted on its own. Returns how many were found.
    @discardableResult
    public func markInterruptedSubmits() throws -> Int {
        // A submit another live process is still making is not interrupted.
        let stuck = try journal.unfinished().filter { record in
            record.status == .submitting && (try? journal.otherLiveOwner(of: record.id ?? 0, than: owner, now: clock.now())) == nil
        }
        for record in stuck {
            guard let id = record.id else { continue }
            try journal.update(id, status: .unknown, detail: "interrupted during submit", at: clock.now()) { r in
                r.errorCode = "submit.interrupted"
                r.errorMessage = "the studio stopped while submitting; the service may or may not have the job"
                r.errorExplanation = "it is not resubmitted on its own — check the provider's console; if no video appears, run veo-studio rerun \(id)"
            }
        }
        return stuck.count
    }

    /// On start: a job stuck in `submitting` lost its submit answer to a crash and becomes
    /// `unknown` (never resubmitted); every other unfinished job is tracked again.
    /// `includeUnknown` also re-polls `unknown` jobs that have an operation name (an explicit `resume`).
    /// `providerFor` gives each job the provider of the endpoint that accepted it (its journaled `endpoint`).
    public func resumeAll(includeUnknown: Bool = false, pollLimit: Int? = nil,
                          providerFor: (GenerationRecord) throws -> (VideoProvider, Double)?,
                          onEvent: @escaping @Sendable (TrackingEvent) -> Void = { _ in }) async throws -> [GenerationRecord] {
        try markInterruptedSubmits()
        var records = try journal.unfinished()
        if includeUnknown {
            records += try journal.unknownWithOperation()
        }
        var jobs: [(Int64, VideoProvider, Double)] = []
        for record in records {
            guard let id = record.id else { continue }
            guard let (provider, scale) = try providerFor(record) else { continue }
            jobs.append((id, provider, scale))
        }
        return try await withThrowingTaskGroup(of: GenerationRecord.self) { group in
            for (id, provider, scale) in jobs {
                group.addTask { try await self.track(id, provider: provider, latencyScale: scale, pollLimit: pollLimit, onEvent: onEvent) }
            }
            var finished: [GenerationRecord] = []
            for try await record in group { finished.append(record) }
            return finished.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        }
    }
}
