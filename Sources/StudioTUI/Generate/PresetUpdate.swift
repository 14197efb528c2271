import StudioCore
import TermUI

/// The presets panel's keys and the answers to its reads.
enum PresetUpdate {
    static func listed(_ entries: [PresetPanel.Entry], problems: [String], _ model: inout AppModel) -> [StudioEffect] {
        model.presets = PresetPanel(entries: entries, problems: problems)
        if entries.isEmpty { model.presets?.naming = "" }
        model.toast = entries.isEmpty ? "no presets yet: type a name and Enter saves this form as one (Esc closes)" : nil
        return []
    }

    /// A preset's fields laid over the form's: what it sets wins, the rest stays; a template's
    /// placeholders are said.
    static func loaded(_ name: String, _ preset: GenerationDraft, _ model: inout AppModel) -> [StudioEffect] {
        var draft = model.form.submission(model.registry)
        draft.overlay(preset)
        model.form.commitLine()
        model.form.restore(ModeDraft(draft: draft, parent: model.form.parent, seedLocked: draft.seed != nil), mode: draft.mode, model.registry)
        model.form.touched.insert(draft.mode)
        let holes = BatchSpecReader.placeholders(draft.prompt ?? "")
        if let prompt = model.form.fields(model.registry).first(where: { $0.kind == .prompt }) { model.form.focus(on: prompt, model.registry) }
        model.toast = holes.isEmpty ? "preset \(name) loaded into the \(draft.mode.displayName) tab"
            : "preset \(name) loaded: fill \(holes.map { "{\($0)}" }.joined(separator: ", ")) in the prompt"
        return [.checkForm(model.form.submission(model.registry))]
    }

    /// Nil lets the key through (help, screens, quit), closing the panel.
    static func handle(_ key: Key, _ model: inout AppModel) -> [StudioEffect]? {
        guard var panel = model.presets else { return nil }
        if [.function(1), .function(2), .function(3), .function(4), .control("q")].contains(key) {
            model.presets = nil
            return nil
        }
        if let name = panel.naming {
            switch key {
            case .escape:
                panel.naming = nil
                if panel.entries.isEmpty { model.presets = nil; return [] }
            case .enter:
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard PresetStore.isValidName(trimmed) else {
                    model.toast = "a preset's name is letters, digits, - and _ (e.g. vertical-teaser)"
                    return []
                }
                model.presets = nil
                return [.savePreset(trimmed, model.form.submission(model.registry))]
            case .backspace:
                if !name.isEmpty { panel.naming?.removeLast() }
            case .character(let character):
                panel.naming?.append(character)
            default:
                return []
            }
            model.presets = panel
            return []
        }
        switch key {
        case .escape, .function(6):
            model.presets = nil
            return []
        case .down, .character("j"):
            panel.list.move(by: 1, count: panel.entries.count, height: panel.entries.count)
        case .up, .character("k"):
            panel.list.move(by: -1, count: panel.entries.count, height: panel.entries.count)
        case .character("s"):
            panel.naming = ""
        case .enter:
            model.presets = nil
            return panel.selected.map { [.loadPreset($0.name)] } ?? []
        default:
            return []
        }
        model.presets = panel
        return []
    }
}
