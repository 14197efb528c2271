import Foundation

/// One job in the ledger: what it was estimated to cost when it was sent, and whether it is charged
/// as it ended (`Charge`: charged, not charged with the reason, may be charged, pending, unpriced).
public struct LedgerEntry: Sendable, Hashable {
    public var id: Int64
    public var createdAt: Date
    public var provider: String
    public var model: String
    public var batch: String?
    public var status: JobStatus
    /// Sandbox jobs are never charged: the amount is what the real service would have charged.
    public var synthetic: Bool
    public var estimateUSD: Double?
    public var charge: Charge

    public init(id: Int64, createdAt: Date, provider: String, model: String, batch: String?, status: JobStatus, synthetic: Bool,
                estimateUSD: Double?, charge: Charge) {
        self.id = id
        self.createdAt = createdAt
        self.provider = provider
        self.model = model
        self.batch = batch
        self.status = status
        self.synthetic = synthetic
        self.estimateUSD = estimateUSD
        self.charge = charge
    }

    /// `charged`, `not charged`, `may be charged`, `in flight`, `waiting`, `unpriced`; `sandbox` for a
    /// sandbox job (its amount is what the real service would have charged).
    public var state: String {
        if synthetic { return "sandbox" }
        switch charge {
        case .charged: return "charged"
        case .notCharged: return "not charged"
        case .uncertain: return "may be charged"
        case .pending: return status == .waiting ? "waiting" : "in flight"
        case .unpriced: return "unpriced"
        }
    }

    /// The money the state stands for (0 when not charged or unpriced).
    public var amountUSD: Double {
        switch charge {
        case .charged(let usd), .uncertain(let usd), .pending(let usd): return usd
        case .notCharged, .unpriced: return 0
        }
    }

    /// Why nothing is charged, when nothing is.
    public var reason: String? {
        if case .notCharged(let reason) = charge { return reason }
        return nil
    }
}
