import StudioCore

/// The generation a form was opened from (re-run, retry or extend): the child is submitted with
/// this link, and the form shows what changed against it.
public struct FormParent: Sendable {
    public var id: Int64
    /// `rerun`, `retry` or `extend`.
    public var kind: String
    /// The parent's draft as the form started from it.
    public var draft: GenerationDraft
    /// The storyboard shot the form edits (`kind` is `shot`): Ctrl-S saves the draft into it.
    public var shot: StoryboardAction.Shot?

    public init(id: Int64, kind: String, draft: GenerationDraft, shot: StoryboardAction.Shot? = nil) {
        self.id = id
        self.kind = kind
        self.draft = draft
        self.shot = shot
    }
}
