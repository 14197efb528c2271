/// What a generation should cost: price per second × billed seconds × samples, with the price's source.
public struct CostEstimate: Codable, Sendable, Hashable {
    public var usd: Double
    public var pricePerSecond: Double
    public var billedSeconds: Int
    public var samples: Int
    public var withAudio: Bool
    public var source: String
    public var asOf: String

    /// `$3.20 (8 s × $0.40/s × 1, with audio; seeds/002, 2025-10)`.
    public var summary: String {
        let audio = withAudio ? "with audio" : "silent"
        return "\(Self.dollars(usd)) (\(billedSeconds) s × \(Self.dollars(pricePerSecond))/s × \(samples), \(audio); \(source), \(asOf))"
    }

    public static func dollars(_ value: Double) -> String {
        let cents = (value * 100).rounded()
        let whole = Int(cents) / 100
        let rest = Int(cents) % 100
        return "$\(whole).\(rest < 10 ? "0" : "")\(rest)"
    }
}
