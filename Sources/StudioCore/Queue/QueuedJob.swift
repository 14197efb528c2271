/// A job in the queue as lists show it: the generation, its entry, its place among the waiting.
public struct QueuedJob: Sendable, Hashable {
    public var record: GenerationRecord
    public var entry: QueueEntry
    /// 1 for the next to go (among jobs not paused); nil for a paused job.
    public var position: Int?

    public init(record: GenerationRecord, entry: QueueEntry, position: Int?) {
        self.record = record
        self.entry = entry
        self.position = position
    }
}
