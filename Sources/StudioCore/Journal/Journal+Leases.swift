import Foundation
import GRDB

/// One owner per job: a lease row per generation being submitted or tracked.
extension Journal {
    /// Takes (or renews) the job for `owner` until `until`. Succeeds when nobody holds it, when
    /// `owner` already does, or when the holder is gone (its process ended, or its lease lapsed).
    /// Returns the live holder when it is someone else.
    @discardableResult
    public func claim(_ id: Int64, for owner: JobOwner, until: Date, now: Date) throws -> (claimed: Bool, holderPID: Int32?) {
        try writer.write { db in
            try Self.renewLease(id, for: owner, until: until, now: now, in: db)
        }
    }

    /// `claim` inside a transaction already open.
    @discardableResult
    static func renewLease(_ id: Int64, for owner: JobOwner, until: Date, now: Date,
                           in db: Database) throws -> (claimed: Bool, holderPID: Int32?) {
        if let pid = try liveHolder(of: id, in: db, otherThan: owner, now: now) {
            return (false, pid)
        }
        try storeLease(id, for: owner, until: until, in: db)
        return (true, nil)
    }

    /// Writes the job's lease for `owner`, whoever held it.
    static func storeLease(_ id: Int64, for owner: JobOwner, until: Date, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO job_lease (generationID, owner, pid, host, expiresAt) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(generationID) DO UPDATE SET owner = excluded.owner, pid = excluded.pid,
                host = excluded.host, expiresAt = excluded.expiresAt
            """).execute(arguments: [id, owner.id, owner.pid, owner.host, StoredDate.text(until)])
    }

    /// Gives the job up (only if `owner` holds it).
    public func release(_ id: Int64, by owner: JobOwner) throws {
        try writer.write { db in try Self.releaseLease(id, by: owner, in: db) }
    }

    /// `release` inside a transaction already open.
    static func releaseLease(_ id: Int64, by owner: JobOwner, in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM job_lease WHERE generationID = ? AND owner = ?").execute(arguments: [id, owner.id])
    }

    /// The pid of a live owner other than `owner`, if the job has one.
    public func otherLiveOwner(of id: Int64, than owner: JobOwner, now: Date) throws -> Int32? {
        try writer.read { db in try Self.liveHolder(of: id, in: db, otherThan: owner, now: now) }
    }

    /// The pid holding the job's lease, when that is an owner other than `owner` whose lease has
    /// not lapsed and whose process still runs.
    private static func liveHolder(of id: Int64, in db: Database, otherThan owner: JobOwner, now: Date) throws -> Int32? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT owner, pid, host, expiresAt FROM job_lease WHERE generationID = ?"),
                                         arguments: [id])
        else { return nil }
        let holder: String = row["owner"]
        let pid: Int32 = row["pid"]
        let expires = StoredDate.date(from: row["expiresAt"]) ?? .distantPast
        return holder != owner.id && expires > now && JobOwner.isRunning(pid: pid, host: row["host"]) ? pid : nil
    }
}
