/// Limits of tracking: the deadline and the backoff on 429 / 5xx / connection trouble.
public struct TrackerPolicy: Sendable, Hashable {
    /// Give up polling after this long since submit (the job becomes `unknown`, resumable).
    public var deadlineSeconds: Double = 15 * 60
    public var backoffBaseSeconds: Double = 2
    public var backoffMaxSeconds: Double = 60
    /// Download attempts before the job waits for a later `resume`.
    public var downloadAttempts: Int = 5

    public init(deadlineSeconds: Double = 15 * 60, backoffBaseSeconds: Double = 2, backoffMaxSeconds: Double = 60,
                downloadAttempts: Int = 5) {
        self.deadlineSeconds = deadlineSeconds
        self.backoffBaseSeconds = backoffBaseSeconds
        self.backoffMaxSeconds = backoffMaxSeconds
        self.downloadAttempts = downloadAttempts
    }

    /// Exponential backoff with full jitter; `Retry-After` wins when the server gives one.
    public func backoff(failures: Int, retryAfter: Double?, random: Double) -> Double {
        if let retryAfter, retryAfter > 0 { return retryAfter }
        let ceiling = min(backoffMaxSeconds, backoffBaseSeconds * pow2(max(0, failures - 1)))
        return max(backoffBaseSeconds / 2, ceiling * random)
    }

    private func pow2(_ n: Int) -> Double { Double(1 << min(n, 20)) }
}
