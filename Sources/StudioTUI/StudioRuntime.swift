import Foundation
import Synchronization
import StudioCore
import TermUI

/// Runs the studio: keys, ticks and journal answers become messages for `StudioUpdate`, effects
/// are carried out here, and every change is drawn through the backend. Unfinished jobs are
/// tracked in the background from the start; the screens only watch the journal.
@MainActor
public final class StudioRuntime {
    /// What the runtime needs from the rest of the program.
    public struct Dependencies {
        public var service: GenerationService
        public var providerName: String
        public var synthetic: Bool
        /// A provider (and its latency scale) for a provider id, started on demand.
        public var provider: @Sendable (String) async throws -> (VideoProvider, Double)
        /// How much faster than the real service a provider runs (the sandbox), for ETAs.
        public var latencyScale: @Sendable (String) -> Double
        /// True once the program was asked to stop (a signal).
        public var shouldStop: @Sendable () -> Bool

        public init(service: GenerationService, providerName: String, synthetic: Bool,
                    provider: @escaping @Sendable (String) async throws -> (VideoProvider, Double),
                    latencyScale: @escaping @Sendable (String) -> Double, shouldStop: @escaping @Sendable () -> Bool) {
            self.service = service
            self.providerName = providerName
            self.synthetic = synthetic
            self.provider = provider
            self.latencyScale = latencyScale
            self.shouldStop = shouldStop
        }
    }

    /// Rows History loads per query (newest first); enough to scroll, cheap enough to query per keystroke.
    public nonisolated static let historyPage = 200

    let backend: TerminalBackend
    let dependencies: Dependencies
    private var model = AppModel()
    private var tracking: Task<Void, Never>?
    /// A provider the background tracker could not reach (no key, no network), shown once as a toast.
    private let trackingProblem = ProblemBox()

    public init(backend: TerminalBackend, dependencies: Dependencies) {
        self.backend = backend
        self.dependencies = dependencies
    }

    /// Runs until the user quits or a signal arrives; the terminal is restored on every way out.
    public func run() async {
        backend.start()
        defer {
            tracking?.cancel()
            backend.stop()
        }
        model.size = backend.refreshSize()
        model.providerName = dependencies.providerName
        model.synthetic = dependencies.synthetic
        startTracking()
        var lastRefresh = Date.distantPast
        var dirty = true
        while !dependencies.shouldStop() {
            while let key = backend.readKey() {
                let message: StudioMessage = key == .resize ? .resized(backend.refreshSize()) : .key(key)
                if perform(StudioUpdate.apply(message, to: &model)) { return }
                dirty = true
            }
            let now = Date()
            if now.timeIntervalSince(lastRefresh) >= 0.25 {
                lastRefresh = now
                _ = StudioUpdate.apply(.tick(now), to: &model)
                _ = StudioUpdate.apply(.operationsChanged(activeJobs()), to: &model)
                if let problem = trackingProblem.message.withLock({ value -> String? in defer { value = nil }; return value }) {
                    model.toast = problem
                }
                dirty = true
            }
            if dirty {
                backend.draw(StudioView.render(model, latency: latency), cursor: nil)
                dirty = false
            }
            try? await Task.sleep(nanoseconds: 15_000_000)
        }
    }

    /// Carries out effects; returns true when the studio should end.
    private func perform(_ effects: [StudioEffect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit: return true
            case .searchHistory(let text):
                let journal = dependencies.service.journal
                let rows = (try? text.isEmpty ? journal.newest(limit: StudioRuntime.historyPage) : journal.search(text, limit: StudioRuntime.historyPage)) ?? []
                _ = StudioUpdate.apply(.historyLoaded(rows), to: &model)
            case .loadDetail(let id):
                _ = StudioUpdate.apply(.detailLoaded(GenerationDetail.load(id, journal: dependencies.service.journal)), to: &model)
            }
        }
        return false
    }

    private func activeJobs() -> [GenerationRecord] {
        let journal = dependencies.service.journal
        return ((try? journal.unfinished()) ?? []) + ((try? journal.unknownWithOperation()) ?? [])
    }

    private func latency(_ record: GenerationRecord) -> LatencyModel? {
        dependencies.service.latencyModel(provider: record.provider, model: record.model,
                                          latencyScale: dependencies.latencyScale(record.provider))
    }

    /// Resumes every unfinished job in the background (what an earlier run left behind).
    private func startTracking() {
        let service = dependencies.service
        let provider = dependencies.provider
        let unfinished = activeJobs()
        let problem = trackingProblem
        tracking = Task.detached {
            var providers: [String: (VideoProvider, Double)] = [:]
            for record in unfinished where providers[record.provider] == nil {
                do {
                    providers[record.provider] = try await provider(record.provider)
                } catch {
                    problem.message.withLock { $0 = "jobs on \(record.provider) are not tracked: \(error)" }
                }
            }
            let ready = providers
            _ = try? await service.resumeAll(providerFor: { ready[$0] })
        }
    }
}

/// A message handed from the background tracker to the screen.
final class ProblemBox: Sendable {
    let message = Mutex<String?>(nil)
}
