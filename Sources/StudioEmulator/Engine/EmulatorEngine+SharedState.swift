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
        for operation in state.operations where operations[operation.id] == nil && !deletedIDs.contains(operation.id)
            && operation.finishAt.addingTimeInterval(2 * retention) > now {
            operations[operation.id] = operation
        }
        for file in state.files where files[file.id] == nil && !deletedIDs.contains(file.id)
            && file.expiresAt.addingTimeInterval(retention) > now {
            files[file.id] = file
        }
        for interaction in state.interactions ?? [] where interactions[interaction.id] == nil && !deletedIDs.contains(interaction.id) {
            interactions[interaction.id] = interaction
        }
        for upload in state.uploadedFiles ?? [] where uploadedFiles[upload.id] == nil && !deletedIDs.contains(upload.id) {
            uploadedFiles[upload.id] = upload
        }
        for object in state.objects ?? [] where objects.objects[object.key] == nil { objects.put(object) }
        for token in state.tokens ?? [] where tokens.expiry(of: token.token) == nil { tokens.add(token.token, expiresAt: token.expiresAt) }
    }
}
