import Foundation
import GRDB

/// The studio's own queue, kept in the journal so that quitting, `kill -9` or a second process
/// loses nothing and sends nothing twice: a waiting job is taken to send in one write transaction
/// that checks the provider's limits (and the budget) and leases the job to its dispatcher.
extension Journal {
    /// Why a job waits after the service refused its submit with 429.
    public static let refusedReason = "retry: the service answered 429"

    /// Statuses that hold a place at the service (they count against "running at once").
    static let runningAtService: [JobStatus] = [.submitting, .queued, .running]

    /// Records a new generation as waiting in the queue, with its input assets and its entry.
    public func enqueue(_ record: GenerationRecord, assets: [(role: String, asset: AssetRecord)], entry: QueueEntry) throws -> GenerationRecord {
        try writer.write { db in try Self.enqueue(record, assets: assets, entry: entry, in: db) }
    }

    /// Records a batch and every one of its jobs as waiting, in one transaction: all or none.
    public func enqueue(batch: BatchRecord, jobs: [(record: GenerationRecord, assets: [(role: String, asset: AssetRecord)], entry: QueueEntry)]) throws -> [GenerationRecord] {
        try writer.write { db in
            try batch.insert(db)
            return try jobs.map { try Self.enqueue($0.record, assets: $0.assets, entry: $0.entry, in: db) }
        }
    }

    /// A batch by id.
    public func batch(_ id: String) throws -> BatchRecord? {
        try writer.read { db in try BatchRecord.fetchOne(db, key: id) }
    }

    /// Every batch, newest first.
    public func batches(limit: Int = 200) throws -> [BatchRecord] {
        try writer.read { db in try BatchRecord.order(Column("createdAt").desc).limit(limit).fetchAll(db) }
    }

    /// The jobs of a batch, oldest first.
    public func jobs(inBatch id: String) throws -> [GenerationRecord] {
        try writer.read { db in
            try GenerationRecord.fetchAll(db, sql: """
                SELECT g.* FROM generation g JOIN queue_entry q ON q.generationID = g.id WHERE q.batchID = ? ORDER BY g.id
                """, arguments: [id])
        }
    }

    static func enqueue(_ record: GenerationRecord, assets: [(role: String, asset: AssetRecord)], entry: QueueEntry,
                                in db: Database) throws -> GenerationRecord {
        var record = record
        record.status = .waiting
        try record.insert(db)
        guard let id = record.id else { throw StudioError(field: "journal", code: "journal.insert", message: "no id", fix: "") }
        for (role, asset) in assets {
            try asset.insert(db, onConflict: .ignore)
            try GenerationAssetRecord(generationID: id, sha256: asset.sha256, role: role).insert(db, onConflict: .replace)
        }
        var entry = entry
        entry.generationID = id
        try entry.insert(db)
        var event = EventRecord(generationID: id, at: record.createdAt, status: .waiting,
                                detail: entry.batchID.map { "queued (batch \($0))" } ?? "queued")
        try event.insert(db)
        return record
    }

    /// The waiting jobs in the order they go: priority, then age; paused ones keep their place but have no position.
    public func queue() throws -> [QueuedJob] {
        try writer.read { db in try Self.waitingJobs(db) }
    }

    /// A job's queue entry (also after it was sent).
    public func queueEntry(of id: Int64) throws -> QueueEntry? {
        try writer.read { db in try QueueEntry.fetchOne(db, key: id) }
    }

    /// Holds (or releases) a waiting job; false when the job is not waiting.
    @discardableResult
    public func setQueuePaused(_ id: Int64, _ paused: Bool, at date: Date) throws -> Bool {
        try changeWaiting(id, at: date, detail: paused ? "paused in the queue" : "resumed in the queue") { entry, _ in
            entry.paused = paused
            entry.reason = paused ? "paused" : nil
        }
    }

    /// Moves a waiting job to the front of the queue; false when the job is not waiting.
    @discardableResult
    public func moveToFront(_ id: Int64, at date: Date) throws -> Bool {
        try changeWaiting(id, at: date, detail: "moved to the front of the queue") { entry, db in
            let top = try Int.fetchOne(db, sql: """
                SELECT MAX(q.priority) FROM queue_entry q JOIN generation g ON g.id = q.generationID WHERE g.status = 'waiting'
                """) ?? 0
            entry.priority = top + 1
        }
    }

