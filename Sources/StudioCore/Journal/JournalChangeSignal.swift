import Foundation
import GRDB
import Synchronization

/// Tells when the journal changed, whoever changed it: a commit through this process's journal is
/// seen at once (GRDB's region observation), and a commit by another process (a CLI `generate`, a
/// `resume`, a second studio) within `interval`, through SQLite's `PRAGMA data_version` on a
/// connection of its own. The screens redraw from the journal when it fires; nothing polls the rows.
public final class JournalChangeSignal: Sendable {
    private let observation: Mutex<AnyDatabaseCancellable?>
    private let watcher: Mutex<Task<Void, Never>?>

    /// Starts watching; `onChange` runs on a background thread after every change (changes close
    /// together may be told once).
    public init(journal: Journal, interval: Duration = .milliseconds(100), onChange: @escaping @Sendable () -> Void) {
        observation = Mutex(DatabaseRegionObservation(tracking: .fullDatabase)
            .start(in: journal.writer, onError: { _ in }, onChange: { _ in onChange() }))
        guard let location = journal.location else {
            watcher = Mutex(nil)
            return
        }
        watcher = Mutex(Task.detached(priority: .utility) {
            guard let probe = try? Self.openProbe(location) else { return }
            var last = try? Self.dataVersion(probe)
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                let now = try? Self.dataVersion(probe)
                if now != last {
                    last = now
                    onChange()
                }
            }
        })
    }

    /// Stops watching (also done when the signal is released).
    public func stop() {
        observation.withLock { $0?.cancel(); $0 = nil }
        watcher.withLock { $0?.cancel(); $0 = nil }
    }

    deinit { stop() }

    /// A read-only connection of its own: `data_version` changes when any other connection commits.
    private static func openProbe(_ location: URL) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(1)
        return try DatabaseQueue(path: location.path, configuration: configuration)
    }

    private static func dataVersion(_ probe: DatabaseQueue) throws -> Int? {
        try probe.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
    }
}
