/// A batch validated and priced before anything is sent: one item per take of each line, every
/// problem by line and field, and what the whole batch costs if every take succeeds.
public struct BatchPlan: Sendable {
    /// One take of one line, ready to queue.
    public struct Item: Sendable {
        public var line: Int
        /// 1-based take of the line.
        public var take: Int
        public var prepared: PreparedGeneration
        public var costUSD: Double? { prepared.report.cost?.usd }
    }

    public var name: String
    public var lines: Int
    public var items: [Item]
    public var problems: [BatchProblem]

    /// True when every line is valid (and there is at least one).
    public var isValid: Bool { problems.isEmpty && !items.isEmpty }
    /// What every take costs together if each succeeds.
    public var totalUSD: Double { items.compactMap(\.costUSD).reduce(0, +) }
    /// Takes without a known price (a reseller without its own prices).
    public var unpriced: Int { items.filter { $0.costUSD == nil }.count }
}
