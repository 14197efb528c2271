/// Spending caps from config.toml: `[budget]` `daily_usd`, `monthly_usd`, `batch_usd`, and the same
/// keys under `[budget.providers.<id>]` for one provider. A cap not set is no cap.
public struct BudgetCaps: Sendable, Hashable {
    /// One set of caps (overall, or one provider's).
    public struct Limits: Sendable, Hashable {
        public var dailyUSD: Double?
        public var monthlyUSD: Double?
        public var batchUSD: Double?

        public init(dailyUSD: Double? = nil, monthlyUSD: Double? = nil, batchUSD: Double? = nil) {
            self.dailyUSD = dailyUSD
            self.monthlyUSD = monthlyUSD
            self.batchUSD = batchUSD
        }

        public var isEmpty: Bool { dailyUSD == nil && monthlyUSD == nil && batchUSD == nil }
    }

    public var overall = Limits()
    public var providers: [String: Limits] = [:]

    public init(overall: Limits = Limits(), providers: [String: Limits] = [:]) {
        self.overall = overall
        self.providers = providers
    }

    /// No cap anywhere.
    public var isEmpty: Bool { overall.isEmpty && providers.values.allSatisfy(\.isEmpty) }
}
