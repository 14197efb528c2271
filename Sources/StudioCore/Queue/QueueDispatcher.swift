import Foundation

/// Sends the studio's waiting jobs in order (priority, then age) under each provider's limits, and
/// follows what it sent to the end. The studio runs one while it is open, `veo-studio dispatch` runs
/// one headless; any number may run on one journal: each job is taken in one journal transaction
/// and leased to the dispatcher that took it, so none is sent twice.
public struct QueueDispatcher: Sendable {
    public let service: GenerationService
    /// The limits a provider (by the name its jobs are journaled with) is held to.
    public let limits: @Sendable (String) -> ProviderLimits
    /// The provider that sends a job, and its latency scale.
    public let providerFor: @Sendable (GenerationRecord) async throws -> (VideoProvider, Double)
    /// How long to wait before looking again when nothing is held by time (a job may end, another
    /// process may queue one).
    public var idleLook: Double = 1

    public init(service: GenerationService, limits: @escaping @Sendable (String) -> ProviderLimits,
                providerFor: @escaping @Sendable (GenerationRecord) async throws -> (VideoProvider, Double)) {
        self.service = service
        self.limits = limits
        self.providerFor = providerFor
    }

    /// Sends every job that may go now. Returns what was sent (each as its submit left it), when a
    /// held job may go next, and how many still wait. `keepLeases`: the caller tracks what was sent
    /// at once, in this process, so each sent job stays leased to it.
    public func dispatchReady(keepLeases: Bool = false) async throws -> (sent: [GenerationRecord], wakeAt: Date?, waiting: Int) {
        var sent: [GenerationRecord] = []
        while true {
            let now = service.clock.now()
            let check = BudgetCheck(caps: service.budget)
            let pick = try service.journal.takeNextWaiting(owner: service.owner, now: now, leaseUntil: now.addingTimeInterval(3600),
                                                           limits: limits) { db, job in
                try check.refusal(for: job.record, batchID: job.entry.batchID, in: db, now: now)?.queueReason
            }
            guard let record = pick.record else { return (sent, pick.wakeAt, pick.waiting) }
            do {
                let (provider, _) = try await providerFor(record)
                sent.append(try await service.sendTaken(record, provider: provider, keepLease: keepLeases))
            } catch {
                // The provider cannot be built (a key gone, an unknown name): the job ends failed, explained.
                let problem = error as? StudioError
                if let id = record.id {
                    try service.journal.update(id, status: .failed, detail: "not sent: \(problem?.message ?? "\(error)")",
                                               at: service.clock.now()) { r in
                        r.errorCode = problem?.code ?? "dispatch.provider"
                        r.errorMessage = problem?.message ?? "\(error)"
                        r.errorExplanation = "nothing was sent: \(problem?.fix ?? "check the provider's configuration")"
                    }
                    try? service.journal.release(id, by: service.owner)
                }
            }
        }
    }

    /// Runs until nothing waits (a paused job does not keep it running) and, with `follow`, every job
    /// it sent has ended. Returns the jobs it sent, as they ended (or as their submit left them).
    public func run(follow: Bool, onSent: @escaping @Sendable (GenerationRecord) -> Void = { _ in },
                    onEvent: @escaping @Sendable (TrackingEvent) -> Void = { _ in }) async throws -> [GenerationRecord] {
        let results = LockedBox<[Int64: GenerationRecord]>([:])
        let following = LockedBox(0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            while true {
                let (sent, wakeAt, _) = try await dispatchReady(keepLeases: follow)
                for record in sent {
                    guard let id = record.id else { continue }
                    onSent(record)
                    results.withLock { $0[id] = record }
                    guard follow, record.status.isActive else { continue }
                    following.withLock { $0 += 1 }
                    group.addTask {
                        defer { following.withLock { $0 -= 1 } }
                        let (provider, scale) = try await providerFor(record)
                        let ended = try await service.track(id, provider: provider, latencyScale: scale, leased: true, onEvent: onEvent)
                        results.withLock { $0[id] = ended }
                    }
                }
                // Done sending when no job that could ever go is left: a paused one waits for a person,
                // one over a budget cap for more money (once nothing of ours is in flight to end).
                let open = try service.journal.queue().filter { !$0.entry.paused }
                let onlyOverBudget = open.allSatisfy { $0.entry.reason?.hasPrefix("budget") == true }
                if open.isEmpty || (sent.isEmpty && wakeAt == nil && onlyOverBudget && following.withLock({ $0 }) == 0) { break }
                let now = service.clock.now()
                let untilHeld = wakeAt.map { $0.timeIntervalSince(now) } ?? idleLook
                try await service.clock.sleep(for: max(0.001, min(idleLook, untilHeld)))
            }
            try await group.waitForAll()
        }
        return results.withLock { $0.values.sorted { ($0.id ?? 0) < ($1.id ?? 0) } }
    }
}