    /// Moves a waiting job to the back of the queue; false when the job is not waiting.
    @discardableResult
    public func moveToBack(_ id: Int64, at date: Date) throws -> Bool {
        try changeWaiting(id, at: date, detail: "moved to the back of the queue") { entry, db in
            let bottom = try Int.fetchOne(db, sql: """
                SELECT MIN(q.priority) FROM queue_entry q JOIN generation g ON g.id = q.generationID WHERE g.status = 'waiting'
                """) ?? 0
            entry.priority = bottom - 1
        }
    }

    /// Takes a waiting job out of the queue before it is sent (cancelled; nothing was sent, nothing is charged).
    @discardableResult
    public func removeFromQueue(_ id: Int64, at date: Date) throws -> Bool {
        try writer.write { db in try Self.removeFromQueue(id, at: date, why: "removed from the queue before it was sent", in: db) }
    }

    /// `removeFromQueue` inside a transaction of the caller's; `why` is what the job's history says.
    static func removeFromQueue(_ id: Int64, at date: Date, why: String, in db: Database) throws -> Bool {
        guard var record = try GenerationRecord.find(id, in: db), record.status == .waiting else { return false }
        record.status = .cancelled
        record.updatedAt = date
        record.finishedAt = date
        record.errorCode = Charge.removedFromQueueCode
        record.errorMessage = why
        record.errorExplanation = "nothing was sent, so nothing is charged"
        try record.update(db)
        var event = EventRecord(generationID: id, at: date, status: .cancelled, detail: why)
        try event.insert(db)
        return true
    }

    /// Takes the next job that may go now, in one transaction: the first waiting job (by priority,
    /// then age) that is not paused, not held for a retry, within its provider's requests a minute
    /// and jobs at once, and passes `admit` (the budget). It becomes `submitting`, leased to `owner`
    /// until `leaseUntil`. Every job passed over keeps the reason it waits.
    public func takeNextWaiting(owner: JobOwner, now: Date, leaseUntil: Date,
                                limits: (String) -> ProviderLimits,
                                admit: (Database, QueuedJob) throws -> String? = { _, _ in nil }) throws -> QueuePick {
        try writer.write { db in
            let slots = try Self.waitingSlots(db)
            var wakeAt: Date?
            var blocked: [String: String] = [:]
            func wake(_ date: Date) { wakeAt = min(wakeAt ?? date, date) }
            // A provider that answered 429 takes nothing before its Retry-After: not one job at a time.
            for slot in slots where slot.reason == Self.refusedReason {
                if let until = slot.notBefore, until > now {
                    blocked[slot.provider] = Self.refusedReason
                    wake(until)
                }
            }
            for slot in slots {
                var reason: String?
                var candidate: QueuedJob?
                if slot.paused {
                    reason = "paused"
                } else if let held = blocked[slot.provider], held == Self.refusedReason {
                    reason = held
                } else if let notBefore = slot.notBefore, notBefore > now {
                    reason = slot.reason?.hasPrefix("retry") == true ? slot.reason : "retry"
                    wake(notBefore)
                } else if let held = blocked[slot.provider] {
                    reason = held
                } else if let (held, until) = try Self.limitReason(db, provider: slot.provider, limits: limits(slot.provider), now: now) {
                    reason = held
                    blocked[slot.provider] = held
                    if let until { wake(until) }
                } else if let record = try GenerationRecord.find(slot.id, in: db), let entry = try QueueEntry.fetchOne(db, key: slot.id) {
                    let job = QueuedJob(record: record, entry: entry, position: nil)
                    candidate = job
                    reason = try admit(db, job)
                } else {
                    continue
                }
                if let reason {
                    if reason != slot.reason {
                        try db.cachedStatement(sql: "UPDATE queue_entry SET reason = ? WHERE generationID = ?")
                            .execute(arguments: [reason, slot.id])
                    }
                    continue
                }
                guard let job = candidate else { continue }
                try db.cachedStatement(sql: """
                    UPDATE queue_entry SET reason = NULL, notBefore = NULL, attempts = attempts + 1, dispatchedAt = ?
                    WHERE generationID = ?
                    """).execute(arguments: [StoredDate.text(now), slot.id])
                var record = job.record
                record.status = .submitting
                record.updatedAt = now
                try record.updateChanges(db, from: job.record)
                var event = EventRecord(generationID: slot.id, at: now, status: .submitting, detail: "taken from the queue to send")
                try event.insert(db)
                try Self.storeLease(slot.id, for: owner, until: leaseUntil, in: db)
                return QueuePick(record: record, wakeAt: wakeAt, waiting: slots.count - 1)
            }
            return QueuePick(record: nil, wakeAt: wakeAt, waiting: slots.count)
        }
    }

