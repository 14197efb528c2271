import Glibc
import Synchronization

/// A pipe the studio's signal handlers write a byte to, so a loop sleeping in `poll(2)` wakes on a
/// resize (SIGWINCH, after ncurses' own handler has noted it) or a request to stop (SIGINT,
/// SIGTERM, SIGHUP). Writing to a pipe is async-signal-safe.
enum SignalWakePipe {
    /// The read end (non-blocking) for `poll(2)`, and the write end the handlers use.
    nonisolated(unsafe) static var readEnd: Int32 = -1
    nonisolated(unsafe) static var writeEnd: Int32 = -1
    /// ncurses' SIGWINCH handler, called first so it still notes the new size.
    nonisolated(unsafe) static var previousResizeHandler: (@convention(c) (Int32) -> Void)?

    /// Opens the pipe once.
    static func open() {
        guard readEnd < 0 else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    /// Called from a signal handler.
    static func poke() {
        guard writeEnd >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe (the loop has woken).
    static func drain() {
        guard readEnd >= 0 else { return }
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &bytes, bytes.count) > 0 {}
    }

    /// Wraps the SIGWINCH handler ncurses installed at `initscr` so a resize also pokes the pipe.
    static func chainResizeHandler() {
        var current = sigaction()
        sigaction(SIGWINCH, nil, &current)
        let handler = current.__sigaction_handler.sa_handler
        let isFunction = handler.map { unsafeBitCast($0, to: Int.self) > 1 } ?? false
        previousResizeHandler = current.sa_flags & SA_SIGINFO == 0 && isFunction ? handler : nil
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            SignalWakePipe.previousResizeHandler?(number)
            SignalWakePipe.poke()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &action, nil)
    }
}
