import Foundation

/// What one look at the queue gives a dispatcher: the job it took (now `submitting`, leased to it),
/// and otherwise when a held job may go next.
public struct QueuePick: Sendable {
    /// The job taken to send, if one may go now.
    public var record: GenerationRecord?
    /// The earliest moment a job held by a rate or a retry may go (nil: none is held by time).
    public var wakeAt: Date?
    /// Jobs still waiting after this look (held, paused or behind this one).
    public var waiting: Int
}
