import StudioCore

/// What the open views ask of the journal: History's search and filter, the generation whose
/// detail pane is open, the conversation being followed, the storyboard shown. The runtime reads the journal again
/// whenever this changes or the journal does.
public struct JournalQuery: Hashable, Sendable {
    public var historyText = ""
    public var historyFilter = HistoryFilter()
    /// How many of History's newest rows to read: a page, and another as the cursor nears the end.
    public var historyLimit = JournalQuery.historyPage
    public var detailID: Int64?
    public var conversationTipID: Int64?
    /// The Storyboard screen is open: its boards are read, and the one shown in full.
    public var storyboards = false
    public var boardID: String?

    public init(historyText: String = "", historyFilter: HistoryFilter = HistoryFilter(), historyLimit: Int = JournalQuery.historyPage,
                detailID: Int64? = nil, conversationTipID: Int64? = nil, storyboards: Bool = false, boardID: String? = nil) {
        self.historyText = historyText
        self.historyFilter = historyFilter
        self.historyLimit = historyLimit
        self.detailID = detailID
        self.conversationTipID = conversationTipID
        self.storyboards = storyboards
        self.boardID = boardID
    }

    /// Rows History reads at a time (newest first): enough to fill a tall terminal, cheap per keystroke.
    public static let historyPage = 100

    /// Whether History's rows answer the same search and filter (a longer page is the same question).
    func sameHistory(as other: JournalQuery) -> Bool {
        historyText == other.historyText && historyFilter == other.historyFilter
    }
}
