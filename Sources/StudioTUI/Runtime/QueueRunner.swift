import Foundation
import StudioCore

/// The queue's dispatcher while the studio is open: sends waiting jobs as each provider's limits
/// allow and hands each sent job to the tracker. It looks again when a held job may go, after a
/// second at most (a job ended, another process queued one), or at once when nudged.
@MainActor
final class QueueRunner {
    private let dispatcher: QueueDispatcher
    private let tracker: JobTracker
    private var nudged = false
    private var task: Task<Void, Never>?

    init(service: GenerationService, providers: ProviderPool, limits: @escaping @Sendable (String) -> ProviderLimits,
         tracker: JobTracker) {
        dispatcher = QueueDispatcher(service: service, limits: limits, providerFor: { record in
            let ready = try await providers.provider(record.provider, endpoint: record.endpoint)
            return (ready.provider, ready.latencyScale)
        })
        self.tracker = tracker
    }

    func start() {
        guard task == nil else { return }
        let dispatcher = self.dispatcher
        task = Task { [weak self] in
            while !Task.isCancelled {
                let result = try? await dispatcher.dispatchReady()
                for record in result?.sent ?? [] where record.status.isActive {
                    if let id = record.id { self?.tracker.track(id, provider: record.provider, endpoint: record.endpoint) }
                }
                let untilHeld = result?.wakeAt.map { $0.timeIntervalSinceNow } ?? 1
                // Whichever comes first: the pause, or a nudge (a job queued or released here).
                let steps = Int((max(0.05, min(1, untilHeld)) / 0.05).rounded(.up))
                for _ in 0..<steps where !(self?.nudged ?? true) {
                    try? await Task.sleep(nanoseconds: 50_000_000)
                }
                self?.nudged = false
            }
        }
    }

    /// Looks at the queue now.
    func nudge() { nudged = true }

    func stop() {
        task?.cancel()
        task = nil
    }
}
