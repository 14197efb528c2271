import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT and SIGTERM so a command can shut down gracefully instead of dying.
///
/// Install it before starting work (`await TerminationSignal.install()` returns once the
/// handlers are registered, so an early signal is not lost), then `await wait()`.
public final class TerminationSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var waiter: CheckedContinuation<Int32, Never>?
    private var sources: [any DispatchSourceSignal] = []

    private init() {}

    /// Registers handlers for SIGINT and SIGTERM; returns once both are active.
    public static func install() async -> TerminationSignal {
        let handler = TerminationSignal()
        await handler.register([SIGINT, SIGTERM])
        return handler
    }

    /// Suspends until SIGINT or SIGTERM arrives (or returns one that already arrived).
    public func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let ready: Int32? = lock.withLock {
                if let received { return received }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func fire(_ number: Int32) {
        let continuation: CheckedContinuation<Int32, Never>? = lock.withLock {
            if received == nil { received = number }
            defer { waiter = nil }
            return waiter
        }
        continuation?.resume(returning: number)
    }

    private func register(_ numbers: [Int32]) async {
        for number in numbers {
            #if canImport(Darwin)
            // Darwin delivers to dispatch sources through kqueue only when the default action is off.
            signal(number, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.fire(number) }
            lock.withLock { sources.append(source) }
            // Registration is asynchronous: wait for it so an early signal is not missed.
            await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                source.setRegistrationHandler { registered.resume() }
                source.resume()
            }
        }
    }
}
