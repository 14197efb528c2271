import Foundation

/// Money spent today and this month (charged, and may be charged) and in flight, over every
/// provider, for the studio's status line; sandbox jobs are never counted.
public struct Spending: Sendable, Hashable {
    public var todayUSD: Double
    public var monthUSD: Double
    public var inFlightUSD: Double

    public init(todayUSD: Double = 0, monthUSD: Double = 0, inFlightUSD: Double = 0) {
        self.todayUSD = todayUSD
        self.monthUSD = monthUSD
        self.inFlightUSD = inFlightUSD
    }

    /// The sums now, from the journal.
    public static func read(_ journal: Journal, now: Date = Date()) throws -> Spending {
        let calendar = Calendar.current
        let day = calendar.startOfDay(for: now)
        let month = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? day
        return try journal.writer.read { db in
            let (today, flying, _) = try BudgetCheck.sums(db, provider: nil, since: day, batch: nil, excluding: nil)
            let (thisMonth, _, _) = try BudgetCheck.sums(db, provider: nil, since: month, batch: nil, excluding: nil)
            return Spending(todayUSD: today, monthUSD: thisMonth, inFlightUSD: flying)
        }
    }

    /// `today $4.80 of $10.00 · month $52.10 of $200.00 · $3.20 in flight` (caps where set); nil when
    /// nothing was spent and no cap is set.
    public func line(caps: BudgetCaps.Limits) -> String? {
        guard todayUSD > 0 || monthUSD > 0 || inFlightUSD > 0 || !caps.isEmpty else { return nil }
        func part(_ name: String, _ usd: Double, _ cap: Double?) -> String {
            "\(name) \(CostEstimate.dollars(usd))" + (cap.map { " of \(CostEstimate.dollars($0))" } ?? "")
        }
        var parts = [part("spent today", todayUSD, caps.dailyUSD), part("month", monthUSD, caps.monthlyUSD)]
        if inFlightUSD > 0 { parts.append("\(CostEstimate.dollars(inFlightUSD)) in flight") }
        return parts.joined(separator: " · ")
    }
}
