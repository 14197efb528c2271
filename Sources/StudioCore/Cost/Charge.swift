/// What a generation costs as it ended: the one answer History, the detail pane, an extension's
/// chain, Operations and `show` all give. The amount is the journal's estimate, scaled to the videos
/// actually made; a sandbox job's amount is what the real service would have charged (nothing is).
public enum Charge: Hashable, Sendable {
    /// Waiting in the queue or being made: what it costs if it succeeds.
    case pending(Double)
    /// Videos were made, so they are charged.
    case charged(Double)
    /// No video was made, so nothing is charged; the reason in a few words.
    case notCharged(String)
    /// The service may still make the video and charge it (a Veo job the studio stopped watching,
    /// a job whose outcome is unknown).
    case uncertain(Double)
    /// No price is known for this model on this provider.
    case unpriced

    /// The error code of a job cancelled on the service before any video (a Gemini Omni interaction).
    public static let cancelledOnServiceCode = "cancelled.on_service"
    /// The error code of a job cancelled after its video was made (while it downloaded).
    public static let cancelledAfterVideoCode = "cancelled.after_video"
    /// The error code of a job taken out of the studio's queue before it was sent.
    public static let removedFromQueueCode = "queue.removed"

    public init(record: GenerationRecord, samplesAsked: Int?, videosMade: Int) {
        guard let estimate = record.costEstimateUSD else {
            self = .unpriced
            return
        }
        let asked = max(1, samplesAsked ?? 1)
        let share = videosMade > 0 ? estimate * Double(min(videosMade, asked)) / Double(asked) : estimate
        switch record.status {
        case .waiting, .submitting, .queued, .running:
            self = .pending(estimate)
        case .downloading, .done:
            self = .charged(share)
        case .filtered:
            self = videosMade > 0 ? .charged(share) : .notCharged("the safety filter blocked it; blocked videos are not charged")
        case .failed:
            self = videosMade > 0 ? .charged(share) : .notCharged("it failed without a video")
        case .cancelled:
            switch record.errorCode {
            case Self.cancelledOnServiceCode: self = .notCharged("cancelled on the service before a video was made")
            case Self.removedFromQueueCode: self = .notCharged("removed from the queue before it was sent")
            case Self.cancelledAfterVideoCode: self = .charged(share)
            default: self = videosMade > 0 ? .charged(share) : .uncertain(estimate)
            }
        case .unknown:
            self = .uncertain(estimate)
        }
    }

    /// The amount that counts towards what was spent (a chain's cost, a ledger): charged money only.
    public var spentUSD: Double {
        if case .charged(let usd) = self { return usd }
        return 0
    }

    /// A table cell: `$3.20`, `$0`, `$3.20?` (may be charged), `—` (no price). A sandbox job's amount
    /// starts with `~`: what the real service would have charged.
    public func cell(synthetic: Bool) -> String {
        let mark = synthetic ? "~" : ""
        switch self {
        case .pending(let usd), .charged(let usd): return mark + CostEstimate.dollars(usd)
        case .uncertain(let usd): return mark + CostEstimate.dollars(usd) + "?"
        case .notCharged: return "$0"
        case .unpriced: return "—"
        }
    }

    /// A sentence for the detail pane and `show`.
    public func sentence(synthetic: Bool, provider: String) -> String {
        if synthetic {
            switch self {
            case .pending(let usd): return "sandbox: nothing is charged; on the real service this would cost \(CostEstimate.dollars(usd)) if it succeeds"
            case .charged(let usd): return "sandbox: nothing was charged; the real service would have charged \(CostEstimate.dollars(usd))"
            case .uncertain(let usd): return "sandbox: nothing was charged; on the real service it may still be charged \(CostEstimate.dollars(usd))"
            case .notCharged(let reason): return "sandbox: nothing was charged, and the real service would not charge it either: \(reason)"
            case .unpriced: return "sandbox: nothing was charged; no price is known for this model on \(provider)"
            }
        }
        switch self {
        case .pending(let usd): return "estimate \(CostEstimate.dollars(usd)), charged only if it succeeds"
        case .charged(let usd): return "charged \(CostEstimate.dollars(usd)) (estimate from the dated price table)"
        case .uncertain(let usd): return "may be charged \(CostEstimate.dollars(usd)): the service may still have made it — check the provider's console"
        case .notCharged(let reason): return "not charged: \(reason)"
        case .unpriced: return "no price is known for this model on \(provider)"
        }
    }
}
