import Foundation
import StudioCore
import TermUI

/// The Generate screen's state: the mode tab, the draft being built, the prompt editor, the
/// field with the keyboard, the seed lock, and what the core last said about it.
public struct GenerateForm: Sendable {
    public var mode: GenerationMode = .textToVideo
    /// Every field but the prompt (the editor holds it).
    public var draft = GenerationDraft()
    public var prompt = TextEditorState()
    /// The one-line field being edited (text, number, video), mirrored into `draft` on each change.
    public var line: TextEditorState?
    public var focus = "prompt"
    public var seedLocked = false
    public var parent: FormParent?
    public var check: FormCheck?
    /// Text that could not be read as the field's type ("seed: … is not a whole number").
    public var parseProblems: [String: String] = [:]
    /// True from Ctrl-S until the core answers.
    public var submitting = false
    /// Ctrl-S came while the core's check was behind the draft: submit once it answers.
    public var submitAfterCheck = false
    /// The submission in progress queues the job instead of sending it (Ctrl-B).
    public var queueing = false
    /// The other tabs as they were left: each mode has a form of its own.
    public var stash: [GenerationMode: ModeDraft] = [:]
    /// What each mode last sent: a form equal to it has nothing unsent.
    public var lastSent: [GenerationMode: GenerationDraft] = [:]
    /// The tabs changed by hand (or restored, or opened from a generation): a tab only passed
    /// through, holding what it was carried over from another, has no work of its own to lose.
    public var touched: Set<GenerationMode> = []
    /// Ctrl-L just locked the seed: a refusal by the next check says the lock was not taken.
    public var seedLockAsked = false

    public init(provider: String = GenerationDraft.defaultProvider) {
        draft.provider = provider
    }

    /// The tabs, in order.
    public static let modes: [GenerationMode] = [.textToVideo, .imageToVideo, .firstLastFrame, .referenceImages, .extendVideo]

    public var provider: String { draft.providerID }

    /// The fields this mode shows on this provider, from the registry.
    public func fields(_ registry: CapabilityRegistry) -> [FormFieldEntry] {
        registry.formFields(mode: mode, provider: provider, model: draft.model)
    }

    /// The value a choice shows while unset: the registry's default, or the mode's default model.
    public func defaultValue(of field: String, _ registry: CapabilityRegistry) -> String? {
        if field == "model" {
            return registry.provider(provider).map { registry.defaultModel(provider: $0, mode: mode) }
        }
        if field == "provider" || field == "endpoint" { return provider }
        return registry.document.defaults.values[field].map { $0.stringValue ?? $0.encodedString() }
    }

    public func focusedField(_ registry: CapabilityRegistry) -> FormFieldEntry? {
        let visible = fields(registry)
        return visible.first { $0.id == focus } ?? visible.first
    }

    /// The draft that would be submitted: the prompt, and only what this mode and provider take.
    public func submission(_ registry: CapabilityRegistry) -> GenerationDraft {
        var result = draft
        result.set("prompt", text: prompt.text)
        let shown = Set(fields(registry).map(\.id))
        for entry in registry.formFields where !shown.contains(entry.id) {
            switch entry.id {
            case "referenceImages": result.references = []
            default: result.set(entry.id, text: nil)
            }
        }
        return result
    }

    /// What the tab itself needs before anything is sent (the mode is the tab, not a guess from the inputs).
    public var missingInputs: [ValidationIssue] {
        func need(_ field: String, _ message: String) -> ValidationIssue {
            ValidationIssue(field: field, code: "form.input_missing", message: message, fix: "Enter on the field opens the picker")
        }
        switch mode {
        case .textToVideo: return []
        case .imageToVideo: return draft.image == nil ? [need("image", "image to video needs a first frame")] : []
        case .firstLastFrame:
            return (draft.image == nil ? [need("image", "first + last frame needs a first frame")] : [])
                + (draft.lastFrame == nil ? [need("lastFrame", "first + last frame needs a last frame")] : [])
        case .referenceImages:
            return draft.references.isEmpty ? [need("referenceImages", "reference images need at least one image")] : []
        case .extendVideo:
            return draft.video == nil ? [ValidationIssue(field: "video", code: "form.input_missing",
                                                         message: "an extension needs the generation to extend",
                                                         fix: "type its id, or press e on it in History")] : []
        case .edit, .upscale, .refine:
            // Not tabs of the form: made from the CLI (veo-studio refine, generate --mode edit|upscale).
            return []
        }
    }

    /// Every problem that blocks a submit: the tab's, the typed text's and the core's.
    public var blockingIssues: [ValidationIssue] {
        let parsing = parseProblems.sorted { $0.key < $1.key }.map {
            ValidationIssue(field: $0.key, code: "form.unreadable", message: $0.value, fix: "correct the text")
        }
        return missingInputs + parsing + (check?.report.errors ?? [])
    }

    /// The fields changed against the parent (re-run, retry): what the diff line shows.
    public func changes(_ registry: CapabilityRegistry) -> [(field: String, before: JSONValue?, after: JSONValue?)] {
        guard let parent, parent.kind != "extend" else { return [] }
        return submission(registry).differences(from: parent.draft)
    }

    // MARK: Changes

    /// Moves the keyboard to another field (by offset in the visible list), opening its line editor.
    public mutating func moveFocus(by delta: Int, _ registry: CapabilityRegistry) {
        let visible = fields(registry)
        guard !visible.isEmpty else { return }
        let index = visible.firstIndex { $0.id == focus } ?? 0
        focus(on: visible[(index + delta + visible.count) % visible.count], registry)
    }

    public mutating func focus(on field: FormFieldEntry, _ registry: CapabilityRegistry) {
        focus = field.id
        line = [.text, .number, .video].contains(field.kind) ? TextEditorState(draft.text(of: field.id) ?? "") : nil
    }

