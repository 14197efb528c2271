import StudioCore

/// History's filter bar: one row per dimension (mode, model, provider, status, date, batch), Left/Right
/// cycles a row's value, Backspace clears it.
public struct HistoryFilterPanel: Sendable {
    public enum Row: Int, CaseIterable, Sendable {
        case mode, model, provider, status, age, batch

        public var label: String {
            switch self {
            case .mode: return "Mode"
            case .model: return "Model"
            case .provider: return "Provider"
            case .status: return "Status"
            case .age: return "Date"
            case .batch: return "Batch"
            }
        }
    }

    public var row: Row = .mode
    /// The models and providers the journal holds (the choices of those rows).
    public var models: [String]
    public var providers: [String]
    /// The batches the journal holds, newest first.
    public var batches: [String]

    public init(models: [String] = [], providers: [String] = [], batches: [String] = []) {
        self.models = models
        self.providers = providers
        self.batches = batches
    }

    /// Moves to the next (+1) or previous (-1) row, wrapping.
    public mutating func moveRow(by delta: Int) {
        let rows = Row.allCases
        row = rows[(row.rawValue + delta + rows.count) % rows.count]
    }

    /// The value shown for a row of a filter.
    public static func value(_ row: Row, of filter: HistoryFilter) -> String {
        switch row {
        case .mode: return filter.mode?.displayName ?? "any"
        case .model: return filter.model ?? "any"
        case .provider: return filter.provider ?? "any"
        case .status: return filter.status?.rawValue ?? "any"
        case .age: return filter.age.label
        case .batch: return filter.batch ?? "any"
        }
    }

    /// The states in the order people look for them: how jobs ended first, then those still going.
    public static let statusOrder: [JobStatus] = [.done, .failed, .filtered, .cancelled, .unknown, .running, .queued, .downloading, .submitting]

    /// Steps the row's value forward or back (any → first → … → last → any).
    public func cycle(_ filter: inout HistoryFilter, by delta: Int) {
        func step<T: Equatable>(_ current: T?, _ all: [T]) -> T? {
            let values: [T?] = [nil] + all.map(Optional.some)
            let index = values.firstIndex { $0 == current } ?? 0
            return values[(index + delta + values.count) % values.count]
        }
        switch row {
        case .mode: filter.mode = step(filter.mode, GenerationMode.allCases)
        case .model: filter.model = step(filter.model, models)
        case .provider: filter.provider = step(filter.provider, providers)
        case .status: filter.status = step(filter.status, Self.statusOrder)
        case .age:
            let all = HistoryFilter.Age.allCases
            let index = all.firstIndex(of: filter.age) ?? 0
            filter.age = all[(index + delta + all.count) % all.count]
        case .batch: filter.batch = step(filter.batch, batches)
        }
    }

    public func clear(_ filter: inout HistoryFilter) {
        switch row {
        case .mode: filter.mode = nil
        case .model: filter.model = nil
        case .provider: filter.provider = nil
        case .status: filter.status = nil
        case .age: filter.age = .any
        case .batch: filter.batch = nil
        }
    }
}
