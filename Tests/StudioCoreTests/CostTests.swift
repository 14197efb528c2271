import Testing
@testable import StudioCore

/// Price × seconds × samples from the dated table (veo-rules §7).
struct CostTests {
    static let estimator = CostEstimator(prices: Fixtures.prices)

    static func effective(_ seconds: Int, _ resolution: String, samples: Int = 1, audio: Bool = true) -> EffectiveParameters {
        EffectiveParameters(durationSeconds: seconds, aspectRatio: "16:9", resolution: resolution, sampleCount: samples, generateAudio: audio)
    }

    @Test(arguments: [
        ("veo-3.1", "vertex", GenerationMode.textToVideo, effective(8, "4k", samples: 2), 9.6),
        ("veo-3.1", "vertex", .textToVideo, effective(8, "720p", audio: false), 1.6),
        ("veo-3.1-fast", "vertex", .imageToVideo, effective(6, "720p", audio: false), 0.48),
        ("veo-3.1-fast", "gemini", .textToVideo, effective(8, "720p"), 1.2),
        ("veo-3.1", "gemini", .referenceImages, effective(8, "1080p"), 3.2),
        ("veo-3.1-lite", "vertex", .textToVideo, effective(4, "1080p"), 0.32),
        ("veo-2.0", "vertex", .textToVideo, effective(5, "720p", audio: false), 2.5),
        ("veo-3.1", "gemini", .extendVideo, effective(8, "720p"), 2.8),
    ])
    func estimate(_ family: String, _ provider: String, _ mode: GenerationMode, _ effective: EffectiveParameters, _ usd: Double) throws {
        let cost = try #require(Self.estimator.estimate(family: family, rulesProvider: provider, mode: mode, effective: effective))
        #expect(abs(cost.usd - usd) < 1e-9, "\(cost.summary)")
        #expect(!cost.source.isEmpty && !cost.asOf.isEmpty)
    }

    @Test func unknownCombinationHasNoPriceRatherThanAGuess() {
        #expect(Self.estimator.estimate(family: "veo-3.1-lite", rulesProvider: "vertex", mode: .textToVideo,
                                        effective: Self.effective(8, "4k")) == nil)
        #expect(Self.estimator.estimate(family: nil, rulesProvider: "gemini", mode: .textToVideo,
                                        effective: Self.effective(8, "720p")) == nil)
    }
}
