import Foundation

/// The emulator's latency distribution, exposed so benchmarks measure polling against exactly
/// what the emulator serves (same rules file, same lognormal model, same seeding).
public struct LatencySampler: Sendable {
    private let rules: ServerRules
    private let model: LatencyModel
    private var random: SeededGenerator

    public init(seed: UInt64, speed: Double = 1) throws {
        rules = try ServerRules.bundled()
        model = LatencyModel(sigma: rules.latency.sigma, minSeconds: rules.latency.minSeconds,
                             maxSeconds: rules.latency.maxSeconds, speed: speed)
        random = SeededGenerator.derived(from: seed, stream: 2)
    }

    /// Seconds from submit to done for one operation of a model (nil if the emulator does not know it).
    public mutating func sample(model id: String) -> TimeInterval? {
        guard let median = rules.models[id]?.latencyMedianSeconds else { return nil }
        return model.sample(median: median, using: &random)
    }
}
