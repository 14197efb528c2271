import Foundation

/// The expected time from submit to done, as a lognormal distribution (median, sigma),
/// from the registry or fitted to this model's history.
public struct LatencyModel: Sendable, Hashable, Codable {
    public var medianSeconds: Double
    public var sigma: Double

    public init(medianSeconds: Double, sigma: Double) {
        self.medianSeconds = max(0.01, medianSeconds)
        self.sigma = min(max(sigma, 0.1), 2)
    }

    /// Combines the history with the prior (the registry's figure counted as `priorWeight` earlier
    /// jobs), so a short or unlucky history cannot pull the schedule far off; needs ≥ 5 jobs.
    public static func fitted(history: [Double], prior: LatencyModel, priorWeight: Double = 20) -> LatencyModel {
        let logs = history.filter { $0 > 0 }.map { Foundation.log($0) }
        guard logs.count >= 5 else { return prior }
        let n = Double(logs.count)
        let mean = logs.reduce(0, +) / n
        let variance = logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        let priorMean = Foundation.log(prior.medianSeconds)
        let combinedMean = (n * mean + priorWeight * priorMean) / (n + priorWeight)
        let combinedVariance = (n * variance + priorWeight * prior.sigma * prior.sigma) / (n + priorWeight)
        return LatencyModel(medianSeconds: exp(combinedMean), sigma: combinedVariance.squareRoot())
    }

    /// P(still running at t).
    public func survival(_ t: Double) -> Double {
        guard t > 0 else { return 1 }
        return 0.5 * erfc((Foundation.log(t) - Foundation.log(medianSeconds)) / (sigma * 2.0.squareRoot()))
    }

    /// Density of finishing at t.
    public func density(_ t: Double) -> Double {
        guard t > 0 else { return 0 }
        let z = (Foundation.log(t) - Foundation.log(medianSeconds)) / sigma
        return exp(-z * z / 2) / (t * sigma * (2 * Double.pi).squareRoot())
    }

    /// Quantile by bisection (for ETAs: "likely done between p25 and p75").
    public func quantile(_ p: Double) -> Double {
        var low = 0.0, high = medianSeconds * 50
        for _ in 0..<60 {
            let mid = (low + high) / 2
            if 1 - survival(mid) < p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    /// Seconds still to wait, at probability `p`, for a job already running `elapsed` seconds
    /// (the quantile of the remaining time; an honest ETA range without invented percentages).
    public func remaining(after elapsed: Double, quantile p: Double) -> Double {
        let alive = survival(elapsed)
        guard alive > 1e-9 else { return 0 }
        let target = 1 - alive * (1 - p)
        var low = elapsed, high = max(elapsed * 2, medianSeconds * 50)
        for _ in 0..<60 {
            let mid = (low + high) / 2
            if 1 - survival(mid) < target { low = mid } else { high = mid }
        }
        return max(0, (low + high) / 2 - elapsed)
    }
}
