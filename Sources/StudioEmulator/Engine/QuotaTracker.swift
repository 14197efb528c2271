import Foundation

/// Sliding one-minute window of submits per API key and model.
struct QuotaTracker: Sendable {
    private var windows: [String: [Date]] = [:]

    /// Records a submit if it fits under `limit`; otherwise returns the seconds until a slot frees.
    mutating func admit(key: String, model: String, now: Date, limit: Int, window: TimeInterval = 60) -> Int? {
        let bucket = "\(key)\u{0}\(model)"
        var stamps = windows[bucket, default: []].filter { now.timeIntervalSince($0) < window }
        if stamps.count >= max(limit, 0) {
            let oldest = stamps.first ?? now
            let wait = window - now.timeIntervalSince(oldest)
            windows[bucket] = stamps
            return max(1, Int(wait.rounded(.up)))
        }
        stamps.append(now)
        windows[bucket] = stamps
        return nil
    }

    /// Forgets every window.
    mutating func reset() {
        windows = [:]
    }
}
