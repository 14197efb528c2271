import Foundation

/// When to poll an operation: dense where jobs usually finish, sparse before and after.
///
/// The interval at elapsed time t is `c / sqrt(hazard(t))`, the schedule that minimises the
/// expected number of polls for a given expected detection delay; `c` is solved so that the
/// expected delay under the latency model equals `targetDelay`.
public struct PollSchedule: Sendable, Hashable {
    /// Poll times, in seconds after submit.
    public let offsets: [Double]
    public let model: LatencyModel
    public let minimumInterval: Double
    public let maximumInterval: Double

    /// The expected detection delay aimed at on the real service's clock: a little under the 5 s
    /// that polling every 10 s gives.
    public static let defaultTargetDelay = 4.6

    public init(model: LatencyModel, targetDelay: Double = PollSchedule.defaultTargetDelay) {
        self.model = model
        let median = model.medianSeconds
        minimumInterval = min(2, max(0.05, median * 0.03))
        maximumInterval = min(60, max(minimumInterval, median * 0.8))
        let key = SolvedKey(model: model, targetDelay: targetDelay)
        if let known = Self.solved.withLock({ $0[key] }) {
            offsets = known
            return
        }
        var low = 0.01, high = 50.0
        var best = Self.build(model: model, c: low, minimum: minimumInterval, maximum: maximumInterval)
        for _ in 0..<40 {
            let c = (low + high) / 2
            let candidate = Self.build(model: model, c: c, minimum: minimumInterval, maximum: maximumInterval)
            if Self.expectedDelay(candidate, model: model) <= targetDelay {
                best = candidate
                low = c
            } else {
                high = c
            }
        }
        offsets = best
        Self.solved.withLock { known in
            if known.count >= 64 { known.removeAll() }
            known[key] = best
        }
    }

    /// Schedules solved in this process: every job of a batch on one model shares its latency model,
    /// so the search (some hundred thousand density evaluations) runs once, not once per job.
    private struct SolvedKey: Hashable {
        let model: LatencyModel
        let targetDelay: Double
    }
    private static let solved = LockedBox<[SolvedKey: [Double]]>([:])

    /// Polling at a fixed interval (the baseline the adaptive schedule is measured against).
    public static func fixed(every interval: Double) -> PollSchedule {
        PollSchedule(offsets: (1...2_000).map { Double($0) * interval }, model: LatencyModel(medianSeconds: 75, sigma: 0.5),
                     minimumInterval: interval, maximumInterval: interval)
    }

    private init(offsets: [Double], model: LatencyModel, minimumInterval: Double, maximumInterval: Double) {
        self.offsets = offsets
        self.model = model
        self.minimumInterval = minimumInterval
        self.maximumInterval = maximumInterval
    }

    /// Seconds to wait from `elapsed` (since submit) to the next poll, never less than the minimum interval.
    public func nextDelay(elapsed: Double, sinceLastPoll: Double) -> Double {
        // The tolerance keeps a poll made right at an offset from choosing that same offset again.
        let next = offsets.first { $0 > elapsed + 1e-3 } ?? (elapsed + maximumInterval)
        let wait = next - elapsed
        return max(wait, minimumInterval - sinceLastPoll, 0)
    }

    static func build(model: LatencyModel, c: Double, minimum: Double, maximum: Double) -> [Double] {
        var times: [Double] = []
        var t = 0.0
        let horizon = model.quantile(0.999)
        while t < horizon, times.count < 400 {
            var step = maximum
            for _ in 0..<3 {
                let hazard = model.density(t + step / 2) / max(model.survival(t + step / 2), 1e-12)
                step = min(max(c / max(hazard, 1e-9).squareRoot(), minimum), maximum)
            }
            t += step
            times.append(t)
        }
        return times
    }

    /// The expected delay between finishing and being noticed, under the model.
    static func expectedDelay(_ times: [Double], model: LatencyModel) -> Double {
        var total = 0.0
        var previous = 0.0
        for time in times {
            // Integrate (time - T) f(T) over (previous, time] with a few midpoints.
            let steps = 8
            let width = (time - previous) / Double(steps)
            for index in 0..<steps {
                let t = previous + (Double(index) + 0.5) * width
                total += (time - t) * model.density(t) * width
            }
            previous = time
        }
        return total
    }
}