    /// A waiting job's place in line and what holds it, without its whole row: every take looks at
    /// every waiting job, and decodes only the one it may send.
    private struct WaitingSlot {
        let id: Int64
        let provider: String
        let paused: Bool
        let reason: String?
        let notBefore: Date?
    }

    /// The waiting jobs in the order they go: priority, then age (as `waitingJobs` orders them).
    private static func waitingSlots(_ db: Database) throws -> [WaitingSlot] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT q.generationID, g.provider, q.paused, q.reason, q.notBefore FROM queue_entry q
            JOIN generation g ON g.id = q.generationID WHERE g.status = 'waiting'
            ORDER BY q.priority DESC, q.queuedAt, g.id
            """)).map { row in
            WaitingSlot(id: row[0], provider: row[1], paused: row[2], reason: row[3], notBefore: StoredDate.date(from: row[4]))
        }
    }

    /// Puts a taken job back to wait (its submit was refused with 429, or never left the machine),
    /// not to be tried before `notBefore`.
    public func returnToQueue(_ id: Int64, reason: String, notBefore: Date, at date: Date) throws {
        try writer.write { db in
            guard var record = try GenerationRecord.find(id, in: db), record.status == .submitting else { return }
            record.status = .waiting
            record.updatedAt = date
            try record.update(db)
            try db.execute(sql: "UPDATE queue_entry SET reason = ?, notBefore = ? WHERE generationID = ?",
                           arguments: [reason, StoredDate.text(notBefore), id])
            var event = EventRecord(generationID: id, at: date, status: .waiting, detail: "back in the queue: \(reason)")
            try event.insert(db)
            try db.execute(sql: "DELETE FROM job_lease WHERE generationID = ?", arguments: [id])
        }
    }

    /// Why a provider takes nothing more now, and when that may change: its jobs at once, or its
    /// requests in the last minute (a job being sent counts as a request).
    static func limitReason(_ db: Database, provider: String, limits: ProviderLimits, now: Date) throws -> (String, Date?)? {
        if let most = limits.maxRunning {
            let statuses = runningAtService.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let running = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM generation WHERE provider = ? AND status IN (\(statuses))"),
                                           arguments: [provider]) ?? 0
            if running >= most { return ("running: \(running) of \(most) at once", nil) }
        }
        if let perMinute = limits.requestsPerMinute {
            let since = StoredDate.text(now.addingTimeInterval(-60))
            let sent = try String.fetchAll(db.cachedStatement(sql: """
                SELECT submittedAt FROM generation WHERE provider = ? AND submittedAt > ? ORDER BY submittedAt
                """), arguments: [provider, since])
            let sending = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM generation WHERE provider = ? AND status = 'submitting'"),
                                           arguments: [provider]) ?? 0
            if sent.count + sending >= perMinute {
                let oldest = sent.first.flatMap { StoredDate.date(from: $0.databaseValue) }
                return ("quota: \(perMinute) requests a minute", oldest.map { $0.addingTimeInterval(60) })
            }
        }
        return nil
    }

    static func waitingJobs(_ db: Database) throws -> [QueuedJob] {
        let records = try GenerationRecord.fetchAll(db, sql: "SELECT * FROM generation WHERE status = 'waiting'")
        let entries = try QueueEntry.fetchAll(db, sql: """
            SELECT q.* FROM queue_entry q JOIN generation g ON g.id = q.generationID WHERE g.status = 'waiting'
            """)
        let byID = Dictionary(entries.map { ($0.generationID, $0) }, uniquingKeysWith: { first, _ in first })
        let ordered = records.compactMap { record in record.id.flatMap { byID[$0] }.map { (record, $0) } }
            .sorted { (-$0.1.priority, $0.1.queuedAt, $0.0.id ?? 0) < (-$1.1.priority, $1.1.queuedAt, $1.0.id ?? 0) }
        var position = 0
        return ordered.map { record, entry in
            if !entry.paused { position += 1 }
            return QueuedJob(record: record, entry: entry, position: entry.paused ? nil : position)
        }
    }

    private func changeWaiting(_ id: Int64, at date: Date, detail: String,
                               _ change: (inout QueueEntry, Database) throws -> Void) throws -> Bool {
        try writer.write { db in
            guard let record = try GenerationRecord.find(id, in: db), record.status == .waiting,
                  var entry = try QueueEntry.fetchOne(db, key: id) else { return false }
            try change(&entry, db)
            try entry.update(db)
            var event = EventRecord(generationID: id, at: date, status: .waiting, detail: detail)
            try event.insert(db)
            return true
        }
    }
}
