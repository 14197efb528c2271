import Synchronization

/// Messages from background work (tracking, submits, previews) waiting for the screen's loop.
final class MessageInbox: Sendable {
    private let queue = Mutex<[StudioMessage]>([])

    func post(_ message: StudioMessage) {
        queue.withLock { $0.append(message) }
    }

    /// Everything posted since the last call, in order.
    func drain() -> [StudioMessage] {
        queue.withLock { messages in
            defer { messages.removeAll() }
            return messages
        }
    }
}
