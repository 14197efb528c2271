/// Estimates the cost of a draft from the price table.
public struct CostEstimator: Sendable {
    public let prices: PriceTable
    /// Seconds an extension adds, and bills.
    public static let extensionSeconds = 7

    public init(prices: PriceTable) { self.prices = prices }

    /// The estimate for a family on a provider (by its rules id), or nil when no price is known.
    /// `billsRequestedSeconds`: the duration asked for is what is billed in every mode (Gemini Omni).
    /// `listPricesApply` is false for a reseller: Google's list prices are not its prices.
    public func estimate(family: String?, rulesProvider: String, mode: GenerationMode,
                         effective: EffectiveParameters, listPricesApply: Bool = true,
                         billsRequestedSeconds: Bool = false) -> CostEstimate? {
        guard let family,
              let entry = prices.entry(family: family, provider: rulesProvider, resolution: effective.resolution,
                                       listPricesApply: listPricesApply)
        else { return nil }
        // A Veo extension bills its fixed 7 s; Gemini Omni bills the seconds asked for (an extension's added length).
        let seconds = mode == .extendVideo && !billsRequestedSeconds ? Self.extensionSeconds : effective.durationSeconds
        let samples = max(1, effective.sampleCount)
        if let perRequest = entry.perRequest {
            return CostEstimate(usd: perRequest * Double(samples), pricePerSecond: perRequest / Double(max(1, seconds)),
                                billedSeconds: seconds, samples: samples, withAudio: effective.generateAudio,
                                source: entry.source, asOf: entry.as_of, perRequest: perRequest)
        }
        let perSecond = effective.generateAudio ? entry.audio : entry.silent
        return CostEstimate(usd: perSecond * Double(seconds * samples), pricePerSecond: perSecond,
                            billedSeconds: seconds, samples: samples, withAudio: effective.generateAudio,
                            source: entry.source, asOf: entry.as_of)
    }
}
