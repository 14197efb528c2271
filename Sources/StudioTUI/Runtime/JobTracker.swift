import Foundation
import StudioCore

/// Tracks jobs in the background, one task per job, while the screens watch the journal.
/// A cancel stops the job's task; what the job became is always read from the journal.
@MainActor
final class JobTracker {
    private let service: GenerationService
    private let providers: ProviderPool
    private let inbox: MessageInbox
    private var tasks: [Int64: Task<Void, Never>] = [:]

    init(service: GenerationService, providers: ProviderPool, inbox: MessageInbox) {
        self.service = service
        self.providers = providers
        self.inbox = inbox
    }

    /// Starts tracking a job unless it is tracked already, through the endpoint that accepted it.
    func track(_ id: Int64, provider providerID: String, endpoint: String? = nil) {
        guard tasks[id] == nil else { return }
        let service = self.service
        let providers = self.providers
        let inbox = self.inbox
        tasks[id] = Task.detached {
            do {
                let ready = try await providers.provider(providerID, endpoint: endpoint)
                // How it ended is announced from the journal's reading, with its video.
                _ = try await service.track(id, provider: ready.provider, latencyScale: ready.latencyScale)
            } catch is CancellationError {
            } catch {
                inbox.post(.toast("#\(id) on \(providerID) is not tracked: \(error)"))
            }
            await MainActor.run { [weak self] in _ = self?.tasks.removeValue(forKey: id) }
        }
    }

    func stop(_ id: Int64) {
        tasks.removeValue(forKey: id)?.cancel()
    }

    func stopAll() {
        tasks.values.forEach { $0.cancel() }
        tasks.removeAll()
    }
}
