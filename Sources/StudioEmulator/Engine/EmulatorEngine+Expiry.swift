import Foundation

extension EmulatorEngine {
    /// Forgets, at most every `expirySweepSeconds`, what the service no longer retains: files one
    /// retention past their expiry (until then they answer "has expired", after it "not found"),
    /// with their rendered MP4s, and finished operations as old with no file left. The emulator
    /// then holds what a long run still needs, not all it ever made.
    func forgetExpired(now: Date) {
        guard now.timeIntervalSince(lastExpirySweep) >= Self.expirySweepSeconds else { return }
        lastExpirySweep = now
        var forgotten = 0
        let retention = options.retention.timeInterval
        for (id, file) in files where file.expiresAt.addingTimeInterval(retention) <= now {
            files[id] = nil
            try? FileManager.default.removeItem(at: renderer.outputURL(for: file.id))
            forgotten += 1
        }
        let referenced = Set(files.values.map(\.operationID))
        for (id, operation) in operations
        where operation.finishAt.addingTimeInterval(2 * retention) <= now && !referenced.contains(id) {
            operations[id] = nil
            prefetched.remove(id)
            forgotten += 1
        }
        if forgotten > 0 {
            logger.debug("forgot \(forgotten) expired operations and files")
            persist()
        }
    }
}
