import Foundation
import GRDB

/// Whether one more job fits under the caps: for each cap that applies to it (today, this month,
/// its batch; overall and for its provider) the money already spent, the money of jobs in flight,
/// this job's estimate, against the cap. Runs inside the journal transaction that records or takes
/// the job, so two processes cannot both pass a cap with the last dollar. Sandbox jobs are never
/// charged and never counted. A job whose outcome is uncertain counts as spent.
public struct BudgetCheck: Sendable {
    public let caps: BudgetCaps

    public init(caps: BudgetCaps) {
        self.caps = caps
    }

    /// Why `record` may not go now, with the numbers; nil when it fits (or it costs nothing).
    public func refusal(for record: GenerationRecord, batchID: String?, in db: Database, now: Date) throws -> BudgetRefusal? {
        guard !caps.isEmpty, !record.synthetic, let cost = record.costEstimateUSD, cost > 0 else { return nil }
        let calendar = Calendar.current
        let day = calendar.startOfDay(for: now)
        let month = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? day
        var scopes: [(name: String, key: String, cap: Double?, provider: String?, since: Date?, batch: String?)] = [
            ("today", "daily_usd under [budget]", caps.overall.dailyUSD, nil, day, nil),
            ("this month", "monthly_usd under [budget]", caps.overall.monthlyUSD, nil, month, nil),
        ]
        if let batchID { scopes.append(("batch \(batchID)", "batch_usd under [budget]", caps.overall.batchUSD, nil, nil, batchID)) }
        if let limits = caps.providers[record.provider] {
            let section = "[budget.providers.\(record.provider)]"
            scopes.append(("\(record.provider) today", "daily_usd under \(section)", limits.dailyUSD, record.provider, day, nil))
            scopes.append(("\(record.provider) this month", "monthly_usd under \(section)", limits.monthlyUSD, record.provider, month, nil))
            if let batchID {
                scopes.append(("\(record.provider) in batch \(batchID)", "batch_usd under \(section)", limits.batchUSD, record.provider, nil, batchID))
            }
        }
        for scope in scopes {
            guard let cap = scope.cap else { continue }
            let (spent, inFlight, queued) = try Self.sums(db, provider: scope.provider, since: scope.since, batch: scope.batch, excluding: record.id)
            if spent + inFlight + cost > cap + 1e-9 {
                return BudgetRefusal(scope: scope.name, spentUSD: spent, inFlightUSD: inFlight, queuedUSD: queued, jobUSD: cost,
                                     capUSD: cap, setting: scope.key)
            }
        }
        return nil
    }

    /// Whether a new batch fits under the per-batch caps (`batch_usd`, overall and per provider) as a
    /// whole: a batch's cap never turns like a day's, so takes past it would wait for ever. `takes`
    /// are each take's provider and estimate; sandbox takes are left out by the caller.
    public func refusal(forBatch takes: [(provider: String, usd: Double)]) -> BudgetRefusal? {
        let total = takes.map(\.usd).reduce(0, +)
        if let cap = caps.overall.batchUSD, total > cap + 1e-9 {
            return BudgetRefusal(scope: "this batch", spentUSD: 0, inFlightUSD: 0, queuedUSD: 0, jobUSD: total, capUSD: cap,
                                 setting: "batch_usd under [budget]", subject: "this batch")
        }
        for provider in Set(takes.map(\.provider)).sorted() {
            guard let cap = caps.providers[provider]?.batchUSD else { continue }
            let subtotal = takes.filter { $0.provider == provider }.map(\.usd).reduce(0, +)
            if subtotal > cap + 1e-9 {
                return BudgetRefusal(scope: "\(provider) in this batch", spentUSD: 0, inFlightUSD: 0, queuedUSD: 0, jobUSD: subtotal,
                                     capUSD: cap, setting: "batch_usd under [budget.providers.\(provider)]", subject: "this batch's \(provider) takes")
            }
        }
        return nil
    }

    /// Money spent (charged, or perhaps charged), in flight (sent, not ended) and waiting in the queue,
    /// over the jobs of a scope, not counting the job being checked.
    static func sums(_ db: Database, provider: String?, since: Date?, batch: String?, excluding id: Int64?) throws -> (Double, Double, Double) {
        var clauses = ["synthetic = 0", "costEstimateUSD IS NOT NULL"]
        var arguments: [any DatabaseValueConvertible] = []
        if let provider { clauses.append("provider = ?"); arguments.append(provider) }
        if let since { clauses.append("createdAt >= ?"); arguments.append(StoredDate.text(since)) }
        if let batch { clauses.append("id IN (SELECT generationID FROM queue_entry WHERE batchID = ?)"); arguments.append(batch) }
        if let id { clauses.append("id != ?"); arguments.append(id) }
        let rows = try GenerationSummary.fetchAll(db, sql: "SELECT generation.* FROM generation WHERE " + clauses.joined(separator: " AND "),
                                                  arguments: StatementArguments(arguments))
        var spent = 0.0, inFlight = 0.0, queued = 0.0
        for row in rows {
            switch row.charge {
            case .charged(let usd), .uncertain(let usd): spent += usd
            case .pending(let usd): if row.record.status == .waiting { queued += usd } else { inFlight += usd }
            case .notCharged, .unpriced: break
            }
        }
        return (spent, inFlight, queued)
    }
}
