import Foundation
import Testing
@testable import StudioCore

/// Two processes on one home: a job has one owner at a time, a submit still in flight elsewhere is
/// not called interrupted, and a job whose owner died is taken over.
struct JobOwnershipTests {
    static func journalFile() -> (TemporaryFolder, URL) {
        let folder = TemporaryFolder()
        return (folder, folder.url.appendingPathComponent("journal.sqlite"))
    }

    static func record(_ journal: Journal, status: JobStatus) throws -> Int64 {
        let now = Date()
        var record = GenerationRecord(createdAt: now, updatedAt: now, provider: "sandbox", model: "veo-3.1-generate-preview",
                                      mode: .textToVideo, status: .submitting, prompt: "owned", specJSON: "{}")
        record = try journal.recordNewGeneration(record, assets: [])
        let id = try #require(record.id)
        if status != .submitting {
            try journal.recordSubmitted(id, operation: "models/m/operations/o", request: "{}", at: now)
        }
        return id
    }

    @Test func oneOwnerAtATimeAcrossTwoJournalsOnOneFile() throws {
        let (folder, file) = Self.journalFile()
        _ = folder
        let first = try Journal.open(at: file)
        let second = try Journal.open(at: file)
        let id = try Self.record(first, status: .queued)
        let now = Date()
        let a = JobOwner(), b = JobOwner()
        #expect(try first.claim(id, for: a, until: now.addingTimeInterval(60), now: now).claimed)
        let refused = try second.claim(id, for: b, until: now.addingTimeInterval(60), now: now)
        #expect(!refused.claimed && refused.holderPID == getpid(), "a live owner keeps the job")
        #expect(try second.otherLiveOwner(of: id, than: b, now: now) == getpid())
        #expect(try first.claim(id, for: a, until: now.addingTimeInterval(120), now: now).claimed, "the owner renews")
        #expect(try second.claim(id, for: b, until: now.addingTimeInterval(60), now: now.addingTimeInterval(121)).claimed,
                "a lapsed lease is taken over")
        try second.release(id, by: b)
        #expect(try first.otherLiveOwner(of: id, than: a, now: now) == nil)
    }

    @Test func aDeadOwnersJobIsTakenOverAtOnce() throws {
        let journal = try Journal.inMemory()
        let id = try Self.record(journal, status: .queued)
        let now = Date()
        // A process that has exited: spawn one and wait for it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        let dead = JobOwner(pid: process.processIdentifier)
        #expect(try journal.claim(id, for: dead, until: now.addingTimeInterval(3600), now: now).claimed)
        let heir = JobOwner()
        #expect(try journal.claim(id, for: heir, until: now.addingTimeInterval(60), now: now).claimed,
                "the holder's process is gone, so its lease does not stand")
    }

    @Test func aSubmitInFlightElsewhereIsNotCalledInterrupted() throws {
        let journal = try Journal.inMemory()
        let id = try Self.record(journal, status: .submitting)
        let service = GenerationService(journal: journal, registry: Fixtures.registry, prices: Fixtures.prices,
                                        assets: AssetStore(root: FileManager.default.temporaryDirectory), mediaRoot: FileManager.default.temporaryDirectory)
        let elsewhere = JobOwner()
        try journal.claim(id, for: elsewhere, until: Date().addingTimeInterval(3600), now: Date())
        #expect(try service.markInterruptedSubmits() == 0)
        #expect(try journal.generation(id)?.status == .submitting, "still being submitted by its owner")
        try journal.release(id, by: elsewhere)
        #expect(try service.markInterruptedSubmits() == 1)
        #expect(try journal.generation(id)?.status == .unknown, "no owner left: the submit was interrupted")
    }

    @Test func trackingAJobOwnedElsewhereOnlyWatches() async throws {
        let journal = try Journal.inMemory()
        let id = try Self.record(journal, status: .queued)
        let service = GenerationService(journal: journal, registry: Fixtures.registry, prices: Fixtures.prices,
                                        assets: AssetStore(root: FileManager.default.temporaryDirectory), mediaRoot: FileManager.default.temporaryDirectory)
        try journal.claim(id, for: JobOwner(), until: Date().addingTimeInterval(3600), now: Date())
        let provider = ScriptedProvider(polls: [])
        let events = LockedEvents()
        let record = try await service.track(id, provider: provider, onEvent: { events.append($0.message) })
        #expect(record.status == .queued)
        #expect(provider.polls == 0, "the owner polls, not this process")
        #expect(events.all.contains { $0.contains("tracked by another process") })
    }
}

/// Collects tracking messages from any task.
final class LockedEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}
