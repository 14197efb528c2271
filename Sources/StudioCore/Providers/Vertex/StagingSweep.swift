import Foundation

/// Removes staged inline videos that no job will claim: the folder of a job that ended (a kill
/// between two claims can leave a sample staged again by a re-poll), and a folder older than
/// `minimumAge` whose operation is not a job the journal still tracks (unfinished, or unknown with
/// an operation). What a live job staged, or what another process is writing now, is kept.
public enum StagingSweep {
    /// Returns how many folders were removed.
    @discardableResult
    public static func sweep(_ staging: URL, journal: Journal, now: Date = Date(), minimumAge: TimeInterval = 3600) -> Int {
        guard let folders = try? FileManager.default.contentsOfDirectory(at: staging, includingPropertiesForKeys: [.contentModificationDateKey]),
              !folders.isEmpty else { return 0 }
        guard let tracked = try? journal.unfinished() + journal.unknownWithOperation() else { return 0 }
        let claimed = Set(tracked.compactMap(\.operationName).map(VertexAIProvider.stagingFolderName))
        let ended = Set(((try? journal.finishedOperationNames()) ?? []).map(VertexAIProvider.stagingFolderName))
        var removed = 0
        for folder in folders where !claimed.contains(folder.lastPathComponent) {
            if ended.contains(folder.lastPathComponent) {
                if (try? FileManager.default.removeItem(at: folder)) != nil { removed += 1 }
                continue
            }
            let modified = (try? folder.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? now
            guard now.timeIntervalSince(modified) >= minimumAge else { continue }
            if (try? FileManager.default.removeItem(at: folder)) != nil { removed += 1 }
        }
        return removed
    }
}
