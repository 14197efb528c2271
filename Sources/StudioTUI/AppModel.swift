import Foundation
import StudioCore
import TermUI

/// Everything the studio shows, as one value. Only `StudioUpdate.apply` changes it.
public struct AppModel: Sendable {
    public var screen: StudioScreen = .operations
    public var size = Size(width: 80, height: 24)
    public var showingHelp = false
    public var now = Date()
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

    public var operations: [GenerationRecord] = []
    public var operationsList = ListState()

    public var history: [GenerationRecord] = []
    public var historyList = ListState()
    public var historySearch = TextEditorState()
    public var searching = false
    public var historyFilter = HistoryFilter()
    public var filterPanel: HistoryFilterPanel?

    public var form: GenerateForm
    public var picker: ImagePicker?

    /// A pane over the screen: details, curl, sidecar.
    public var panel: TextPanel?
    public var confirmation: Confirmation?
    /// The conversation pane over a Gemini Omni generation (over the screen and any detail pane).
    public var conversation: ConversationPane?

    /// A short message shown on the status line until the next one.
    public var toast: String?

    public init(registry: CapabilityRegistry, provider: String = "sandbox") {
        self.registry = registry
        self.providerName = provider
        self.form = GenerateForm(provider: provider)
    }

    /// Whether a text field has the keyboard (letters type instead of acting).
    public var inTextField: Bool {
        if let conversation, confirmation == nil, !showingHelp { return conversation.focus == .instruction }
        guard picker == nil, panel == nil, confirmation == nil, filterPanel == nil, !showingHelp else { return false }
        switch screen {
        case .history: return searching
        case .generate: return [.prompt, .text, .number, .video].contains(form.focusedField(registry)?.kind)
        case .operations: return false
        }
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
        case .generate: return nil
        }
    }

    /// A generation the screens hold (History's rows, then Operations'), or nil when neither lists it.
    public func record(_ id: Int64) -> GenerationRecord? {
        history.first { $0.id == id } ?? operations.first { $0.id == id }
    }

    /// Rows of the lists: the screen's height minus the chrome (tabs, hint bar, status line, frame).
    public var listHeight: Int { max(1, size.height - 6) }

    /// The cells a picker preview gets at this size.
    public var previewCells: Size { Size(width: max(8, size.width / 2 - 4), height: max(4, size.height - 16)) }
}
