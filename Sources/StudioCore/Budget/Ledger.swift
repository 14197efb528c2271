import Foundation
import GRDB

/// What was spent and what is about to be: every job since a date as a `LedgerEntry`, and the same
/// grouped by day, model, provider or batch. Spent (charged, and may be charged) is kept apart from
/// committed (in flight, waiting). Sandbox jobs are listed but never counted: nothing is charged.
public struct Ledger: Sendable {
    /// How entries are grouped.
    public enum Grouping: String, Sendable, CaseIterable {
        case day, model, provider, batch
    }

    /// The sums of one group (or of everything).
    public struct Totals: Sendable, Hashable {
        public var key: String
        public var jobs = 0
        public var chargedUSD = 0.0
        public var uncertainUSD = 0.0
        public var inFlightUSD = 0.0
        public var waitingUSD = 0.0
        public var notCharged = 0
        public var unpriced = 0

        /// Spent: charged, and what may still be charged.
        public var spentUSD: Double { chargedUSD + uncertainUSD }
        /// About to be spent: in flight and waiting.
        public var committedUSD: Double { inFlightUSD + waitingUSD }

        /// `spent $6.40 ($3.20 charged, $3.20 may be charged) · committed $6.40 ($3.20 in flight, $3.20 waiting)`.
        public var sentence: String {
            let uncertain = uncertainUSD > 0 ? ", \(CostEstimate.dollars(uncertainUSD)) may be charged" : ""
            return "spent \(CostEstimate.dollars(spentUSD)) (\(CostEstimate.dollars(chargedUSD)) charged\(uncertain)) · "
                + "committed \(CostEstimate.dollars(committedUSD)) (\(CostEstimate.dollars(inFlightUSD)) in flight, "
                + "\(CostEstimate.dollars(waitingUSD)) waiting)"
        }

        mutating func add(_ entry: LedgerEntry) {
            jobs += 1
            guard !entry.synthetic else { return }
            switch entry.charge {
            case .charged(let usd): chargedUSD += usd
            case .uncertain(let usd): uncertainUSD += usd
            case .pending(let usd): if entry.status == .waiting { waitingUSD += usd } else { inFlightUSD += usd }
            case .notCharged: notCharged += 1
            case .unpriced: unpriced += 1
            }
        }
    }

    public var entries: [LedgerEntry]

    public init(entries: [LedgerEntry]) {
        self.entries = entries
    }

    /// The jobs created since `since` (everything when nil), oldest first.
    public static func read(_ journal: Journal, since: Date?) throws -> Ledger {
        try journal.writer.read { db in
            var sql = "SELECT generation.* FROM generation"
            var arguments: StatementArguments = []
            if let since {
                sql += " WHERE createdAt >= ?"
                arguments += [StoredDate.text(since)]
            }
            let rows = try GenerationSummary.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments)
            let batches = Dictionary(try Row.fetchAll(db, sql: "SELECT generationID, batchID FROM queue_entry WHERE batchID IS NOT NULL")
                .map { (($0["generationID"] as Int64), ($0["batchID"] as String)) }, uniquingKeysWith: { first, _ in first })
            return Ledger(entries: rows.map { row in
                LedgerEntry(id: row.id, createdAt: row.record.createdAt, provider: row.record.provider, model: row.record.model,
                            batch: batches[row.id], status: row.record.status, synthetic: row.record.synthetic,
                            estimateUSD: row.record.costEstimateUSD, charge: row.charge)
            })
        }
    }

    /// Everything added up.
    public var totals: Totals { entries.reduce(into: Totals(key: "all")) { $0.add($1) } }

    /// The sums per group, in the group's order (days oldest first, the rest by name).
    public func grouped(by grouping: Grouping) -> [Totals] {
        var groups: [String: Totals] = [:]
        for entry in entries {
            let key: String
            switch grouping {
            case .day: key = String(LocalTime.dateTime(entry.createdAt).prefix(10))
            case .model: key = entry.model
            case .provider: key = entry.provider
            case .batch: key = entry.batch ?? "—"
            }
            groups[key, default: Totals(key: key)].add(entry)
        }
        return groups.values.sorted { $0.key < $1.key }
    }
}
