import Foundation

/// The emulator's notion of "now". Wall-clock `Date`s are used (not a monotonic clock) so that
/// operation deadlines survive a restart with the same state directory.
public protocol EmulatorClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The real wall clock.
public struct SystemEmulatorClock: EmulatorClock {
    /// Creates the system clock.
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to; for tests.
public final class ManualEmulatorClock: EmulatorClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// Starts at `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
    }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Moves the clock forward by `interval` seconds.
    public func advance(by interval: TimeInterval) {
        lock.lock()
        current = current.addingTimeInterval(interval)
        lock.unlock()
    }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        advance(by: duration.timeInterval)
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        lock.lock()
        current = date
        lock.unlock()
    }
}

extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
