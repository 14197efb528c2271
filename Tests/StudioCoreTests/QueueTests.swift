import Foundation
import Testing
@testable import StudioCore

/// The studio's queue in the journal: order, holds, limits, and one taker per job.
struct QueueTests {
    static let noLimits: @Sendable (String) -> ProviderLimits = { _ in .none }

    static func enqueue(_ harness: ServiceHarness, _ prompt: String, priority: Int = 0, batch: String? = nil) throws -> Int64 {
        let prepared = harness.prepare(prompt: prompt)
        #expect(prepared.report.isValid, "\(prepared.report.errors.map(\.line))")
        let record = try harness.service.enqueue(prepared, priority: priority, batchID: batch)
        #expect(record.status == .waiting)
        return try #require(record.id)
    }

    @Test func waitingJobsGoByPriorityThenAgeAndAPausedOneHasNoPlace() async throws {
        let harness = try ServiceHarness()
        let first = try Self.enqueue(harness, "first")
        await harness.clock.advance(by: 1)
        let second = try Self.enqueue(harness, "second")
        await harness.clock.advance(by: 1)
        let urgent = try Self.enqueue(harness, "urgent", priority: 5)
        #expect(try harness.journal.queue().map(\.record.id) == [urgent, first, second])
        try harness.journal.setQueuePaused(urgent, true, at: harness.clock.now())
        try harness.journal.moveToFront(second, at: harness.clock.now())
        let queue = try harness.journal.queue()
        #expect(queue.map(\.record.id) == [second, urgent, first], "the front is above every priority")
        #expect(queue.map(\.position) == [1, nil, 2], "a paused job keeps its place, without a position")
        #expect(queue[1].entry.reason == "paused")
        #expect(try harness.journal.removeFromQueue(first, at: harness.clock.now()))
        let removed = try #require(try harness.journal.generation(first))
        #expect(removed.status == .cancelled && removed.errorCode == "queue.removed")
        #expect(Charge(record: removed, samplesAsked: 1, videosMade: 0) == .notCharged("removed from the queue before it was sent"))
        #expect(try !harness.journal.removeFromQueue(first, at: harness.clock.now()), "only a waiting job can be removed")
    }

    @Test func aProviderAtItsRequestsAMinuteHoldsItsJobsUntilTheMinutePasses() async throws {
        let harness = try ServiceHarness()
        let ids = try (0..<3).map { try Self.enqueue(harness, "shot \($0)") }
        let limits: (String) -> ProviderLimits = { _ in ProviderLimits(requestsPerMinute: 2) }
        var taken: [Int64] = []
        for _ in 0..<3 {
            let pick = try harness.journal.takeNextWaiting(owner: harness.service.owner, now: harness.clock.now(),
                                                           leaseUntil: harness.clock.now().addingTimeInterval(60), limits: limits)
            guard let record = pick.record, let id = record.id else {
                #expect(pick.waiting == 1)
                break
            }
            taken.append(id)
            try harness.journal.recordSubmitted(id, operation: "op\(id)", request: "{}", at: harness.clock.now())
        }
        #expect(taken == Array(ids.prefix(2)), "two a minute")
        let held = try #require(try harness.journal.queue().first)
        #expect(held.entry.reason == "quota: 2 requests a minute")
        let pick = try harness.journal.takeNextWaiting(owner: harness.service.owner, now: harness.clock.now(),
                                                       leaseUntil: harness.clock.now(), limits: limits)
        #expect(pick.wakeAt == harness.clock.now().addingTimeInterval(60), "it may go when the oldest request is a minute old")
        await harness.clock.advance(by: 60)
        let later = try harness.journal.takeNextWaiting(owner: harness.service.owner, now: harness.clock.now(),
                                                        leaseUntil: harness.clock.now(), limits: limits)
        #expect(later.record?.id == ids[2])
    }

    @Test func jobsAtOnceHoldTheQueueUntilOneEnds() throws {
        let harness = try ServiceHarness()
        let ids = try (0..<2).map { try Self.enqueue(harness, "shot \($0)") }
        let limits: (String) -> ProviderLimits = { _ in ProviderLimits(maxRunning: 1) }
        let now = harness.clock.now()
        let first = try harness.journal.takeNextWaiting(owner: harness.service.owner, now: now, leaseUntil: now, limits: limits)
        #expect(first.record?.id == ids[0])
        try harness.journal.recordSubmitted(ids[0], operation: "op", request: "{}", at: now)
        let none = try harness.journal.takeNextWaiting(owner: harness.service.owner, now: now, leaseUntil: now, limits: limits)
        #expect(none.record == nil)
        #expect(try harness.journal.queue().first?.entry.reason == "running: 1 of 1 at once")
        try harness.journal.update(ids[0], status: .done, detail: "done", at: now)
        let next = try harness.journal.takeNextWaiting(owner: harness.service.owner, now: now, leaseUntil: now, limits: limits)
        #expect(next.record?.id == ids[1])
    }

    @Test func twoDispatchersNeverTakeTheSameJob() throws {
        let harness = try ServiceHarness()
        let ids = Set(try (0..<12).map { try Self.enqueue(harness, "shot \($0)") })
        let owners = [JobOwner(), JobOwner()]
        var taken: [Int64] = []
        for round in 0..<20 {
            let pick = try harness.journal.takeNextWaiting(owner: owners[round % 2], now: harness.clock.now(),
                                                           leaseUntil: harness.clock.now(), limits: Self.noLimits)
            if let id = pick.record?.id { taken.append(id) }
        }
        #expect(taken.count == 12 && Set(taken) == ids, "each job taken exactly once")
    }

