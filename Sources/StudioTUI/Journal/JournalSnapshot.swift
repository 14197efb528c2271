import Foundation
import StudioCore

/// The journal as the open views show it, read in one go: Operations' jobs, History's rows for
/// its search and filter, the open detail pane's generation, the followed conversation. Every
/// view draws from this one value, so they all show the same moment of the journal.
public struct JournalSnapshot: Sendable {
    /// The question this reading answers.
    public var query: JournalQuery
    public var operations: [GenerationSummary] = []
    public var history: [GenerationSummary] = []
    /// The open detail pane's generation (nil when none is open, or it left the journal).
    public var detail: GenerationDetail?
    /// The followed conversation's chain (nil when none is open, or it left the journal).
    public var conversation: ConversationChain?
    /// Each running job's model latency, by `latencyKey`, for ETAs.
    public var latencies: [String: LatencyModel] = [:]
    /// What was spent today and this month, and the caps, for the status line.
    public var spending = Spending()
    public var caps = BudgetCaps.Limits()
    /// The storyboards (newest first) and the one shown in full, while the Storyboard screen is open.
    public var storyboards: [StoryboardRecord] = []
    public var board: StoryboardState?

    public init(query: JournalQuery, operations: [GenerationSummary] = [], history: [GenerationSummary] = [],
                detail: GenerationDetail? = nil, conversation: ConversationChain? = nil, latencies: [String: LatencyModel] = [:]) {
        self.query = query
        self.operations = operations
        self.history = history
        self.detail = detail
        self.conversation = conversation
        self.latencies = latencies
    }

    /// The key of a provider and model in `latencies`.
    public static func latencyKey(_ record: GenerationRecord) -> String { record.provider + "\u{1}" + record.model }

    /// A generation the reading holds (Operations' rows, then History's).
    public func summary(_ id: Int64) -> GenerationSummary? {
        operations.first { $0.id == id } ?? history.first { $0.id == id }
    }
}
