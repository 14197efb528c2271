import Foundation
import GRDB

/// A generation's place in the studio's queue: its priority, whether it is held, why it waits, when
/// it may be tried again, its batch. Kept after the job is sent (its batch, its attempts).
public struct QueueEntry: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "queue_entry"

    public var generationID: Int64
    /// Higher goes first; equal priorities go oldest first.
    public var priority: Int
    /// Held by the person (`queue pause`): not sent until resumed.
    public var paused: Bool
    /// Why it has not been sent yet, in a few words (`quota`, `running`, `budget`, `retry`); nil when it is next.
    public var reason: String?
    /// Not tried again before this (after a 429 or an unreachable service).
    public var notBefore: Date?
    /// How many times a dispatcher tried to send it.
    public var attempts: Int
    /// The batch it belongs to, if any.
    public var batchID: String?
    public var queuedAt: Date
    /// When a dispatcher took it to send.
    public var dispatchedAt: Date?

    public init(generationID: Int64 = 0, priority: Int = 0, paused: Bool = false, reason: String? = nil, notBefore: Date? = nil,
                attempts: Int = 0, batchID: String? = nil, queuedAt: Date, dispatchedAt: Date? = nil) {
        self.generationID = generationID
        self.priority = priority
        self.paused = paused
        self.reason = reason
        self.notBefore = notBefore
        self.attempts = attempts
        self.batchID = batchID
        self.queuedAt = queuedAt
        self.dispatchedAt = dispatchedAt
    }
}
