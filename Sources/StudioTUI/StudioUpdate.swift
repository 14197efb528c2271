import Foundation
import TermUI

/// The one place the studio's state changes: a message in, the new model and effects out.
/// No I/O here: effects are carried out by the runtime and come back as messages.
public enum StudioUpdate {
    public static func apply(_ message: StudioMessage, to model: inout AppModel) -> [StudioEffect] {
        switch message {
        case .resized(let size):
            model.size = size
            model.operationsList.clamp(count: model.operations.count, height: model.listHeight)
            model.historyList.clamp(count: model.history.count, height: model.listHeight)
            return []
        case .tick(let date):
            model.now = date
            return []
        case .operationsChanged(let records):
            model.operations = records
            model.operationsList.clamp(count: records.count, height: model.listHeight)
            return []
        case .historyLoaded(let records):
            model.history = records
            model.historyList.clamp(count: records.count, height: model.listHeight)
            return []
        case .detailLoaded(let detail):
            model.detail = detail
            model.detailOffset = 0
            return []
        case .key(let key):
            return handle(key, &model)
        }
    }

    static func handle(_ key: Key, _ model: inout AppModel) -> [StudioEffect] {
        if model.showingHelp {
            if key == .escape || key == .function(1) || key == .character("?") || key == .character("q") {
                model.showingHelp = false
            }
            return key == .control("q") ? [.quit] : []
        }
        if model.detail != nil, let effects = handleDetail(key, &model) { return effects }
        let binding = StudioKeymap.table.binding(for: key, in: KeyBinding.Scope(model.screen), inTextField: model.inTextField)
        switch binding?.id {
        case "quit", "quit.letter": return [.quit]
        case "help", "help.letter": model.showingHelp = true
        case "screen.generate": model.screen = .generate
        case "screen.operations": model.screen = .operations
        case "screen.history":
            model.screen = .history
            return [.searchHistory(model.historySearch.text)]
        case "back":
            if model.searching { model.searching = false }
        case "list.down": moveSelection(by: 1, &model)
        case "list.up": moveSelection(by: -1, &model)
        case "list.page_down": moveSelection(by: model.listHeight, &model)
        case "list.page_up": moveSelection(by: -model.listHeight, &model)
        case "list.top": moveSelection(by: -Int.max / 2, &model)
        case "list.bottom": moveSelection(by: Int.max / 2, &model)
        case "history.search":
            model.searching = true
        case "job.answer", "history.detail":
            model.searching = false
            if let id = model.selectedID { return [.loadDetail(id)] }
        case "edit.undo" where model.searching:
            model.historySearch.undo()
            return [.searchHistory(model.historySearch.text)]
        default:
            if model.searching { return editSearch(key, &model) }
        }
        return []
    }

    /// Keys while the detail pane is open: scroll, close; nil lets the key through (screens, quit).
    static func handleDetail(_ key: Key, _ model: inout AppModel) -> [StudioEffect]? {
        let lineCount = model.detail?.lines.count ?? 0
        switch key {
        case .escape, .enter:
            model.detail = nil
            return []
        case .down, .character("j"):
            model.detailOffset = min(max(0, lineCount - 1), model.detailOffset + 1)
            return []
        case .up, .character("k"):
            model.detailOffset = max(0, model.detailOffset - 1)
            return []
        case .function(2), .function(3), .function(4):
            model.detail = nil
            return nil
        default:
            return nil
        }
    }

    static func moveSelection(by delta: Int, _ model: inout AppModel) {
        switch model.screen {
        case .operations: model.operationsList.move(by: delta, count: model.operations.count, height: model.listHeight)
        case .history: model.historyList.move(by: delta, count: model.history.count, height: model.listHeight)
        case .generate: break
        }
    }

    /// Search as you type: every change asks the journal again.
    static func editSearch(_ key: Key, _ model: inout AppModel) -> [StudioEffect] {
        switch key {
        case .character(let character): model.historySearch.insert(String(character))
        case .backspace: model.historySearch.backspace()
        case .enter:
            model.searching = false
            return []
        default: return []
        }
        return [.searchHistory(model.historySearch.text)]
    }
}
