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

    /// Fits the history when it has enough finished jobs (≥ 5), else keeps the prior.
    public static func fitted(history: [Double], prior: LatencyModel) -> LatencyModel {
        let logs = history.filter { $0 > 0 }.map { Foundation.log($0) }
        guard logs.count >= 5 else { return prior }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let variance = logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count - 1)
        return LatencyModel(medianSeconds: exp(mean), sigma: sqrt(variance))
    }

    /// The same shape on a faster or slower clock (the sandbox runs faster than real time).
    public func scaled(by factor: Double) -> LatencyModel {
        LatencyModel(medianSeconds: medianSeconds * factor, sigma: sigma)
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
}
