import Synchronization

/// Messages from background work (tracking, submits, previews) waiting for the screen's loop;
/// each post wakes the loop.
final class MessageInbox: Sendable {
    private let queue = Mutex<[StudioMessage]>([])
    private let wake: WakeSignal?

    init(wake: WakeSignal? = nil) {
        self.wake = wake
    }

    func post(_ message: StudioMessage) {
        queue.withLock { $0.append(message) }
        wake?.wake()
    }

    /// Everything posted since the last call, in order.
    func drain() -> [StudioMessage] {
        queue.withLock { messages in
            defer { messages.removeAll() }
            return messages
        }
    }
}
