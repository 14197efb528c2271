import Foundation
import StudioCore
import TermUI

/// Everything the studio shows, as one value. Only `StudioUpdate.apply` changes it.
public struct AppModel: Sendable {
    public var screen: StudioScreen = .operations
    /// The screen Esc in the form goes back to.
    public var previousScreen: StudioScreen = .operations
    public var size = Size(width: 80, height: 24)
    public var showingHelp = false
    /// The help overlay's first shown row.
    public var helpOffset = 0
    public var now = Date()
    /// When this studio started: jobs that finish after it are announced.
    public var sessionStart = Date()
    /// Status line facts: the provider and whether outputs are synthetic.
    public var providerName = "sandbox"
    public var synthetic = true
    /// The registry the forms are built from.
    public var registry: CapabilityRegistry
    /// Submits above this estimate ask first (from the config).
    public var confirmCostAboveUSD = 2.0
    /// Colours the terminal shows (previews are drawn in true colour or the 256 palette).
    public var colors = 256
    /// Where the picker starts.
    public var workingDirectory = FileManager.default.currentDirectoryPath

    /// The journal as every view shows it (one reading for all of them).
    public var journal = JournalSnapshot(query: JournalQuery())
    /// True once the first reading arrived.
    public var journalRead = false
    public var operationsList = ListState()
    public var operationsTable = GenerationTable([], kind: .operations, width: 78)

    public var historyList = ListState()
    public var historyTable = GenerationTable([], kind: .history, width: 78)
    public var historySearch = TextEditorState()
    public var searching = false
    public var historyFilter = HistoryFilter()
    /// History's rows read so far (it reads another page as the cursor nears the last one).
    public var historyLimit = JournalQuery.historyPage
    public var filterPanel: HistoryFilterPanel?

    /// The Storyboard screen: the boards, the shots of the one selected, and which list has the cursor.
    public var boardsList = ListState()
    public var shotsList = ListState()
    public var shotsFocused = true
    /// Finished shots' first and last frames, by generation (asked once each).
    public var shotFrames: [Int64: [HalfBlockImage]] = [:]
    public var shotFramesAsked: Set<Int64> = []

    public var form: GenerateForm
    public var picker: ImagePicker?
    /// The problems of the form, listed in full (Ctrl-S with problems, or F5).
    public var problems: ProblemList?
    /// The presets panel (F6 on the form).
    public var presets: PresetPanel?
    /// Which sample `o` opens, when a job made several.
    public var sampleChooser: SampleChooser?

    /// A pane over the screen: details (live), curl, sidecar.
    public var panel: TextPanel?
    public var confirmation: Confirmation?
    /// The conversation pane over a Gemini Omni generation (over the screen and any detail pane).
    public var conversation: ConversationPane?

    /// A message shown on the status line (wrapped when long) until the next one, or until it has
    /// stood for `toastLifetime` seconds.
    public var toast: String?
    /// The message the clock last saw, and since when.
    var toastSeen: (text: String, since: Date)?
    public static let toastLifetime: TimeInterval = 20
    /// Conversation instructions typed and not sent, by the turn they follow (kept while the studio runs).
    public var instructions: [Int64: String] = [:]
    /// A job just sent: Operations puts its cursor on it once it is listed.
    public var followJob: Int64?
    /// Jobs whose end was announced, so each is announced once.
    public var announced: Set<Int64> = []
    /// Why a provider cannot send (no key, no base URL), by provider id, from the program's configuration.
    public var providerProblems: [String: ValidationIssue] = [:]

    public init(registry: CapabilityRegistry, provider: String = GenerationDraft.defaultProvider) {
        self.registry = registry
        self.providerName = provider
        self.form = GenerateForm(provider: provider)
    }

    public var operations: [GenerationSummary] { journal.operations }
    public var history: [GenerationSummary] { journal.history }

    /// What the open views ask of the journal now.
    public var journalQuery: JournalQuery {
        JournalQuery(historyText: historySearch.text, historyFilter: historyFilter, historyLimit: historyLimit,
                     detailID: panel?.kind == .detail ? panel?.generationID : nil, conversationTipID: conversation?.tipID,
                     storyboards: screen == .storyboard, boardID: screen == .storyboard ? selectedBoardID : nil)
    }

    /// Whether a text field has the keyboard (letters type instead of acting).
    public var inTextField: Bool {
        if confirmation != nil || showingHelp || sampleChooser != nil || problems != nil { return false }
        if let conversation { return conversation.focus == .instruction }
        guard picker == nil, panel == nil, filterPanel == nil else { return picker?.uriDraft != nil }
        switch screen {
        case .history: return searching
        case .generate: return [.prompt, .text, .number, .video].contains(form.focusedField(registry)?.kind)
        case .operations, .storyboard: return false
        }
    }

    /// The key-table scope the hint bar shows: the pane's keys while a pane is open.
    public var hintScope: KeyBinding.Scope {
        panel != nil && picker == nil && conversation == nil && !showingHelp ? .pane : keyScope
    }

    /// The key-table scope the keys are looked up in now.
    public var keyScope: KeyBinding.Scope {
        if conversation != nil { return .conversation }
        return picker != nil ? .picker : KeyBinding.Scope(screen)
    }

    /// The generation under the cursor on the current screen (or the open panel's).
    public var selectedID: Int64? {
        if let id = panel?.generationID { return id }
        switch screen {
        case .operations: return operations.indices.contains(operationsList.selected) ? operations[operationsList.selected].id : nil
        case .history: return history.indices.contains(historyList.selected) ? history[historyList.selected].id : nil
        case .storyboard: return selectedShot?.chosen?.job?.id
        case .generate: return nil
        }
    }

    /// The storyboard under the cursor on the Storyboard screen.
    public var selectedBoardID: String? {
        let boards = journal.storyboards
        return boards.indices.contains(boardsList.selected) ? boards[boardsList.selected].id : boards.first?.id
    }

    /// The shot under the cursor of the storyboard shown.
    public var selectedShot: StoryboardState.Shot? {
        guard let shots = journal.board?.shots, shots.indices.contains(shotsList.selected) else { return nil }
        return shots[shotsList.selected]
    }

    /// A generation the screens hold (the open detail, Operations' rows, History's), or nil.
    public func summary(_ id: Int64) -> GenerationSummary? {
        if let detail = journal.detail, detail.record.id == id { return detail.summary }
        return journal.summary(id)
    }

    /// The record of a generation the screens hold.
    public func record(_ id: Int64) -> GenerationRecord? { summary(id)?.record }

    /// Jobs still being made (they go on without the studio and resume at its next start).
    public var runningJobs: [GenerationSummary] {
        operations.filter { $0.record.status.isActive || $0.record.status == .submitting }
    }

    /// Rows of the lists: the screen's height minus the chrome (tabs, hint bar, the status line as it
    /// wraps, frame, header, and History's search line and filter bar).
    public var listHeight: Int {
        let filterBar = filterPanel.map { 2 + StudioView.filterRows($0, filter: historyFilter, width: size.width - 4) } ?? 0
        let history = screen == .history ? 1 + filterBar : 0
        return max(1, size.height - 5 - StudioView.statusLines(self).count - history)
    }

    /// The cells a picker preview gets at this size.
    public var previewCells: Size { Size(width: max(8, size.width / 2 - 4), height: max(4, size.height - 16)) }
}
