import Foundation
import Glibc
import Synchronization

/// A thread that sleeps in `poll(2)` on the terminal's descriptors (the keyboard, and a pipe its
/// signal handlers write to on a resize or a stop) and wakes the loop when one is readable. It
/// waits for the loop to have read the keys before it looks again, so it never spins.
final class InputWatcher: Sendable {
    private let descriptors: [Int32]
    private let wake: WakeSignal
    private let keysRead = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    /// A pipe of its own, written to stop the thread.
    private let stopPipe: (read: Int32, write: Int32)

    init(descriptors: [Int32], wake: WakeSignal) {
        self.descriptors = descriptors
        self.wake = wake
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        stopPipe = (fds[0], fds[1])
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "veo-studio input"
        thread.start()
    }

    /// The loop read what was waiting: look again.
    func resume() { keysRead.signal() }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
        keysRead.signal()
    }

    private func run() {
        var fds = (descriptors + [stopPipe.read]).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while !stopped.load(ordering: .relaxed) {
            for index in fds.indices { fds[index].revents = 0 }
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if stopped.load(ordering: .relaxed) { break }
            if ready < 0 {
                if errno == EINTR { wake.wake() }
                continue
            }
            // A closed terminal: wake the loop once (its signal handler asks it to stop) and end.
            if fds.dropLast().contains(where: { $0.revents & Int16(POLLHUP | POLLNVAL | POLLERR) != 0 }) {
                wake.wake()
                break
            }
            wake.wake()
            keysRead.wait()
        }
        close(stopPipe.read)
        close(stopPipe.write)
    }
}
