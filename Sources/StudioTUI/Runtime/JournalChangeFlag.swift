import Synchronization

/// Set by the journal's change signal (on any thread), taken by the loop: the journal changed
/// since the loop last read it.
final class JournalChangeFlag: Sendable {
    private let changed = Atomic<Bool>(false)

    func set() { changed.store(true, ordering: .releasing) }

    /// True once after each change.
    func take() -> Bool { changed.exchange(false, ordering: .acquiringAndReleasing) }
}
