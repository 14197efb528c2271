import Foundation

/// Lognormal generation latency per model: `median * exp(sigma * z)`, clipped to the
/// documented 11 s … 6 min, then divided by `speed`.
struct LatencyModel: Sendable {
    var sigma: Double
    var minSeconds: Double
    var maxSeconds: Double
    var speed: Double

    /// Seconds until an operation with this median finishes.
    func sample(median: Double, using random: inout SeededGenerator) -> TimeInterval {
        // Box-Muller; 1 - u keeps the logarithm finite.
        let u1 = 1 - random.nextUnit()
        let u2 = random.nextUnit()
        let z = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        let raw = median * exp(sigma * z)
        let clipped = min(max(raw, minSeconds), maxSeconds)
        return clipped / max(speed, 1e-9)
    }
}
