import Foundation

/// The operations the predict-shaped and gateway profiles accepted, and the video files every
/// profile made (an interaction's video is a file too): what they are, when the service forgets
/// them, and how another process's records are taken in.
struct GenerationStore: Sendable {
    var operations: [String: OperationRecord] = [:]
    var files: [String: FileRecord] = [:]
    /// Operations whose finished state has been seen by a poll (their renders were started).
    private var rendersStarted: Set<String> = []

    /// Restores persisted operations and files.
    init(operations: [OperationRecord] = [], files: [FileRecord] = []) {
        for operation in operations { self.operations[operation.id] = operation }
        for file in files { self.files[file.id] = file }
    }

    /// The files of an operation's videos (none while it failed).
    func videos(of record: OperationRecord) -> [FileRecord] {
        guard case .videos(let ids, _, _) = record.outcome else { return [] }
        return ids.compactMap { files[$0] }
    }

    /// True the first time it is asked for an operation: its renders start then.
    mutating func startRenders(of id: String) -> Bool {
        rendersStarted.insert(id).inserted
    }

    /// Every operation, oldest first, with its state at `now` and its videos.
    func snapshots(at now: Date) -> [(OperationSnapshot, [FileRecord])] {
        sortedOperations.map { (OperationSnapshot(record: $0, done: $0.isDone(at: now)), videos(of: $0)) }
    }

    /// Operations oldest first, as they are saved.
    var sortedOperations: [OperationRecord] {
        operations.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// Files oldest first, as they are saved.
    var sortedFiles: [FileRecord] {
        files.values.sorted { ($0.availableAt, $0.id) < ($1.availableAt, $1.id) }
    }

    /// Forgets what the service no longer retains: files one `retention` past their expiry (until
    /// then they answer "has expired"), and finished operations twice as old with no file left.
    /// Returns the forgotten files (their renders are removed by the caller) and how many records went.
    mutating func forgetExpired(now: Date, retention: TimeInterval) -> (files: [FileRecord], count: Int) {
        var forgottenFiles: [FileRecord] = []
        for (id, file) in files where file.expiresAt.addingTimeInterval(retention) <= now {
            files[id] = nil
            forgottenFiles.append(file)
        }
        let referenced = Set(files.values.map(\.operationID))
        var count = forgottenFiles.count
        for (id, operation) in operations
        where operation.finishAt.addingTimeInterval(2 * retention) <= now && !referenced.contains(id) {
            operations[id] = nil
            rendersStarted.remove(id)
            count += 1
        }
        return (forgottenFiles, count)
    }

    /// Takes another process's records this store does not hold: never one in `deleted`, nor one
    /// `forgetExpired` would already have forgotten.
    mutating func take(operations: [OperationRecord], files: [FileRecord], deleted: Set<String>, now: Date, retention: TimeInterval) {
        for operation in operations where self.operations[operation.id] == nil && !deleted.contains(operation.id)
            && operation.finishAt.addingTimeInterval(2 * retention) > now {
            self.operations[operation.id] = operation
        }
        for file in files where self.files[file.id] == nil && !deleted.contains(file.id)
            && file.expiresAt.addingTimeInterval(retention) > now {
            self.files[file.id] = file
        }
    }

    /// Forgets everything.
    mutating func removeAll() {
        operations = [:]
        files = [:]
        rendersStarted = []
    }
}
