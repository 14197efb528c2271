import Foundation

extension EmulatorEngine {
    /// Forgets, at most every `expirySweepSeconds`, what the service no longer retains: files one
    /// retention past their expiry (until then they answer "has expired", after it "not found"),
    /// with their rendered MP4s, and finished operations as old with no file left. The emulator
    /// then holds what a long run still needs, not all it ever made.
    func forgetExpired(now: Date) {
        guard now.timeIntervalSince(lastExpirySweep) >= Self.expirySweepSeconds else { return }
        lastExpirySweep = now
        let (files, forgotten) = generations.forgetExpired(now: now, retention: options.retention.timeInterval)
        for file in files {
            try? FileManager.default.removeItem(at: renderer.outputURL(for: file.id))
        }
        if forgotten > 0 {
            logger.debug("forgot \(forgotten) expired operations and files")
            persist()
        }
    }
}
