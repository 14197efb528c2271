import Foundation

/// What History shows: any combination of mode, model, provider, status and age. Empty = everything.
public struct HistoryFilter: Hashable, Sendable {
    /// How far back History looks.
    public enum Age: String, CaseIterable, Hashable, Sendable {
        case any, today, week, month

        /// The earliest creation date shown, or nil for no limit.
        public func since(now: Date) -> Date? {
            switch self {
            case .any: return nil
            case .today: return Calendar.current.startOfDay(for: now)
            case .week: return now.addingTimeInterval(-7 * 86_400)
            case .month: return now.addingTimeInterval(-30 * 86_400)
            }
        }

        public var label: String {
            switch self {
            case .any: return "any date"
            case .today: return "today"
            case .week: return "last 7 days"
            case .month: return "last 30 days"
            }
        }
    }

    public var mode: GenerationMode?
    public var model: String?
    public var provider: String?
    public var status: JobStatus?
    public var age: Age = .any
    /// Only the jobs of one batch.
    public var batch: String?

    public init(mode: GenerationMode? = nil, model: String? = nil, provider: String? = nil, status: JobStatus? = nil,
                age: Age = .any, batch: String? = nil) {
        self.mode = mode
        self.model = model
        self.provider = provider
        self.status = status
        self.age = age
        self.batch = batch
    }

    public var isEmpty: Bool { mode == nil && model == nil && provider == nil && status == nil && age == .any && batch == nil }

    /// "mode Text · status done · last 7 days", or nil when nothing is filtered.
    public var summary: String? {
        var parts: [String] = []
        if let mode { parts.append("mode \(mode.displayName)") }
        if let model { parts.append("model \(model)") }
        if let provider { parts.append("provider \(provider)") }
        if let status { parts.append("status \(status.rawValue)") }
        if age != .any { parts.append(age.label) }
        if let batch { parts.append("batch \(batch)") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The SQL condition on the `generation` table and its arguments.
    func sqlCondition(now: Date) -> (sql: String, arguments: [any Sendable]) {
        var clauses: [String] = []
        var arguments: [any Sendable] = []
        if let mode { clauses.append("generation.mode = ?"); arguments.append(mode.rawValue) }
        if let model { clauses.append("generation.model = ?"); arguments.append(model) }
        if let provider { clauses.append("generation.provider = ?"); arguments.append(provider) }
        if let status { clauses.append("generation.status = ?"); arguments.append(status.rawValue) }
        if let since = age.since(now: now) { clauses.append("generation.createdAt >= ?"); arguments.append(StoredDate.text(since)) }
        if let batch {
            clauses.append("generation.id IN (SELECT generationID FROM queue_entry WHERE batchID = ?)")
            arguments.append(batch)
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }
}
