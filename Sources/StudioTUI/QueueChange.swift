/// What a person does to a queued job in Operations.
public enum QueueChange: String, Hashable, Sendable {
    /// Hold it (it keeps its place) or release it.
    case toggleHold
    /// To the front of the queue.
    case front
    /// To the back of the queue.
    case back
}
