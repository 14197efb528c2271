import Foundation

/// Follows a storyboard to its end: queues what can go (`StoryboardRunner.advance`), lets the queue's
/// dispatcher send it under each provider's limits, follows the board's jobs already at the service
/// (after a restart), and goes round again until every shot has its video or one cannot get one.
public struct StoryboardDriver: Sendable {
    public let runner: StoryboardRunner
    public let dispatcher: QueueDispatcher

    public init(runner: StoryboardRunner, dispatcher: QueueDispatcher) {
        self.runner = runner
        self.dispatcher = dispatcher
    }

    /// Runs the board until it is settled; `onChange` hears each state and each job's events.
    public func run(_ id: String, onChange: @escaping @Sendable (StoryboardState) -> Void = { _ in },
                    onEvent: @escaping @Sendable (TrackingEvent) -> Void = { _ in }) async throws -> StoryboardState {
        let service = runner.service
        var unchangedRounds = 0
        var last: [String] = []
        while true {
            let state = try runner.advance(id)
            onChange(state)
            if state.isSettled { return state }
            let statuses = state.shots.flatMap { $0.takes.map { "\($0.row.id ?? 0):\($0.job?.status.rawValue ?? $0.row.note ?? "-")" } }
            unchangedRounds = statuses == last ? unchangedRounds + 1 : 0
            last = statuses
            let atService = state.shots.flatMap(\.takes).compactMap(\.job).filter { $0.status.isActive }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await dispatcher.run(follow: true, onEvent: onEvent) }
                for job in atService {
                    guard let jobID = job.id else { continue }
                    group.addTask {
                        let (provider, scale) = try await dispatcher.providerFor(job)
                        _ = try await service.track(jobID, provider: provider, latencyScale: scale, onEvent: onEvent)
                    }
                }
                try await group.waitForAll()
            }
            // Another process may hold a job (its lease): look again after a pause rather than spin.
            if unchangedRounds > 0 { try await service.clock.sleep(for: min(10, dispatcher.idleLook * Double(unchangedRounds))) }
        }
    }
}
