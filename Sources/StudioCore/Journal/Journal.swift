import Foundation
import GRDB

/// The journal: the single source of truth for every generation, its inputs, outputs and events.
/// Writes are named after what happened; screens observe it.
public struct Journal: Sendable {
    public let writer: any DatabaseWriter
    /// The database file (nil for an in-memory journal): other processes' changes are seen through it.
    public let location: URL?

    /// Opens (and migrates) the journal at a path.
    public static func open(at url: URL) throws -> Journal {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            return try Journal(writer: pool, location: url)
        } catch let error as StudioError {
            throw error
        } catch {
            throw StudioError(field: "journal", code: "journal.unreadable",
                              message: "the journal \(url.path) cannot be opened: \(error)",
                              fix: "check the file's permissions; move it away to start a new journal")
        }
    }

    /// An in-memory journal (tests, benchmarks).
    public static func inMemory() throws -> Journal {
        try Journal(writer: DatabaseQueue())
    }

    public init(writer: any DatabaseWriter, location: URL? = nil) throws {
        self.writer = writer
        self.location = location
        try JournalMigrations.migrator.migrate(writer)
    }

    // MARK: Writes

    /// Records a new generation **before** it is submitted, with its input assets; status `submitting`.
    /// `admit` runs in the same transaction first and may refuse the job (the budget): nothing is written then.
    public func recordNewGeneration(_ record: GenerationRecord, assets: [(role: String, asset: AssetRecord)],
                                    admit: (Database, GenerationRecord) throws -> StudioError? = { _, _ in nil }) throws -> GenerationRecord {
        try writer.write { db in
            if let refusal = try admit(db, record) { throw refusal }
            var record = record
            try record.insert(db)
            guard let id = record.id else { throw StudioError(field: "journal", code: "journal.insert", message: "no id", fix: "") }
            for (role, asset) in assets {
                try asset.insert(db, onConflict: .ignore)
                try GenerationAssetRecord(generationID: id, sha256: asset.sha256, role: role).insert(db, onConflict: .replace)
            }
            var event = EventRecord(generationID: id, at: record.createdAt, status: record.status, detail: "recorded before submit")
            try event.insert(db)
            return record
        }
    }

    /// Removes a generation whose submit provably never left this machine.
    public func forgetUnsent(_ id: Int64) throws {
        _ = try writer.write { db in try GenerationRecord.deleteOne(db, key: id) }
    }

    /// Commits the operation name as soon as it arrives.
    public func recordSubmitted(_ id: Int64, operation: String, request: String, at date: Date) throws {
        try update(id, status: .queued, detail: "submitted: \(operation)", at: date) { record in
            record.operationName = operation
            record.requestJSON = request
            record.submittedAt = date
        }
    }

    /// Changes the status and any other fields, writing an event; a no-op change writes no event.
    @discardableResult
    public func update(_ id: Int64, status: JobStatus, detail: String, at date: Date,
                       _ change: (inout GenerationRecord) -> Void = { _ in }) throws -> GenerationRecord? {
        try writer.write { db in try Self.update(id, status: status, detail: detail, at: date, in: db, change) }
    }

    /// `update` inside a transaction already open; only the columns that changed are written.
    static func update(_ id: Int64, status: JobStatus, detail: String, at date: Date, in db: Database,
                       _ change: (inout GenerationRecord) -> Void) throws -> GenerationRecord? {
        guard var record = try GenerationRecord.find(id, in: db) else { return nil }
        let previous = record
        change(&record)
        record.status = status
        record.updatedAt = date
        if status.isFinal, record.finishedAt == nil { record.finishedAt = date }
        try record.updateChanges(db, from: previous)
        if previous.status != status || !detail.isEmpty {
            var event = EventRecord(generationID: id, at: date, status: status, detail: detail)
            try event.insert(db)
        }
        return record
    }

    /// An operation done on the server: the poll that said so counted (its `answer`, `progress`), its videos
    /// recorded (remote, nothing fetched yet) and the job `downloading`, in one transaction. A job
    /// cancelled meanwhile (elsewhere) stays cancelled. Returns the job as it now stands.
    @discardableResult
    public func recordDoneOnServer(_ id: Int64, answer: String?, progress: Double? = nil, outputs: [OutputRecord], detail: String, at date: Date,
                                   _ change: (inout GenerationRecord) -> Void = { _ in }) throws -> GenerationRecord? {
        try writer.write { db in
            try Self.countPoll(id, answer: answer, progress: progress, in: db)
            guard let current = try GenerationRecord.find(id, in: db), current.status != .cancelled else {
                return try GenerationRecord.find(id, in: db)
            }
            for output in outputs {
                var output = output
                try output.upsert(db)
            }
            return try Self.update(id, status: .downloading, detail: detail, at: date, in: db, change)
        }
    }

    /// Counts one poll (for the operations panel and the polling benchmark) and, in the same
    /// transaction, renews the tracker's `lease` (unless another live owner took the job) and, with
    /// `running`, marks a job that has not ended running (an event). Returns the job as it now
    /// stands: a cancel made elsewhere shows here. One write per poll.
    @discardableResult
    public func recordPoll(_ id: Int64, answer: String?, progress: Double? = nil, running: Bool = false, at date: Date,
                           lease: (owner: JobOwner, until: Date)? = nil) throws -> GenerationRecord? {
        try writer.write { db in
            try Self.countPoll(id, answer: answer, progress: progress, in: db)
            if let lease { try Self.renewLease(id, for: lease.owner, until: lease.until, now: date, in: db) }
            guard let record = try GenerationRecord.find(id, in: db) else { return nil }
            guard running, record.status != .running, !record.status.isFinal else { return record }
            return try Self.update(id, status: .running, detail: "running", at: date, in: db) { _ in }
        }
    }

    private static func countPoll(_ id: Int64, answer: String?, progress: Double?, in db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE generation SET pollCount = pollCount + 1, serverAnswerJSON = COALESCE(?, serverAnswerJSON),
                                  progress = COALESCE(?, progress) WHERE id = ?
            """).execute(arguments: [answer, progress, id])
    }

    /// Records a downloaded (or pending) output.
    public func recordOutput(_ output: OutputRecord) throws {
        try writer.write { db in
            var output = output
            try output.upsert(db)
        }
    }

    /// A job's downloads complete: `last` (the output this call saved last, if any) recorded, the
    /// job `done` with its error fields cleared, and `owner`'s lease on it released, in one transaction.
    @discardableResult
    public func recordDownloaded(_ id: Int64, last: OutputRecord?, releasing owner: JobOwner, at date: Date) throws -> GenerationRecord? {
        try writer.write { db in
            if var last { try last.upsert(db) }
            let done = try Self.update(id, status: .done, detail: "downloaded", at: date, in: db) { r in
                r.errorCode = nil
                r.errorMessage = nil
                r.errorExplanation = nil
            }
            try Self.releaseLease(id, by: owner, in: db)
            return done
        }
    }

    // MARK: Reads

    /// A generation and its outputs, read together.
    public func generationWithOutputs(_ id: Int64) throws -> (GenerationRecord, [OutputRecord])? {
        try writer.read { db in
            guard let record = try GenerationRecord.find(id, in: db) else { return nil }
            return (record, try Self.outputs(of: id, in: db))
        }
    }

    public func generation(_ id: Int64) throws -> GenerationRecord? {
        try writer.read { db in try GenerationRecord.find(id, in: db) }
    }

    public func outputs(of id: Int64) throws -> [OutputRecord] {
        try writer.read { db in try Self.outputs(of: id, in: db) }
    }

    static func outputs(of id: Int64, in db: Database) throws -> [OutputRecord] {
        try OutputRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM output WHERE generationID = ? ORDER BY sampleIndex"),
                                  arguments: [id])
    }

    public func events(of id: Int64) throws -> [EventRecord] {
        try writer.read { db in
            try EventRecord.filter(Column("generationID") == id).order(Column("id")).fetchAll(db)
        }
    }

    public func assets(of id: Int64) throws -> [(role: String, asset: AssetRecord)] {
        try writer.read { db in
            let links = try GenerationAssetRecord.filter(Column("generationID") == id).fetchAll(db)
            return try links.compactMap { link in
                try AssetRecord.fetchOne(db, key: link.sha256).map { (link.role, $0) }
            }
        }
    }

    public func asset(sha256: String) throws -> AssetRecord? {
        try writer.read { db in try AssetRecord.fetchOne(db, key: sha256) }
    }

    /// Generations the tracker still owns, plus those stuck in `submitting` by a crash.
    public func unfinished() throws -> [GenerationRecord] {
        try writer.read { db in
            try GenerationRecord
                .filter([JobStatus.submitting, .queued, .running, .downloading].map(\.rawValue).contains(Column("status")))
                .order(Column("id"))
                .fetchAll(db)
        }
    }

    /// `unknown` jobs that have an operation name: they can be looked at again.
    public func unknownWithOperation() throws -> [GenerationRecord] {
        try writer.read { db in
            try GenerationRecord.filter(Column("status") == JobStatus.unknown.rawValue && Column("operationName") != nil)
                .order(Column("id")).fetchAll(db)
        }
    }

    /// The operation names of jobs that ended (done, failed, filtered, cancelled): nothing more
    /// will be read from them.
    public func finishedOperationNames() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, GenerationRecord.select(Column("operationName"))
                .filter(JobStatus.allCases.filter(\.isFinal).map(\.rawValue).contains(Column("status")) && Column("operationName") != nil))
        }
    }

    /// The newest generations first.
    public func newest(limit: Int, offset: Int = 0) throws -> [GenerationRecord] {
        try writer.read { db in
            try GenerationRecord.order(Column("id").desc).limit(limit, offset: offset).fetchAll(db)
        }
    }

    /// Full-text search over prompts (every word as a prefix, for search as you type), newest first.
    public func search(_ text: String, limit: Int) throws -> [GenerationRecord] {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else { return try newest(limit: limit) }
        // FTS5 walks its index in rowid order, so newest-first with a limit stops early instead of sorting every match.
        return try writer.read { db in
            try GenerationRecord.fetchAll(db, sql: """
                SELECT generation.* FROM generation
                WHERE generation.id IN (
                    SELECT rowid FROM generation_ft WHERE generation_ft MATCH ? ORDER BY rowid DESC LIMIT ?)
                ORDER BY generation.id DESC
                """, arguments: [pattern, limit])
        }
    }

    /// The output whose remote URI this is (to find an extension's chain).
    public func output(remoteURI: String) throws -> OutputRecord? {
        try writer.read { db in try OutputRecord.filter(Column("remoteURI") == remoteURI).fetchOne(db) }
    }

    /// Re-runs and extensions made from a generation.
    public func children(of id: Int64) throws -> [GenerationRecord] {
        try writer.read { db in
            try GenerationRecord.filter(Column("parentID") == id).order(Column("id")).fetchAll(db)
        }
    }

    /// Durations (submit → done, seconds) of recent finished jobs of a model on a provider: the history's latency.
    public func recentLatencies(provider: String, model: String, limit: Int = 50) throws -> [Double] {
        try writer.read { db in
            try Double.fetchAll(db, sql: """
                SELECT (julianday(finishedAt) - julianday(submittedAt)) * 86400.0 FROM generation
                WHERE provider = ? AND model = ? AND status = 'done' AND submittedAt IS NOT NULL AND finishedAt IS NOT NULL
                ORDER BY id DESC LIMIT ?
                """, arguments: [provider, model, limit])
        }
    }

    public func count() throws -> Int {
        try writer.read { db in try GenerationRecord.fetchCount(db) }
    }
}
