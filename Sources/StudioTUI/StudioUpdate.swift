import Foundation
import StudioCore
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
            guard var picker = model.picker else { return [] }
            picker.list.clamp(count: picker.entries.count, height: PickerView.listHeight(model.size))
            let effects = PickerUpdate.previewEffect(&picker, model)
            model.picker = picker
            return effects
        case .tick(let date):
            model.now = date
            return ConversationUpdate.tick(model)
        case .operationsChanged(let records):
            model.operations = records
            model.operationsList.clamp(count: records.count, height: model.listHeight)
            return []
        case .historyLoaded(let records):
            model.history = records
            model.historyList.clamp(count: records.count, height: model.listHeight)
            return []
        case .filterChoicesLoaded(let models, let providers):
            model.filterPanel?.models = models
            model.filterPanel?.providers = providers
            return []
        case .detailLoaded(let detail):
            guard let detail else {
                model.toast = "that generation is no longer in the journal"
                return []
            }
            model.panel = TextPanel(title: "Generation #\(detail.record.id ?? 0) — Esc closes, j/k scroll", lines: detail.lines,
                                    generationID: detail.record.id)
            guard let id = detail.record.id, !detail.inputImagePaths.isEmpty else { return [] }
            return [.loadThumbnails(id, detail.inputImagePaths)]
        case .thumbnailsLoaded(let id, let images):
            if model.panel?.generationID == id { model.panel?.thumbnails = images }
            return []
        case .panelOpened(let panel):
            model.panel = panel
            return []
        case .panelClosed:
            model.panel = nil
            return []
        case .formChecked(let check):
            if let pending = model.conversation?.pending, check.draft == pending { return ConversationUpdate.checked(check, &model) }
            guard check.draft == model.form.submission(model.registry) else { return [] }
            model.form.check = check
            if model.form.submitAfterCheck {
                model.form.submitAfterCheck = false
                return GenerateUpdate.submit(&model)
            }
            return []
        case .submitFinished(let id, let text):
            model.toast = text
            if id != nil {
                model.form.afterSubmit()
                model.screen = .operations
                return [.loadOperations]
            }
            model.form.submitting = false
            return []
        case .formPrefilled(let draft, let parent):
            model.form = GenerateForm.prefilled(from: draft, parent: parent, registry: model.registry)
            // The diff compares like with like: the parent as this form would submit it.
            let comparable = model.form.submission(model.registry)
            model.form.parent?.draft = comparable
            model.screen = .generate
            model.panel = nil
            model.toast = parent.kind == "extend"
                ? "extending #\(parent.id): say what happens next, then Ctrl-S"
                : "re-run of #\(parent.id): change what you like; the diff shows below, Ctrl-S submits"
            return [.checkForm(model.form.submission(model.registry))]
        case .directoryListed, .libraryLoaded, .previewLoaded, .imageConverted:
            return PickerUpdate.apply(message, to: &model)
        case .conversationLoaded(let chain):
            return ConversationUpdate.loaded(chain, &model)
        case .turnSubmitted(let id, let text):
            return ConversationUpdate.submitted(id, text, &model)
        case .toast(let text):
            model.toast = text
            return []
        case .paste(let text):
            return paste(text, &model)
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
        if model.confirmation != nil { return answer(key, &model) }
        if model.picker != nil { return PickerUpdate.handle(key, &model) }
        if model.conversation != nil, let effects = ConversationUpdate.handle(key, &model) { return effects }
        if model.filterPanel != nil, let effects = handleFilter(key, &model) { return effects }
        if model.panel != nil, let effects = handlePanel(key, &model) { return effects }
        let binding = StudioKeymap.table.binding(for: key, in: model.keyScope, inTextField: model.inTextField)
        switch binding?.id {
        case "quit", "quit.letter": return [.quit]
        case "help", "help.letter": model.showingHelp = true
        case "screen.generate":
            model.screen = .generate
            return [.checkForm(model.form.submission(model.registry))]
        case "screen.operations": model.screen = .operations
        case "screen.history":
            model.screen = .history
            return [.loadHistory(model.historySearch.text, model.historyFilter)]
        default:
            switch model.screen {
            case .generate: return GenerateUpdate.handle(key, binding: binding, &model)
            case .operations: return handleOperations(binding, &model)
            case .history: return handleHistory(key, binding: binding, &model)
            }
        }
        return []
    }

    /// Keys of the yes/no question: y or Enter carries out the action, n or Esc drops it.
    static func answer(_ key: Key, _ model: inout AppModel) -> [StudioEffect] {
        guard let question = model.confirmation else { return [] }
        switch key {
        case .character("y"), .character("Y"), .enter:
            model.confirmation = nil
            if case .submit = question.onYes {
                // The pane asked when it is open (it keeps the keyboard), else the form did.
                if model.conversation != nil { model.conversation?.sending = true } else { model.form.submitting = true }
            }
            return [question.onYes]
        case .character("n"), .character("N"), .escape:
            model.confirmation = nil
            model.toast = "not done: \(question.question.lowercased())"
            return []
        case .control("q"):
            return [.quit]
        default:
            return []
        }
    }

    /// Keys while a pane (details, curl, sidecar) is open: scroll and close; nil lets the key through.
    static func handlePanel(_ key: Key, _ model: inout AppModel) -> [StudioEffect]? {
        switch key {
        case .escape, .enter:
            model.panel = nil
            return []
        case .down, .character("j"): model.panel?.scroll(by: 1)
        case .up, .character("k"): model.panel?.scroll(by: -1)
        case .pageDown, .control("d"):
            let page = model.listHeight
            model.panel?.scroll(by: page)
        case .pageUp, .control("u"):
            let page = model.listHeight
            model.panel?.scroll(by: -page)
        case .function(2), .function(3), .function(4):
            model.panel = nil
            return nil
        default:
            return nil
        }
        return []
    }

    static func handleOperations(_ binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        if model.operationsList.apply(bindingID: binding?.id, count: model.operations.count, height: model.listHeight) { return [] }
        switch binding?.id {
        case "job.answer": if let id = model.selectedID { return [.loadDetail(id)] }
        case "job.open": if let id = model.selectedID { return [.openOutput(id)] }
        case "job.converse": if let id = model.selectedID { return ConversationUpdate.open(id, &model) }
        case "job.cancel":
            guard let id = model.selectedID, let record = model.operations.first(where: { $0.id == id }) else { break }
            let interaction = model.registry.usesInteractions(model: record.model, provider: record.provider)
            let charged = record.status == .downloading
                ? "The video is already made and charged; only its download stops."
                : interaction
                    ? "The service is asked to cancel the Gemini Omni interaction; it then makes no video."
                    : "Veo operations cannot be cancelled on the service: it may still finish and be charged. The studio stops tracking it."
            model.confirmation = Confirmation(question: "Cancel #\(id)?", detail: charged, onYes: .cancelJob(id))
        case "job.retry":
            guard let id = model.selectedID, let record = model.operations.first(where: { $0.id == id }) else { break }
            return retry(record, &model)
        default: break
        }
        return []
    }

    /// A retry is a new submit: it asks first when it costs more than the threshold.
    static func retry(_ record: GenerationRecord, _ model: inout AppModel) -> [StudioEffect] {
        guard let id = record.id else { return [] }
        if let cost = record.costEstimateUSD, cost > model.confirmCostAboveUSD {
            model.confirmation = Confirmation(question: "Retry #\(id) for \(CostEstimate.dollars(cost))?",
                                              detail: "The same parameters again, as a new job linked to #\(id).",
                                              onYes: .retryJob(id))
            return []
        }
        return [.retryJob(id)]
    }

    static func handleHistory(_ key: Key, binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        if model.searching { return editSearch(key, binding: binding, &model) }
        if model.historyList.apply(bindingID: binding?.id, count: model.history.count, height: model.listHeight) { return [] }
        switch binding?.id {
        case "history.search": model.searching = true
        case "history.detail": if let id = model.selectedID { return [.loadDetail(id)] }
        case "history.filter":
            model.filterPanel = HistoryFilterPanel()
            return [.loadFilterChoices]
        case "history.rerun": if let id = model.selectedID { return [.rerun(id)] }
        case "history.extend": if let id = model.selectedID { return [.extend(id)] }
        case "history.open": if let id = model.selectedID { return [.openOutput(id)] }
        case "history.converse": if let id = model.selectedID { return ConversationUpdate.open(id, &model) }
        case "history.curl": if let id = model.selectedID { return [.showCurl(id)] }
        case "history.sidecar": if let id = model.selectedID { return [.showSidecar(id)] }
        case "history.delete":
            guard let id = model.selectedID else { break }
            model.confirmation = Confirmation(question: "Delete #\(id)?",
                                              detail: "It leaves the journal with its video files and sidecars; this cannot be undone.",
                                              onYes: .delete(id))
        default: break
        }
        return []
    }

    /// Search as you type: every change asks the journal again; Up/Down still move the list.
    static func editSearch(_ key: Key, binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        switch key {
        case .escape, .enter:
            model.searching = false
            return []
        case .character(let character): model.historySearch.insert(String(character))
        case .backspace: model.historySearch.backspace()
        case .control("w"): model.historySearch.deleteWordBackward()
        case .control("z"): model.historySearch.undo()
        case .down: model.historyList.move(by: 1, count: model.history.count, height: model.listHeight); return []
        case .up: model.historyList.move(by: -1, count: model.history.count, height: model.listHeight); return []
        default: return []
        }
        return [.loadHistory(model.historySearch.text, model.historyFilter)]
    }

    /// Keys of History's filter bar; nil lets the key through (screens, quit).
    static func handleFilter(_ key: Key, _ model: inout AppModel) -> [StudioEffect]? {
        guard let panel = model.filterPanel else { return nil }
        switch key {
        case .escape, .enter, .character("f"):
            model.filterPanel = nil
            return []
        case .down, .character("j"), .tab:
            model.filterPanel?.moveRow(by: 1)
            return []
        case .up, .character("k"), .backTab:
            model.filterPanel?.moveRow(by: -1)
            return []
        case .right, .character(" "), .character("l"): panel.cycle(&model.historyFilter, by: 1)
        case .left, .character("h"): panel.cycle(&model.historyFilter, by: -1)
        case .backspace, .delete, .character("x"): panel.clear(&model.historyFilter)
        case .character("0"): model.historyFilter = HistoryFilter()
        default: return nil
        }
        return [.loadHistory(model.historySearch.text, model.historyFilter)]
    }

    /// A burst of text: into the field with the keyboard, as one edit.
    static func paste(_ text: String, _ model: inout AppModel) -> [StudioEffect] {
        guard model.inTextField else {
            var effects: [StudioEffect] = []
            for character in text { effects += handle(character == "\n" || character == "\r" ? .enter : .character(character), &model) }
            return effects
        }
        if model.conversation != nil { return ConversationUpdate.paste(text, &model) }
        switch model.screen {
        case .history:
            model.historySearch.insert(text.replacingOccurrences(of: "\n", with: " "))
            return [.loadHistory(model.historySearch.text, model.historyFilter)]
        case .generate:
            return GenerateUpdate.paste(text, &model)
        case .operations:
            return []
        }
    }
}
