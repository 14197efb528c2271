import Foundation

/// Time as the tracker sees it: injected so tests drive it by hand.
public protocol StudioClock: Sendable {
    func now() -> Date
    func sleep(for seconds: Double) async throws
}

/// The wall clock.
public struct SystemClock: StudioClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}

/// A clock that moves only when told: sleepers wake when `advance` passes their time.
public actor ManualClock: StudioClock {
    private nonisolated let current: LockedBox<Date>
    private var sleepers: [(until: Date, continuation: CheckedContinuation<Void, Never>)] = []

    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = LockedBox(start) }

    public nonisolated func now() -> Date { current.withLock { $0 } }

    public func sleep(for seconds: Double) async throws {
        guard seconds > 0 else { return }
        let until = now().addingTimeInterval(seconds)
        await withCheckedContinuation { continuation in
            sleepers.append((until, continuation))
        }
    }

    /// Moves time forward and wakes every sleeper whose time has come.
    public func advance(by seconds: Double) {
        let date = current.withLock { value -> Date in
            value = value.addingTimeInterval(seconds)
            return value
        }
        let due = sleepers.filter { $0.until <= date }
        sleepers.removeAll { $0.until <= date }
        due.forEach { $0.continuation.resume() }
    }

    /// Advances straight to the earliest sleeper's time (if any) and wakes it.
    @discardableResult
    public func advanceToNextSleeper() -> Bool {
        guard let next = sleepers.map(\.until).min() else { return false }
        advance(by: max(0, next.timeIntervalSince(now())))
        return true
    }

    /// How many tasks are waiting on this clock.
    public var sleeperCount: Int { sleepers.count }
}

/// A value behind a lock, readable from any isolation.
public final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    public init(_ value: Value) { self.value = value }
    public func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
