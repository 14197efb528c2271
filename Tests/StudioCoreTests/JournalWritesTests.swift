import Foundation
import GRDB
import Testing
@testable import StudioCore

/// What one journal write touches: a job's progress never rewrites its search entry, a poll is one
/// transaction that also sees a cancel made elsewhere.
struct JournalWritesTests {
    static func queuedJob(_ journal: Journal, prompt: String = "a lighthouse at dusk") throws -> Int64 {
        let now = Date()
        let record = try journal.recordNewGeneration(
            GenerationRecord(createdAt: now, updatedAt: now, provider: "sandbox", model: "veo-3.1-generate-preview",
                             mode: .textToVideo, status: .submitting, prompt: prompt, specJSON: "{}"), assets: [])
        let id = try #require(record.id)
        try journal.recordSubmitted(id, operation: "models/m/operations/o", request: "{}", at: now)
        return id
    }

    @Test("a status change writes the job's row and its event, and leaves the search index alone")
    func progressDoesNotTouchTheSearchIndex() throws {
        let journal = try Journal.inMemory()
        let id = try Self.queuedJob(journal)
        let before = try journal.writer.read { db in db.totalChangesCount }
        try journal.update(id, status: .running, detail: "running", at: Date())
        let after = try journal.writer.read { db in db.totalChangesCount }
        #expect(after - before == 2, "one row of generation, one event; \(after - before) rows changed")
        let polled = try journal.writer.read { db in db.totalChangesCount }
        try journal.recordPoll(id, answer: "{\"done\":false}", at: Date())
        #expect(try journal.writer.read { db in db.totalChangesCount } - polled == 1, "a poll changes the job's row only")
    }

    @Test("a job's row, written by hand, fills every column and reads back as it was written")
    func aRowWrittenByHandRoundTrips() throws {
        let journal = try Journal.inMemory()
        let at = Date(timeIntervalSince1970: 1_796_580_576.123)
        let full = GenerationRecord(createdAt: at, updatedAt: at.addingTimeInterval(1), provider: "vertex", model: "veo-3.1-generate-001",
                                    mode: .referenceImages, status: .failed, prompt: "a harbour", negativePrompt: "fog",
                                    specJSON: "{\"a\":1}", requestJSON: "{}", operationName: "op/1", submittedAt: at.addingTimeInterval(2),
                                    finishedAt: at.addingTimeInterval(3), costEstimateUSD: 3.2, errorCode: "e", errorMessage: "m",
                                    errorExplanation: "x", serverAnswerJSON: "{\"done\":true}", raiCount: 2, raiReasonsJSON: "[]",
                                    parentID: nil, parentKind: "rerun", hops: 1, outputSeconds: 15, pollCount: 7, synthetic: true,
                                    progress: 0.5, dismissedAt: at.addingTimeInterval(4), endpoint: "http://127.0.0.1:1", wire: "predict")
        let stored = try journal.recordNewGeneration(full, assets: [])
        let id = try #require(stored.id)
        try journal.writer.read { db in
            let columns = Set(try db.columns(in: "generation").map(\.name))
            #expect(Set(try full.databaseDictionary.keys) == columns, "every column is written, and no other")
            let dates = try Row.fetchOne(db, sql: "SELECT createdAt, dismissedAt FROM generation WHERE id = ?", arguments: [id])
            #expect(dates?[0] == StoredDate.text(at) && dates?[1] == StoredDate.text(at.addingTimeInterval(4)),
                    "dates are stored in the journal's one text form, so they sort")
        }
        let back = try #require(try journal.writer.read { db in try GenerationRecord.find(id, in: db) })
        var expected = full
        expected.id = id
        #expect(back == expected)
    }

    @Test("the search follows a prompt changed in place")
    func searchFollowsAChangedPrompt() throws {
        let journal = try Journal.inMemory()
        let id = try Self.queuedJob(journal, prompt: "a heron in the reeds")
        #expect(try journal.search("heron", limit: 5).map(\.id) == [id])
        try journal.writer.write { db in
            try db.execute(sql: "UPDATE generation SET prompt = 'a kingfisher on a branch' WHERE id = ?", arguments: [id])
        }
        #expect(try journal.search("heron", limit: 5).isEmpty, "the old words leave the index")
        #expect(try journal.search("kingf", limit: 5).map(\.id) == [id], "the new words are found")
    }

    @Test("a poll's write sees a cancel made elsewhere and never marks an ended job running")
    func aPollSeesACancel() throws {
        let journal = try Journal.inMemory()
        let id = try Self.queuedJob(journal)
        let owner = JobOwner()
        let running = try #require(try journal.recordPoll(id, answer: nil, running: true, at: Date(),
                                                          lease: (owner, Date().addingTimeInterval(60))))
        #expect(running.status == .running && running.pollCount == 1)
        #expect(try journal.otherLiveOwner(of: id, than: JobOwner(), now: Date()) == getpid(), "the poll renewed the lease")
        try journal.update(id, status: .cancelled, detail: "cancelled elsewhere", at: Date())
        let seen = try #require(try journal.recordPoll(id, answer: nil, running: true, at: Date()))
        #expect(seen.status == .cancelled, "the cancel stands")
        #expect(try journal.events(of: id).filter { $0.status == .running }.count == 1)
    }

    @Test("the poll that says done counts, names the videos and starts the download in one write; a cancel stands")
    func doneOnServerIsOneWrite() throws {
        let journal = try Journal.inMemory()
        let id = try Self.queuedJob(journal)
        let video = OutputRecord(id: nil, generationID: id, sampleIndex: 0, path: nil, bytes: nil, sha256: nil,
                                 remoteURI: "https://h/files/v1", expiresAt: nil, mimeType: "video/mp4", createdAt: Date())
        let downloading = try #require(try journal.recordDoneOnServer(id, answer: "{\"done\":true}", outputs: [video],
                                                                      detail: "done on the server: 1 video(s)", at: Date()))
        #expect(downloading.status == .downloading && downloading.pollCount == 1 && downloading.serverAnswerJSON == "{\"done\":true}")
        #expect(try journal.outputs(of: id).map(\.remoteURI) == ["https://h/files/v1"])

        let other = try Self.queuedJob(journal)
        try journal.update(other, status: .cancelled, detail: "cancelled elsewhere", at: Date())
        var late = video
        late.generationID = other
        let kept = try #require(try journal.recordDoneOnServer(other, answer: nil, outputs: [late], detail: "done", at: Date()))
        #expect(kept.status == .cancelled && kept.pollCount == 1)
        #expect(try journal.outputs(of: other).isEmpty, "nothing to download for a cancelled job")
    }
}
