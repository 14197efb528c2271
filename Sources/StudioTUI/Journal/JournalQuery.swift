import StudioCore

/// What the open views ask of the journal: History's search and filter, the generation whose
/// detail pane is open, the conversation being followed. The runtime reads the journal again
/// whenever this changes or the journal does.
public struct JournalQuery: Hashable, Sendable {
    public var historyText = ""
    public var historyFilter = HistoryFilter()
    public var detailID: Int64?
    public var conversationTipID: Int64?

    public init(historyText: String = "", historyFilter: HistoryFilter = HistoryFilter(), detailID: Int64? = nil,
                conversationTipID: Int64? = nil) {
        self.historyText = historyText
        self.historyFilter = historyFilter
        self.detailID = detailID
        self.conversationTipID = conversationTipID
    }

    /// Whether History's rows answer the same search and filter.
    func sameHistory(as other: JournalQuery) -> Bool {
        historyText == other.historyText && historyFilter == other.historyFilter
    }
}
