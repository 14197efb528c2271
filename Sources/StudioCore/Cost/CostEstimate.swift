/// What a generation should cost: price per second × billed seconds × samples, with the price's source.
public struct CostEstimate: Codable, Sendable, Hashable {
    public var usd: Double
    public var pricePerSecond: Double
    public var billedSeconds: Int
    public var samples: Int
    public var withAudio: Bool
    public var source: String
    public var asOf: String
    /// Set when the provider charges per request rather than per second.
    public var perRequest: Double?

    public init(usd: Double, pricePerSecond: Double, billedSeconds: Int, samples: Int, withAudio: Bool,
                source: String, asOf: String, perRequest: Double? = nil) {
        self.usd = usd
        self.pricePerSecond = pricePerSecond
        self.billedSeconds = billedSeconds
        self.samples = samples
        self.withAudio = withAudio
        self.source = source
        self.asOf = asOf
        self.perRequest = perRequest
    }

    /// `$3.20 (8 s × $0.40/s × 1, with audio; seeds/002, 2025-10)`, or per request `$0.40 ($0.40/request × 1; …)`.
    public var summary: String {
        if let perRequest {
            return "\(Self.dollars(usd)) (\(Self.dollars(perRequest))/request × \(samples); \(source), \(asOf))"
        }
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