    @Test func a429AtSubmitPutsTheJobBackToWaitAfterRetryAfter() async throws {
        let harness = try ServiceHarness()
        let id = try Self.enqueue(harness, "busy service")
        let provider = ScriptedProvider(submit: [.failure(.http(ServerAnswer(stage: .submit, httpStatus: 429, message: "quota"),
                                                                retryAfterSeconds: 30))],
                                        polls: [ScriptedProvider.running])
        let dispatcher = QueueDispatcher(service: harness.service, limits: Self.noLimits, providerFor: { _ in (provider, 1) })
        let (sent, wakeAt, waiting) = try await dispatcher.dispatchReady()
        #expect(sent.first?.status == .waiting && waiting == 1)
        let entry = try #require(try harness.journal.queueEntry(of: id))
        #expect(entry.reason == "retry: the service answered 429" && entry.attempts == 1)
        #expect(entry.notBefore == harness.clock.now().addingTimeInterval(30), "Retry-After is honoured")
        #expect(wakeAt == entry.notBefore, "the dispatcher looks again when it may go")
        #expect(try harness.journal.otherLiveOwner(of: id, than: JobOwner(), now: harness.clock.now()) == nil, "its lease is given up")
        let again = try await dispatcher.dispatchReady()
        #expect(again.sent.isEmpty && again.wakeAt == entry.notBefore, "not before its time")
    }

    @Test func aProviderThatAnswered429TakesNothingBeforeItsRetryAfter() async throws {
        let harness = try ServiceHarness()
        let ids = try (0..<3).map { try Self.enqueue(harness, "shot \($0)") }
        let provider = ScriptedProvider(submit: [.failure(.http(ServerAnswer(stage: .submit, httpStatus: 429, message: "quota"),
                                                                retryAfterSeconds: 30)), .success("models/veo-3.1-generate-preview/operations/op1")],
                                        polls: [ScriptedProvider.running])
        let dispatcher = QueueDispatcher(service: harness.service, limits: Self.noLimits, providerFor: { _ in (provider, 1) })
        let first = try await dispatcher.dispatchReady()
        #expect(first.sent.count == 1 && provider.submits == 1, "one refused; the others are not tried against a refusing service")
        #expect(try harness.journal.queue().map(\.entry.reason) == Array(repeating: Journal.refusedReason, count: 3))
        await harness.clock.advance(by: 30)
        let later = try await dispatcher.dispatchReady()
        #expect(later.sent.compactMap(\.id) == ids, "after Retry-After all go, in order")
    }

    @Test func theDispatcherSendsAndFollowsEveryJobToItsEnd() async throws {
        let harness = try ServiceHarness(policy: TrackerPolicy(backoffBaseSeconds: 0.01, backoffMaxSeconds: 0.05))
        let ids = try (0..<3).map { try Self.enqueue(harness, "shot \($0)") }
        let provider = ScriptedProvider(polls: [ScriptedProvider.done()])
        let dispatcher = QueueDispatcher(service: harness.service, limits: Self.noLimits, providerFor: { _ in (provider, 1) })
        let (ended, _) = try await harness.drive { try await dispatcher.run(follow: true) }
        #expect(ended.map(\.id) == ids && ended.allSatisfy { $0.status == .done }, "\(ended.map(\.status))")
        #expect(provider.submits == 3)
        #expect(try harness.journal.queue().isEmpty)
        #expect(try harness.journal.queueEntry(of: ids[0])?.dispatchedAt != nil, "the entry stays, with when it was sent")
        let leases = try await harness.journal.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job_lease") }
        #expect(leases == 0, "the write that ends a job done gives its lease up: nothing stays held")
    }

    @Test func aJobTheDispatcherSendsIsLeasedUntilItsTrackingEnds() async throws {
        let harness = try ServiceHarness(policy: TrackerPolicy(backoffBaseSeconds: 0.01, backoffMaxSeconds: 0.05))
        let id = try Self.enqueue(harness, "held")
        let provider = ScriptedProvider(polls: [ScriptedProvider.running, ScriptedProvider.done()])
        let dispatcher = QueueDispatcher(service: harness.service, limits: Self.noLimits, providerFor: { _ in (provider, 1) })
        let (sent, _, _) = try await dispatcher.dispatchReady(keepLeases: true)
        #expect(sent.map(\.status) == [.queued])
        let other = JobOwner()
        #expect(try harness.journal.otherLiveOwner(of: id, than: other, now: harness.clock.now()) == getpid(),
                "kept for the tracker that follows: no other process takes the job between send and track")
        let (ended, _) = try await harness.drive {
            try await harness.service.track(id, provider: provider, leased: true)
        }
        #expect(ended.status == .done && ended.pollCount == 2)
        #expect(try harness.journal.otherLiveOwner(of: id, than: other, now: harness.clock.now()) == nil)
        let events = try harness.journal.events(of: id).map(\.status)
        #expect(events.filter { $0 == .running }.count == 1, "running is written once: \(events)")
    }
}
