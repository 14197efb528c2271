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
        if model.form.submission(registry) != before, !effects.contains(where: { if case .checkForm = $0 { return true }; return false }) {
            effects.append(.checkForm(model.form.submission(registry)))
        }
        return effects
    }

    /// A paste goes into the focused text as one edit (newlines only in the prompt).
    static func paste(_ text: String, _ model: inout AppModel) -> [StudioEffect] {
        guard let field = model.form.focusedField(model.registry) else { return [] }
        if field.kind == .prompt {
            model.form.prompt.insert(text)
        } else {
            model.form.line?.insert(text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))
            model.form.commitLine()
        }
        return [.checkForm(model.form.submission(model.registry))]
    }

    private static func edit(_ key: Key, binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        let registry = model.registry
        guard let field = model.form.focusedField(registry) else { return [] }
        switch binding?.id {
        case "field.next":
            model.form.commitLine()
            model.form.moveFocus(by: 1, registry)
            return []
        case "field.previous":
            model.form.commitLine()
            model.form.moveFocus(by: -1, registry)
            return []
        case "mode.next", "mode.previous":
            model.form.commitLine()
            let modes = GenerateForm.modes
            let index = modes.firstIndex(of: model.form.mode) ?? 0
            let step = binding?.id == "mode.next" ? 1 : modes.count - 1
            model.form.selectMode(modes[(index + step) % modes.count], registry)
            return [.checkForm(model.form.submission(registry))]
        case "submit":
            model.form.commitLine()
            return submit(&model)
        case "seed.lock":
            model.form.commitLine()
            model.form.toggleSeedLock(random: UInt32(truncatingIfNeeded: Int(model.now.timeIntervalSince1970 * 1000)))
            model.toast = model.form.seedLocked ? "seed \(model.form.draft.seed ?? 0) locked: it stays for every submit" : "seed unlocked: each submit gets a new one"
            return []
        case "back":
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
            default: break
            }
        case .image, .images:
            switch binding?.id {
            case "pick", "choice.next": return PickerUpdate.open(for: field, &model)
            case "list.down": model.form.moveFocus(by: 1, registry)
            case "list.up": model.form.moveFocus(by: -1, registry)
            default:
                if key == .backspace || key == .delete {
                    if field.kind == .images { model.form.draft.references = [] } else { model.form.draft.set(field.id, text: nil) }
                }
            }
        }
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

    /// Ctrl-S: refuse with the first problem (and put the keyboard on its field), ask above the
    /// cost threshold, else hand the draft to the core.
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
            model.toast = "not submitted: \(first.message) — \(first.fix)\(issues.count > 1 ? " (+\(issues.count - 1) more)" : "")"
            let root = first.field.split(separator: "[").first.map(String.init) ?? first.field
            if let field = form.fields(registry).first(where: { $0.id == root }) { model.form.focus(on: field, registry) }
            return []
        }
        let effect = StudioEffect.submit(form.submission(registry), parentID: form.parent?.id, parentKind: form.parent?.kind)
        if let cost = form.check?.report.cost, cost.usd > model.confirmCostAboveUSD {
            model.confirmation = Confirmation(
                question: "Submit for \(CostEstimate.dollars(cost.usd))?",
                detail: "\(cost.summary) — above the confirm threshold of \(CostEstimate.dollars(model.confirmCostAboveUSD)) (confirm_cost_above_usd in the config).",
                onYes: effect)
            return []
        }
        model.form.submitting = true
        return [effect]
    }
}
