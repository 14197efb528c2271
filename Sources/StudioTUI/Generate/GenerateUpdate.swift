import Foundation
import StudioCore
import TermUI

/// Keys of the Generate screen: move between fields and tabs, edit text, cycle choices, open
/// the picker, submit. Every change of the draft asks the core to check it again.
enum GenerateUpdate {
    static func handle(_ key: Key, binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        let registry = model.registry
        let before = model.form.submission(registry)
        var effects = edit(key, binding: binding, &model)
        let after = model.form.submission(registry)
        if after != before, !effects.contains(where: { if case .checkForm = $0 { return true }; return false }) {
            effects.append(.checkForm(after))
        }
        if after != before, after.mode == before.mode { model.form.touched.insert(model.form.mode) }
        return effects
    }

    /// A paste goes into the focused text as one edit (newlines only in the prompt).
    static func paste(_ text: String, _ model: inout AppModel) -> [StudioEffect] {
        guard let field = model.form.focusedField(model.registry) else { return [] }
        model.form.touched.insert(model.form.mode)
        if field.kind == .prompt {
            model.form.prompt.insert(text)
        } else {
            model.form.line?.insert(text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))
            model.form.commitLine()
        }
        return [.checkForm(model.form.submission(model.registry))]
    }

    /// Fields a page key (PgUp/PgDn) moves over.
    static let fieldPage = 5

    private static func edit(_ key: Key, binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        let registry = model.registry
        guard let field = model.form.focusedField(registry) else { return [] }
        let fieldCount = model.form.fields(registry).count
        // Page keys move over the fields from any field, text ones included (they type nothing).
        switch key {
        case .pageDown: return move(by: fieldPage, &model)
        case .pageUp: return move(by: -fieldPage, &model)
        default: break
        }
        switch binding?.id {
        case "field.next": return move(by: 1, &model)
        case "field.previous": return move(by: -1, &model)
        case "list.top": return move(by: -fieldCount, clamped: true, &model)
        case "list.bottom": return move(by: fieldCount, clamped: true, &model)
        case "list.page_down": return move(by: fieldPage, &model)
        case "list.page_up": return move(by: -fieldPage, &model)
        case "mode.next", "mode.previous":
            let modes = GenerateForm.modes
            let index = modes.firstIndex(of: model.form.mode) ?? 0
            let step = binding?.id == "mode.next" ? 1 : modes.count - 1
            model.form.selectMode(modes[(index + step) % modes.count], registry)
            model.toast = nil
            return [.checkForm(model.form.submission(registry))]
        case "form.presets":
            model.form.commitLine()
            return [.listPresets]
        case "submit", "submit.queue":
            model.form.commitLine()
            if !model.form.submitting { model.form.queueing = binding?.id == "submit.queue" }
            return submit(&model)
        case "form.problems":
            model.form.commitLine()
            // The focused field's greyed values come too, each with its whole reason.
            let greyed = (model.form.check?.choices[field.id] ?? []).filter { !$0.isAllowed }.map { choice in
                ValidationIssue(field: field.id, code: "choice.greyed", message: "\(choice.value) is greyed: \(choice.blockedBy ?? "")",
                                fix: "choose another value", severity: .warning)
            }
            let issues = model.form.blockingIssues + (model.form.check?.report.warnings ?? []) + greyed
            guard !issues.isEmpty else {
                model.toast = model.form.parent?.shot == nil ? Self.noProblems : Self.noProblemsInShot
                return []
            }
            model.problems = ProblemList(issues: issues)
            return []
        case "seed.lock":
            model.form.commitLine()
            model.form.toggleSeedLock(random: UInt32(truncatingIfNeeded: Int(model.now.timeIntervalSince1970 * 1000)))
            model.form.seedLockAsked = model.form.seedLocked
            model.toast = model.form.seedLocked ? "seed \(model.form.draft.seed ?? 0) locked: it stays for every submit"
                : "seed unlocked and cleared: each submit gets a new one"
            return []
        case "back":
            model.form.commitLine()
            model.screen = model.previousScreen == .generate ? .operations : model.previousScreen
            model.toast = "the draft is kept: F2 comes back to it"
            return []
        default:
            break
        }
        switch field.kind {
        case .prompt: editPrompt(key, binding: binding, &model)
        case .text, .number, .video: editLine(key, binding: binding, &model)
        case .choice, .toggle:
            switch binding?.id {
            case "choice.next": cycle(field, by: 1, &model)
            case "choice.previous": cycle(field, by: -1, &model)
            case "list.down", "pick": model.form.moveFocus(by: 1, registry)
            case "list.up": model.form.moveFocus(by: -1, registry)
            default: sayWhereTypingGoes(key, field, &model)
            }
        case .image, .images:
            switch binding?.id {
            case "pick", "choice.next": return PickerUpdate.open(for: field, &model)
            case "list.down": model.form.moveFocus(by: 1, registry)
            case "list.up": model.form.moveFocus(by: -1, registry)
            default:
                if key == .backspace || key == .delete {
                    if field.kind == .images { model.form.draft.references = [] } else { model.form.draft.set(field.id, text: nil) }
                } else {
                    sayWhereTypingGoes(key, field, &model)
                }
            }
        }
        return []
    }

    /// A letter typed where nothing types (a choice, an image field) is not dropped silently.
    private static func sayWhereTypingGoes(_ key: Key, _ field: FormFieldEntry, _ model: inout AppModel) {
        guard case .character = key else { return }
        model.toast = field.kind == .image || field.kind == .images
            ? "\(field.label) takes an image: Enter picks one, Backspace clears it — typing goes into the Prompt (PgUp reaches it)"
            : "\(field.label) is a choice: ←/→ or Space change it, Tab moves on — typing goes into the Prompt (PgUp reaches it)"
    }

    /// Moves the keyboard `delta` fields on (wrapping, or stopping at the ends when `clamped`).
    private static func move(by delta: Int, clamped: Bool = false, _ model: inout AppModel) -> [StudioEffect] {
        model.form.commitLine()
        let fields = model.form.fields(model.registry)
        guard !fields.isEmpty else { return [] }
        let index = fields.firstIndex { $0.id == model.form.focus } ?? 0
        let target = clamped || abs(delta) > 1 ? min(max(0, index + delta), fields.count - 1) : (index + delta + fields.count) % fields.count
        model.form.focus(on: fields[target], model.registry)
        return []
    }

    private static func cycle(_ field: FormFieldEntry, by delta: Int, _ model: inout AppModel) {
        let checked = model.form.check?.choices[field.id]?.map(\.value)
        let candidates = checked ?? ChoiceAdvisor.candidates(for: field.id, draft: model.form.draft, registry: model.registry)
        model.form.cycle(field, by: delta, candidates: candidates, defaultValue: model.form.defaultValue(of: field.id, model.registry))
    }

    private static func editPrompt(_ key: Key, binding: KeyBinding?, _ model: inout AppModel) {
        let width = GenerateView.promptWidth(model.size)
        switch binding?.id {
        case "edit.undo": model.form.prompt.undo()
        case "edit.delete_word": model.form.prompt.deleteWordBackward()
        case "edit.line_start": model.form.prompt.moveToLineStart(width: width)
        case "edit.line_end": model.form.prompt.moveToLineEnd(width: width)
        default:
            switch key {
            case .character(let character): model.form.prompt.insert(String(character))
            case .enter: model.form.prompt.insert("\n")
            case .backspace: model.form.prompt.backspace()
            case .delete: model.form.prompt.deleteForward()
            case .left: model.form.prompt.moveLeft()
            case .right: model.form.prompt.moveRight()
            case .up: model.form.prompt.moveVertically(by: -1, width: width)
            case .down: model.form.prompt.moveVertically(by: 1, width: width)
            default: break
            }
        }
    }

    private static func editLine(_ key: Key, binding: KeyBinding?, _ model: inout AppModel) {
        guard model.form.line != nil else { return }
        switch binding?.id {
        case "edit.undo": model.form.line?.undo()
        case "edit.delete_word": model.form.line?.deleteWordBackward()
        case "edit.line_start": model.form.line?.moveToLineStart(width: Int.max / 4)
        case "edit.line_end": model.form.line?.moveToLineEnd(width: Int.max / 4)
        default:
            switch key {
            case .character(let character): model.form.line?.insert(String(character))
            case .backspace: model.form.line?.backspace()
            case .delete: model.form.line?.deleteForward()
            case .left: model.form.line?.moveLeft()
            case .right: model.form.line?.moveRight()
            case .enter, .down:
                model.form.commitLine()
                model.form.moveFocus(by: 1, model.registry)
                return
            case .up:
                model.form.commitLine()
                model.form.moveFocus(by: -1, model.registry)
                return
            default: return
            }
        }
        model.form.commitLine()
    }

    /// What F5 says when nothing blocks or warns.
    static let noProblems = "no problems: Ctrl-S submits"
    static let noProblemsInShot = "no problems: Ctrl-S saves the shot to its storyboard"

    /// The core checked the form's draft: it is shown, a locked seed the new provider or model
    /// refuses is unlocked (and said so), and a submit that waited for the check goes on.
    static func checked(_ check: FormCheck, _ model: inout AppModel) -> [StudioEffect] {
        guard check.draft == model.form.submission(model.registry) else { return [] }
        model.form.check = check
        // "No problems" said a moment ago is no longer true once a change brings one.
        if [Self.noProblems, Self.noProblemsInShot].contains(model.toast), !model.form.blockingIssues.isEmpty { model.toast = nil }
        let justLocked = model.form.seedLockAsked
        model.form.seedLockAsked = false
        if model.form.seedLocked, let refusal = check.issues(for: "seed").first(where: { $0.severity == .error }) {
            model.form.seedLocked = false
            model.form.draft.seed = nil
            if model.form.focus == "seed" { model.form.line = TextEditorState("") }
            model.toast = justLocked
                ? "no seed to lock here: \(StudioAdvice.message(refusal, registry: model.registry)) — \(StudioAdvice.fix(refusal, registry: model.registry))"
                : "seed unlocked and cleared: \(StudioAdvice.message(refusal, registry: model.registry))"
            return [.checkForm(model.form.submission(model.registry))]
        }
        if model.form.submitAfterCheck {
            model.form.submitAfterCheck = false
            return submit(&model)
        }
        return []
    }

    /// Ctrl-S: one problem is told whole and the keyboard goes to its field; several open the list
    /// of problems; above the cost threshold it asks; else the draft goes to the core.
    static func submit(_ model: inout AppModel) -> [StudioEffect] {
        let registry = model.registry
        let form = model.form
        guard !form.submitting else {
            model.toast = "already submitting: wait for the answer"
            return []
        }
        let current = form.submission(registry)
        if form.check?.draft != current {
            model.form.submitAfterCheck = true
            return [.checkForm(current)]
        }
        let issues = form.blockingIssues
        if let first = issues.first {
            let root = first.field.split(separator: "[").first.map(String.init) ?? first.field
            if let field = form.fields(registry).first(where: { $0.id == root }) { model.form.focus(on: field, registry) }
            if issues.count == 1 {
                model.toast = "not submitted: \(first.message) — \(StudioAdvice.fix(first, registry: registry))"
            } else {
                model.toast = "not submitted: \(issues.count) problems, listed in full — Enter goes to one, Esc closes"
                model.problems = ProblemList(issues: issues)
            }
            return []
        }
        if let shot = form.parent?.shot {
            // A storyboard's shot: saved into the board (its run sends it), not sent from here.
            model.form.submitting = true
            return [.storyboard(.save(shot, current))]
        }
        let effect = form.queueing
            ? StudioEffect.enqueue(current, parentID: form.parent?.id, parentKind: form.parent?.kind)
            : StudioEffect.submit(current, parentID: form.parent?.id, parentKind: form.parent?.kind)
        if let cost = form.check?.report.cost, cost.usd > model.confirmCostAboveUSD {
            let sandbox = registry.isSandbox(form.provider)
            model.confirmation = Confirmation(
                question: "\(form.queueing ? "Queue" : "Submit") for \(CostEstimate.dollars(cost.usd))\(sandbox ? " (estimate)" : "")?",
                detail: (sandbox ? "This is the sandbox: nothing is charged. On the real service this would cost " : "")
                    + "\(GenerateView.shortCost(cost)) — above the confirm threshold of \(CostEstimate.dollars(model.confirmCostAboveUSD)) "
                    + "(confirm_cost_above_usd in the config).",
                onYes: effect, whenDeclined: "not submitted: the draft is as it was")
            return []
        }
        model.form.submitting = true
        return [effect]
    }

    /// Keys of the problems list: move, Enter goes to the problem's field, Esc (or F5) closes;
    /// nil lets the key through (help, screens, quit).
    static func handleProblems(_ key: Key, _ model: inout AppModel) -> [StudioEffect]? {
        guard var list = model.problems else { return nil }
        switch key {
        case .escape, .function(5):
            model.problems = nil
            return []
        case .down, .character("j"), .tab:
            list.list.move(by: 1, count: list.issues.count, height: list.issues.count)
        case .up, .character("k"), .backTab:
            list.list.move(by: -1, count: list.issues.count, height: list.issues.count)
        case .enter:
            model.problems = nil
            guard let issue = list.selected else { return [] }
            let root = issue.field.split(separator: "[").first.map(String.init) ?? issue.field
            if let field = model.form.fields(model.registry).first(where: { $0.id == root }) {
                model.form.focus(on: field, model.registry)
                model.toast = "\(field.label): \(issue.message)"
            } else {
                model.toast = "\(issue.message) — \(StudioAdvice.fix(issue, registry: model.registry))"
            }
            return []
        case .function(1), .function(2), .function(3), .function(4), .control("q"):
            model.problems = nil
            return nil
        default:
            return []
        }
        model.problems = list
        return []
    }

    /// A stored generation opens in its mode's tab; when that tab holds unsent work, it asks first.
    static func prefill(_ draft: GenerationDraft, parent: FormParent, replacing: Bool, _ model: inout AppModel) -> [StudioEffect] {
        let target = draft.mode
        if !replacing, let kept = model.form.allModes[target], kept.draft.prompt != draft.prompt || kept.parent?.id != parent.id,
           model.form.isUnsent(target) {
            let prompt = kept.draft.prompt.map { " (\"\(String($0.prefix(40)))\")" } ?? ""
            model.confirmation = Confirmation(
                question: "Replace the unsent \(target.displayName) draft?",
                detail: "The \(target.displayName) tab holds a draft that was not sent\(prompt). Opening #\(parent.id) there replaces it.",
                onYes: .replaceTab(draft, parentID: parent.id, parentKind: parent.kind),
                whenDeclined: "the \(target.displayName) tab keeps its draft; #\(parent.id) was not opened")
            return []
        }
        model.form.prefill(from: draft, parent: parent, registry: model.registry)
        // The diff compares like with like: the parent as this form would submit it.
        let comparable = model.form.submission(model.registry)
        model.form.parent?.draft = comparable
        model.form.lastSent[target] = nil
        StudioUpdate.go(to: .generate, &model)
        model.panel = nil
        if let shot = parent.shot {
            model.toast = "editing shot \(shot.index) of \(shot.board): Ctrl-S saves it to the storyboard (it and the shots chained after it are then made again when r runs the board), Esc leaves it as it was"
        } else {
            model.toast = parent.kind == "extend"
                ? "extending #\(parent.id): say what happens next, then Ctrl-S"
                : "re-run of #\(parent.id): change what you like; the diff shows below, Ctrl-S submits"
        }
        return [.checkForm(model.form.submission(model.registry))]
    }

    /// The tabs an earlier run kept: the most recently changed opens, the others wait in their tabs.
    static func restore(_ kept: [(GenerationMode, ModeDraft)], _ model: inout AppModel) {
        guard let (newest, form) = kept.first(where: { GenerateForm.modes.contains($0.0) }) else { return }
        for (mode, draft) in kept.dropFirst() where GenerateForm.modes.contains(mode) { model.form.stash[mode] = draft }
        model.form.stash[newest] = nil
        model.form.restore(form, mode: newest, model.registry)
        // After a restart the keyboard is in the prompt, where typing is expected.
        if let prompt = model.form.fields(model.registry).first(where: { $0.kind == .prompt }) { model.form.focus(on: prompt, model.registry) }
        model.form.touched.formUnion(kept.map(\.0))
        let names = kept.map(\.0.displayName).joined(separator: ", ")
        model.toast = "your unsent draft\(kept.count == 1 ? "" : "s") (\(names)) came back from the last session"
    }
}
