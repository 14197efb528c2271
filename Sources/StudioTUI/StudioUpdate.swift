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
            JournalUpdate.relayout(&model)
            guard var picker = model.picker else { return [] }
            picker.list.clamp(count: picker.entries.count, height: PickerView.listHeight(model.size))
            let effects = PickerUpdate.previewEffect(&picker, model)
            model.picker = picker
            return effects
        case .tick(let date):
            model.now = date
            expireToast(at: date, &model)
            return []
        case .journalRead(let snapshot):
            return JournalUpdate.apply(snapshot, to: &model) + StoryboardUpdate.framesEffect(&model)
        case .filterChoicesLoaded(let models, let providers, let batches):
            model.filterPanel?.models = models
            model.filterPanel?.providers = providers
            model.filterPanel?.batches = batches
            return []
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
            return GenerateUpdate.checked(check, &model)
        case .submitFinished(let id, let text):
            model.toast = text
            if let id {
                model.form.afterSubmit()
                model.followJob = id
                model.previousScreen = .generate
                model.screen = .operations
                return []
            }
            model.form.submitting = false
            return []
        case .formPrefilled(let draft, let parent, let replacing):
            return GenerateUpdate.prefill(draft, parent: parent, replacing: replacing, &model)
        case .draftsRestored(let kept):
            GenerateUpdate.restore(kept, &model)
            return [.checkForm(model.form.submission(model.registry))]
        case .directoryListed, .libraryLoaded, .previewLoaded, .imageConverted:
            return PickerUpdate.apply(message, to: &model)
        case .conversationLoaded(let chain):
            return ConversationUpdate.loaded(chain, &model)
        case .turnSubmitted(let id, let text):
            return ConversationUpdate.submitted(id, text, &model)
        case .deleteAsked(let facts):
            model.confirmation = Confirmation(question: "Delete #\(facts.id)?", detail: facts.question, onYes: .delete(facts.id),
                                              whenDeclined: "#\(facts.id) is kept")
            return []
        case .samplesFound(let id, let samples):
            model.sampleChooser = SampleChooser(generationID: id, samples: samples)
            return []
        case .toast(let text):
            model.toast = text
            return []
        case .shotSaved(let text):
            return StoryboardUpdate.saved(text, &model)
        case .storyboardPriced(let id, let usd, let sandbox):
            return StoryboardUpdate.priced(id, usd: usd, sandbox: sandbox, &model)
        case .shotFramesLoaded(let id, let images):
            model.shotFrames[id] = images
            return []
        case .presetsListed(let entries, let problems):
            return PresetUpdate.listed(entries, problems: problems, &model)
        case .presetLoaded(let name, let draft):
            return PresetUpdate.loaded(name, draft, &model)
        case .paste(let text):
            return paste(text, &model)
        case .key(let key):
            return handle(key, &model)
        }
    }

    /// A status message that stood unchanged for its lifetime gives the line back.
    static func expireToast(at date: Date, _ model: inout AppModel) {
        guard let toast = model.toast else {
            model.toastSeen = nil
            return
        }
        guard let seen = model.toastSeen, seen.text == toast else {
            model.toastSeen = (toast, date)
            return
        }
        if date.timeIntervalSince(seen.since) >= AppModel.toastLifetime {
            model.toast = nil
            model.toastSeen = nil
        }
    }

    static func handle(_ key: Key, _ model: inout AppModel) -> [StudioEffect] {
        if model.showingHelp { return HelpUpdate.handle(key, &model) }
        if model.confirmation != nil, let effects = answer(key, &model) { return effects }
        if model.sampleChooser != nil { return chooseSample(key, &model) }
        if model.problems != nil, let effects = GenerateUpdate.handleProblems(key, &model) { return effects }
        if model.presets != nil, let effects = PresetUpdate.handle(key, &model) { return effects }
        if model.picker != nil { return PickerUpdate.handle(key, &model) }
        if model.conversation != nil, let effects = ConversationUpdate.handle(key, &model) { return effects }
        if model.filterPanel != nil, let effects = handleFilter(key, &model) { return effects }
        if model.panel != nil, let effects = handlePanel(key, &model) { return effects }
        let binding = StudioKeymap.table.binding(for: key, in: model.keyScope, inTextField: model.inTextField)
        switch binding?.id {
        case "quit": return askToQuit(&model)
        case "quit.letter":
            guard model.screen != .generate else {
                model.toast = "q does nothing in the form, so no key loses what you typed: Ctrl-Q quits (it asks first when there is work to lose)"
                return []
            }
            return askToQuit(&model)
        case "help", "help.letter":
            model.showingHelp = true
            model.helpOffset = 0
        case "screen.generate": return show(.generate, &model)
        case "screen.operations": return show(.operations, &model)
        case "screen.history": return show(.history, &model)
        case "screen.storyboard": return show(.storyboard, &model)
        case "ledger": return [.showLedger]
        default:
            switch model.screen {
            case .generate: return GenerateUpdate.handle(key, binding: binding, &model)
            case .operations: return handleOperations(binding, &model)
            case .history: return handleHistory(key, binding: binding, &model)
            case .storyboard: return StoryboardUpdate.handle(binding, &model) + StoryboardUpdate.framesEffect(&model)
            }
        }
        return []
    }

    /// Moves to a screen (F2, F3, F4), remembering where Esc in the form goes back to.
    static func show(_ screen: StudioScreen, _ model: inout AppModel) -> [StudioEffect] {
        go(to: screen, &model)
        model.panel = nil
        return screen == .generate ? [.checkForm(model.form.submission(model.registry))] : []
    }

    /// Changes the screen, remembering the one left (Esc in the form goes back to it).
    static func go(to screen: StudioScreen, _ model: inout AppModel) {
        if screen != model.screen, model.screen != .generate { model.previousScreen = model.screen }
        model.screen = screen
    }

    /// Ctrl-Q (and q outside the form): at once when nothing would be lost, else it asks, saying
    /// what happens to running jobs and unsent drafts.
    static func askToQuit(_ model: inout AppModel) -> [StudioEffect] {
        let running = model.runningJobs.count
        let unsent = model.form.unsentModes
        let typed = model.conversation.map { !$0.instruction.text.trimmingCharacters(in: .whitespaces).isEmpty } ?? false
        let instructions = model.instructions.count + (typed ? 1 : 0)
        let waiting = model.operations.filter { $0.record.status == .waiting }.count
        guard running > 0 || waiting > 0 || !unsent.isEmpty || instructions > 0 else { return [.quit] }
        var detail: [String] = []
        if running > 0 {
            detail.append("\(running) job\(running == 1 ? " is" : "s are") still being made: \(running == 1 ? "it goes" : "they go") on at the service, "
                + "and the studio picks \(running == 1 ? "it" : "them") up again at its next start.")
        }
        if waiting > 0 {
            let held = model.operations.filter { $0.record.status == .waiting && $0.queue?.entry.paused == true }.count
            detail.append("\(waiting) job\(waiting == 1 ? " waits" : "s wait") in the queue, not sent: the queue is kept and sent at the next start, "
                + "or by veo-studio dispatch --wait" + (held > 0 ? " (\(held) held: sent only once released with p)." : "."))
        }
        if !unsent.isEmpty {
            detail.append("Your unsent \(unsent.map(\.displayName).joined(separator: ", ")) draft\(unsent.count == 1 ? " is" : "s are") kept for the next start.")
        }
        if instructions > 0 {
            detail.append("The conversation instruction\(instructions == 1 ? "" : "s") you typed and did not send \(instructions == 1 ? "is" : "are") lost.")
        }
        model.confirmation = Confirmation(question: "Quit Veo Studio?", detail: detail.joined(separator: " "), onYes: .quit,
                                          whenDeclined: "still here")
        return []
    }

    /// Keys of the yes/no question: y or Enter carries out the action, n or Esc drops it, a screen
    /// key drops it and goes there, Ctrl-Q quits (asking first when the question was not that);
    /// any other key says which keys answer. Nil lets the key through.
    static func answer(_ key: Key, _ model: inout AppModel) -> [StudioEffect]? {
        guard let question = model.confirmation else { return nil }
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
            model.toast = question.whenDeclined
            return []
        case .control("q"):
            model.confirmation = nil
            return question.onYes == .quit ? [.quit] : askToQuit(&model)
        case .function(1), .function(2), .function(3), .function(4), .function(8):
            model.confirmation = nil
            model.toast = question.whenDeclined
            return nil
        default:
            model.toast = "\(question.question) — y or Enter: yes · n or Esc: no"
            return []
        }
    }

    /// Keys of the sample chooser: a number opens that sample; arrows choose, Enter opens, Esc closes.
    static func chooseSample(_ key: Key, _ model: inout AppModel) -> [StudioEffect] {
        guard var chooser = model.sampleChooser else { return [] }
        switch key {
        case .escape, .character("q"):
            model.sampleChooser = nil
            return []
        case .left, .up, .character("k"), .character("h"):
            chooser.selected = max(0, chooser.selected - 1)
        case .right, .down, .character("j"), .character("l"), .tab:
            chooser.selected = min(chooser.samples.count - 1, chooser.selected + 1)
        case .enter, .character("o"):
            model.sampleChooser = nil
            return [.openOutput(chooser.generationID, sample: chooser.samples[chooser.selected].index)]
        case .character(let character):
            guard let number = character.wholeNumberValue, (1...chooser.samples.count).contains(number) else {
                model.toast = "sample 1 to \(chooser.samples.count): its number opens it, Esc closes"
                return []
            }
            model.sampleChooser = nil
            return [.openOutput(chooser.generationID, sample: chooser.samples[number - 1].index)]
        case .control("q"):
            model.sampleChooser = nil
            return askToQuit(&model)
        default:
            return []
        }
        model.sampleChooser = chooser
        return []
    }

    /// Keys while a pane (details, curl, sidecar) is open: scroll and close; nil lets the key through.
    static func handlePanel(_ key: Key, _ model: inout AppModel) -> [StudioEffect]? {
        let height = max(1, model.size.height - 5)
        let size = model.size
        switch key {
        case .escape, .enter, .character("q"):
            // q closes a pane as it closes a pager: a stray q over a detail never quits the studio.
            model.panel = nil
            return []
        case .down, .character("j"): model.panel?.scroll(by: 1, size: size, height: height)
        case .up, .character("k"): model.panel?.scroll(by: -1, size: size, height: height)
        case .pageDown, .control("d"), .character(" "): model.panel?.scroll(by: height, size: size, height: height)
        case .pageUp, .control("u"): model.panel?.scroll(by: -height, size: size, height: height)
        case .character("g"), .home: model.panel?.scroll(by: -Int.max / 2, size: size, height: height)
        case .character("G"), .end: model.panel?.scroll(by: Int.max / 2, size: size, height: height)
        case .character(let letter) where "oretciRx".contains(letter):
            return paneAction(letter, &model)
        default:
            return nil
        }
        return []
    }

    /// The actions on the generation a pane shows, whichever screen it was opened from.
    static func paneAction(_ letter: Character, _ model: inout AppModel) -> [StudioEffect] {
        guard let id = model.panel?.generationID, let job = model.summary(id) else {
            model.toast = "that generation is no longer in the journal"
            return []
        }
        switch letter {
        case "o": return open(job, &model)
        case "r": return [.rerun(id)]
        case "e": return extend(job, &model)
        case "t": return ConversationUpdate.open(id, &model)
        case "c": return [.showCurl(id)]
        case "i": return [.showSidecar(id)]
        case "R": return retry(job.record, &model)
        case "x":
            cancel(job, &model)
            return []
        default: return []
        }
    }

    static func handleOperations(_ binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        if model.operationsList.apply(bindingID: binding?.id, count: model.operations.count, height: model.listHeight) { return [] }
        guard let id = model.selectedID, let job = model.summary(id) else {
            if binding?.id.hasPrefix("job.") == true { model.toast = "no job here: F2 makes one" }
            return []
        }
        switch binding?.id {
        case "job.answer": return openDetail(id, &model)
        case "job.open": return open(job, &model)
        case "job.converse": return ConversationUpdate.open(id, &model)
        case "job.hold", "job.front", "job.back":
            guard job.record.status == .waiting else {
                model.toast = "#\(id) is \(job.record.status.rawValue), not waiting in the queue: p, K and J act on queued jobs (Ctrl-B in the form queues one)"
                return []
            }
            let change: QueueChange = binding?.id == "job.hold" ? .toggleHold : binding?.id == "job.front" ? .front : .back
            return [.changeQueue(id, change)]
        case "job.cancel": cancel(job, &model)
        case "job.retry": return retry(job.record, &model)
        case "job.dismiss":
            guard job.record.status.isFinal || job.record.status == .unknown else {
                model.toast = "#\(id) is still \(job.record.status.rawValue): x cancels it; a finished job can be dismissed"
                return []
            }
            model.toast = "#\(id) dismissed: it stays in History (F4)"
            return [.dismiss([id])]
        case "job.dismiss_all":
            let ended = model.operations.filter { $0.record.status.isFinal }.map(\.id)
            guard !ended.isEmpty else {
                model.toast = "no finished job to dismiss"
                return []
            }
            model.toast = "\(ended.count) finished job\(ended.count == 1 ? "" : "s") dismissed: \(ended.count == 1 ? "it stays" : "they stay") in History (F4)"
            return [.dismiss(ended)]
        default: break
        }
        return []
    }

    /// Opens the live detail pane of a generation.
    static func openDetail(_ id: Int64, _ model: inout AppModel) -> [StudioEffect] {
        model.panel = TextPanel(kind: .detail, title: "#\(id) — reading…", lines: [("reading the journal…", .muted)], generationID: id)
        return []
    }

    /// `x`: asks, saying whether the job can still be charged.
    static func cancel(_ job: GenerationSummary, _ model: inout AppModel) {
        let record = job.record
        let id = job.id
        if record.status == .waiting {
            model.confirmation = Confirmation(question: "Remove #\(id) from the queue?",
                                              detail: "It was never sent: nothing is charged. It stays in History as cancelled.",
                                              onYes: .cancelJob(id), whenDeclined: "#\(id) keeps its place in the queue")
            return
        }
        guard record.status.isActive || record.status == .submitting || record.status == .unknown else {
            model.toast = "#\(id) is already \(record.status.rawValue): there is nothing to cancel"
            return
        }
        let interaction = model.registry.usesInteractions(model: record.model, provider: record.provider)
        var charged = record.status == .downloading
            ? "The video is already made; only its download stops."
            : interaction
                ? "The service is asked to cancel the Gemini Omni interaction; it then makes no video."
                : "Veo operations cannot be cancelled on the service: it may still finish. The studio stops tracking it."
        charged += record.synthetic
            ? " This is the sandbox: nothing is charged either way."
            : record.status == .downloading ? " It is charged." : interaction ? " Nothing is charged." : " If it finishes, it is charged."
        model.confirmation = Confirmation(question: "Cancel #\(id)?", detail: charged, onYes: .cancelJob(id), whenDeclined: "#\(id) goes on")
    }

    /// `o`: the video in the player, or at once why there is none; a job with several asks which.
    static func open(_ job: GenerationSummary, _ model: inout AppModel) -> [StudioEffect] {
        if let reason = noVideo(job, doing: "open") {
            model.toast = reason
            return []
        }
        return [.openOutput(job.id, sample: job.downloaded > 1 ? nil : 0)]
    }

    /// `e`: the extension form, or at once why this generation cannot be extended.
    static func extend(_ job: GenerationSummary, _ model: inout AppModel) -> [StudioEffect] {
        if let reason = noVideo(job, doing: "extend") {
            model.toast = reason
            return []
        }
        return [.extend(job.id)]
    }

    /// Why a generation has no video to open or extend now (nil when it has one).
    static func noVideo(_ job: GenerationSummary, doing action: String) -> String? {
        let id = job.id
        let record = job.record
        switch record.status {
        case .done:
            if action == "extend" || job.downloaded > 0 { return nil }
            return "#\(id) is done but its video is not on disk yet: it downloads when the job is resumed"
        case .filtered:
            return "cannot \(action) #\(id): the safety filter blocked it, so it has no video — r re-runs it with a changed prompt"
        case .failed:
            return "cannot \(action) #\(id): it failed, so it has no video — Enter shows why"
        case .cancelled:
            return "cannot \(action) #\(id): it was cancelled, so it has no video"
        case .unknown:
            return "cannot \(action) #\(id) yet: its outcome is unknown (Enter shows why)"
        case .waiting, .submitting, .queued, .running, .downloading:
            return "#\(id) is still \(record.status.rawValue): \(action == "open" ? "o opens" : "e extends") its video once it is done"
        }
    }

    /// A retry is a new submit: it asks first when it costs more than the threshold.
    static func retry(_ record: GenerationRecord, _ model: inout AppModel) -> [StudioEffect] {
        guard let id = record.id else { return [] }
        if let cost = record.costEstimateUSD, cost > model.confirmCostAboveUSD {
            let money = record.synthetic ? "the sandbox charges nothing; the real service would charge \(CostEstimate.dollars(cost))." : "it costs \(CostEstimate.dollars(cost)) if it succeeds."
            model.confirmation = Confirmation(question: "Retry #\(id) for \(CostEstimate.dollars(cost))\(record.synthetic ? " (estimate)" : "")?",
                                              detail: "The same parameters again, as a new job linked to #\(id): \(money)",
                                              onYes: .retryJob(id), whenDeclined: "#\(id) was not retried")
            return []
        }
        return [.retryJob(id)]
    }

    static func handleHistory(_ key: Key, binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        if model.searching { return editSearch(key, binding: binding, &model) }
        if model.historyList.apply(bindingID: binding?.id, count: model.history.count, height: model.listHeight) {
            readMoreHistoryIfNeeded(&model)
            return []
        }
        if binding?.id == "history.search" {
            model.searching = true
            return []
        }
        if binding?.id == "history.filter" {
            model.filterPanel = HistoryFilterPanel()
            return [.loadFilterChoices]
        }
        guard let id = model.selectedID, let job = model.summary(id) else {
            if binding?.id.hasPrefix("history.") == true { model.toast = "nothing selected: F2 makes a video" }
            return []
        }
        switch binding?.id {
        case "history.detail": return openDetail(id, &model)
        case "history.rerun": return [.rerun(id)]
        case "history.extend": return extend(job, &model)
        case "history.open": return open(job, &model)
        case "history.converse": return ConversationUpdate.open(id, &model)
        case "history.curl": return [.showCurl(id)]
        case "history.sidecar": return [.showSidecar(id)]
        case "history.delete": return [.askDelete(id)]
        case "history.cancel": cancel(job, &model)
        case "history.retry": return retry(job.record, &model)
        default: break
        }
        return []
    }

    /// Near the last row read, History asks the journal for another page (older generations).
    static func readMoreHistoryIfNeeded(_ model: inout AppModel) {
        guard model.history.count >= model.historyLimit, model.historyList.selected >= model.history.count - model.listHeight else { return }
        model.historyLimit += JournalQuery.historyPage
    }

    /// Search as you type: every change asks the journal again; Up/Down still move the list.
    static func editSearch(_ key: Key, binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        switch key {
        case .escape, .enter: model.searching = false
        case .character(let character):
            model.historySearch.insert(String(character))
            model.historyLimit = JournalQuery.historyPage
        case .backspace:
            model.historySearch.backspace()
            model.historyLimit = JournalQuery.historyPage
        case .control("w"):
            model.historySearch.deleteWordBackward()
            model.historyLimit = JournalQuery.historyPage
        case .control("z"):
            model.historySearch.undo()
            model.historyLimit = JournalQuery.historyPage
        case .down: model.historyList.move(by: 1, count: model.history.count, height: model.listHeight)
        case .up: model.historyList.move(by: -1, count: model.history.count, height: model.listHeight)
        default: break
        }
        return []
    }

    /// Keys of History's filter bar; nil lets the key through (screens, quit).
    static func handleFilter(_ key: Key, _ model: inout AppModel) -> [StudioEffect]? {
        guard let panel = model.filterPanel else { return nil }
        switch key {
        case .escape, .enter, .character("f"): model.filterPanel = nil
        case .down, .character("j"), .tab: model.filterPanel?.moveRow(by: 1)
        case .up, .character("k"), .backTab: model.filterPanel?.moveRow(by: -1)
        case .right, .character(" "), .character("l"): panel.cycle(&model.historyFilter, by: 1)
        case .left, .character("h"): panel.cycle(&model.historyFilter, by: -1)
        case .backspace, .delete, .character("x"): panel.clear(&model.historyFilter)
        case .character("0"): model.historyFilter = HistoryFilter()
        default: return nil
        }
        model.historyLimit = JournalQuery.historyPage
        return []
    }

    /// A burst of text: into the field with the keyboard, as one edit.
    static func paste(_ text: String, _ model: inout AppModel) -> [StudioEffect] {
        // What stands over the form takes the paste, never the field behind it: a preset's name box
        // gets the text as typed; a question, a list of problems, help or a list of takes ignore it.
        if model.presets != nil {
            if model.presets?.naming != nil {
                model.presets?.naming?.append(contentsOf: text.filter { $0 != "\n" && $0 != "\r" })
            }
            return []
        }
        if model.showingHelp || model.confirmation != nil || model.sampleChooser != nil || model.problems != nil { return [] }
        guard model.inTextField else {
            var effects: [StudioEffect] = []
            for character in text { effects += handle(character == "\n" || character == "\r" ? .enter : .character(character), &model) }
            return effects
        }
        if let picker = model.picker, picker.uriDraft != nil {
            model.picker?.uriDraft?.append(text.replacingOccurrences(of: "\n", with: ""))
            return []
        }
        if model.conversation != nil { return ConversationUpdate.paste(text, &model) }
        switch model.screen {
        case .history:
            model.historySearch.insert(text.replacingOccurrences(of: "\n", with: " "))
            return []
        case .generate:
            return GenerateUpdate.paste(text, &model)
        case .operations, .storyboard:
            return []
        }
    }
}
