import StudioCore

/// One tab of the Generate form as it is kept while another tab is shown, and in the journal
/// across restarts: the draft with its prompt, the generation it was opened from, the seed lock
/// and the field that had the keyboard.
public struct ModeDraft: Codable, Hashable, Sendable {
    public var draft: GenerationDraft
    public var parentID: Int64?
    public var parentKind: String?
    public var parentDraft: GenerationDraft?
    /// The storyboard shot the tab edits (Ctrl-S saves into it).
    public var parentShot: StoryboardAction.Shot?
    public var seedLocked: Bool
    public var focus: String?

    public init(draft: GenerationDraft, parent: FormParent? = nil, seedLocked: Bool = false, focus: String? = nil) {
        self.draft = draft
        parentID = parent?.id
        parentKind = parent?.kind
        parentDraft = parent?.draft
        parentShot = parent?.shot
        self.seedLocked = seedLocked
        self.focus = focus
    }

    /// The generation the tab was opened from (re-run, retry, extend), if any.
    public var parent: FormParent? {
        guard let parentID, let parentKind else { return nil }
        return FormParent(id: parentID, kind: parentKind, draft: parentDraft ?? GenerationDraft(), shot: parentShot)
    }
}
