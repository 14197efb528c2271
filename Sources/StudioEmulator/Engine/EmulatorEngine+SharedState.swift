import Foundation

extension EmulatorEngine {
    /// Every process of one home runs its own sandbox on the same state directory (the studio, a
    /// CLI `generate`, a `resume`): a job one of them took must be known to the others, or a job
    /// taken over from a process that ended is "not found". So each request first takes what another
    /// process wrote to the shared state file since this engine last read or wrote it, and every
    /// save merges before it writes.
    func syncWithSharedState() {
        guard let store, store.stamp() != lastSeenState else { return }
        store.withLock {
            take((try? store.load()) ?? nil)
            lastSeenState = store.stamp()
        }
    }

    /// Takes the records of a stored state this engine does not hold: never one it deleted, nor one
    /// its own expiry would already have forgotten.
    func take(_ state: PersistedState?) {
        guard let state else { return }
        let now = clock.now()
        let retention = options.retention.timeInterval
        generations.take(operations: state.operations, files: state.files, deleted: deletedIDs, now: now, retention: retention)
        interactions.take(state.interactions ?? [], deleted: deletedIDs)
        fileUploads.take(state.uploadedFiles ?? [], deleted: deletedIDs)
        for object in state.objects ?? [] where objects.objects[object.key] == nil { objects.put(object) }
        for token in state.tokens ?? [] where tokens.expiry(of: token.token) == nil { tokens.add(token.token, expiresAt: token.expiresAt) }
    }
}
