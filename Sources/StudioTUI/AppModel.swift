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

    public var operations: [GenerationRecord] = []
    public var operationsList = ListState()

    public var history: [GenerationRecord] = []
    public var historyList = ListState()
    public var historySearch = TextEditorState()
    public var searching = false

    /// The generation shown in the detail pane (Enter on a row), and its scroll offset.
    public var detail: GenerationDetail?
    public var detailOffset = 0

    /// A short message shown above the hint bar.
    public var toast: String?

    public init() {}

    /// Whether a text field has the keyboard (letters type instead of acting).
    public var inTextField: Bool { screen == .history && searching }

    /// The generation under the cursor on the current screen.
    public var selectedID: Int64? {
        switch screen {
        case .operations: return operations.indices.contains(operationsList.selected) ? operations[operationsList.selected].id : nil
        case .history: return history.indices.contains(historyList.selected) ? history[historyList.selected].id : nil
        case .generate: return nil
        }
    }

    /// Rows of the lists: the screen's height minus the chrome (tabs, hint bar, status line, frame).
    public var listHeight: Int { max(1, size.height - 6) }
}
