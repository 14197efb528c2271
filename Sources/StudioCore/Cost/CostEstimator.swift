/// Estimates the cost of a draft from the price table.
public struct CostEstimator: Sendable {
    public let prices: PriceTable
    /// Seconds an extension adds, and bills.
    public static let extensionSeconds = 7

    public init(prices: PriceTable) { self.prices = prices }

    /// The estimate for a family on a provider (by its rules id), or nil when no price is known.
    public func estimate(family: String?, rulesProvider: String, mode: GenerationMode,
                         effective: EffectiveParameters) -> CostEstimate? {
        guard let family,
              let entry = prices.entry(family: family, provider: rulesProvider, resolution: effective.resolution)
        else { return nil }
        let seconds = mode == .extendVideo ? Self.extensionSeconds : effective.durationSeconds
        let perSecond = effective.generateAudio ? entry.audio : entry.silent
        let samples = max(1, effective.sampleCount)
        return CostEstimate(usd: perSecond * Double(seconds * samples), pricePerSecond: perSecond,
                            billedSeconds: seconds, samples: samples, withAudio: effective.generateAudio,
                            source: entry.source, asOf: entry.as_of)
    }
}