    /// Switches the tab. Each tab keeps its own form: one left earlier comes back as it was; a tab
    /// never used starts from this one's prompt and settings (not its parent, unless that is a
    /// storyboard's shot: the shot is still the one edited). The keyboard goes to
    /// the tab's input (the images, the video to extend), or to the prompt on the Text tab.
    public mutating func selectMode(_ newMode: GenerationMode, _ registry: CapabilityRegistry) {
        guard newMode != mode else { return }
        commitLine()
        stash[mode] = current
        if let kept = stash.removeValue(forKey: newMode) {
            restore(kept, mode: newMode, registry)
            return
        }
        mode = newMode
        // A storyboard's shot stays the one edited in another mode (an image for its first frame…).
        if parent?.shot == nil { parent = nil }
        check = nil
        parseProblems = [:]
        let visible = fields(registry)
        let input = visible.first { [.image, .images, .video].contains($0.kind) } ?? visible.first { $0.kind == .prompt }
        if let field = input ?? visible.first { focus(on: field, registry) }
    }

    /// Copies the line editor into the draft, noting text that does not parse.
    public mutating func commitLine() {
        guard let line else { return }
        parseProblems[focus] = draft.set(focus, text: line.text)
    }

    /// Cycles a choice or a toggle. A field without a registry default starts at "default"
    /// (unset: the service decides); one with a default starts at that value.
    public mutating func cycle(_ field: FormFieldEntry, by delta: Int, candidates: [String], defaultValue: String?) {
        let values: [String?]
        switch field.kind {
        case .toggle: values = [nil, "on", "off"]
        case .choice: values = (defaultValue != nil || ["provider", "model"].contains(field.id) ? [] : [nil]) + candidates.map(Optional.some)
        default: return
        }
        guard !values.isEmpty else { return }
        let current = values.firstIndex(of: draft.text(of: field.id) ?? defaultValue) ?? 0
        let next = values[(current + delta + values.count) % values.count]
        draft.set(field.id, text: next)
        if field.id == "provider" { draft.model = nil }
    }

    /// Locks the seed (making one up when empty) or unlocks it; unlocking clears it, so the next
    /// submit gets a new one as the lock's hint says.
    public mutating func toggleSeedLock(random: UInt32) {
        seedLocked.toggle()
        if seedLocked, draft.seed == nil { draft.seed = Int64(random) }
        if !seedLocked { draft.seed = nil }
        if focus == "seed" { line = TextEditorState(draft.text(of: "seed") ?? "") }
    }

    /// After a submit: an unlocked seed is cleared so the next video differs, and the next
    /// submit is a new generation rather than another child of the same parent. What stays on
    /// the form counts as sent (quitting then has nothing to ask about).
    public mutating func afterSubmit() {
        submitting = false
        parent = nil
        if !seedLocked {
            draft.seed = nil
            if focus == "seed" { line = TextEditorState("") }
        }
        lastSent[mode] = current.draft
    }

    /// Opens a stored generation (re-run, retry, extend) in its mode's tab, replacing that tab's
    /// form; the other tabs keep theirs.
    public mutating func prefill(from draft: GenerationDraft, parent: FormParent, registry: CapabilityRegistry) {
        commitLine()
        if draft.mode != mode { stash[mode] = current }
        stash[draft.mode] = nil
        restore(ModeDraft(draft: draft, parent: parent, seedLocked: draft.seed != nil), mode: draft.mode, registry)
        touched.insert(draft.mode)
        if let first = fields(registry).first { focus(on: first, registry) }
    }

    // MARK: Each tab's own form

    /// This tab's form as it is kept (in `stash`, and in the journal across restarts).
    public var current: ModeDraft {
        var kept = draft
        kept.prompt = prompt.text.isEmpty ? nil : prompt.text
        return ModeDraft(draft: kept, parent: parent, seedLocked: seedLocked, focus: focus)
    }

    /// Puts a kept form on screen as the tab of `mode`.
    public mutating func restore(_ kept: ModeDraft, mode newMode: GenerationMode, _ registry: CapabilityRegistry) {
        mode = newMode
        draft = kept.draft
        draft.prompt = nil
        if draft.provider == nil { draft.provider = kept.draft.providerID }
        prompt = TextEditorState(kept.draft.prompt ?? "")
        parent = kept.parent
        seedLocked = kept.seedLocked
        check = nil
        parseProblems = [:]
        line = nil
        let visible = fields(registry)
        if let field = visible.first(where: { $0.id == kept.focus }) ?? visible.first { focus(on: field, registry) }
    }

    /// Every tab's form, this one included.
    public var allModes: [GenerationMode: ModeDraft] {
        var all = stash
        all[mode] = current
        return all
    }

    /// Whether a tab holds work that was not sent: changed by hand, with a prompt or an input,
    /// different from what it last sent.
    public func isUnsent(_ mode: GenerationMode) -> Bool {
        guard touched.contains(mode), let kept = allModes[mode] else { return false }
        return Self.hasWork(kept, lastSent: lastSent[mode])
    }

    /// Whether a kept tab holds a prompt or an input that differs from what it last sent.
    static func hasWork(_ kept: ModeDraft, lastSent: GenerationDraft?) -> Bool {
        let draft = kept.draft
        let typed = !(draft.prompt ?? "").isEmpty || draft.image != nil || draft.lastFrame != nil || !draft.references.isEmpty
            || draft.video != nil || kept.parent != nil
        return typed && draft != lastSent
    }

    /// The tabs with unsent work, in tab order.
    public var unsentModes: [GenerationMode] { Self.modes.filter(isUnsent) }
}
