import Foundation

/// A draft's inputs as a plugin prepares them before validation: the files read so far, the
/// problems met reading them, and what the journal knows of the video it extends.
public struct PreparationInputs: Sendable {
    public var draft: GenerationDraft
    public var media: [String: LoadedMedia]
    public var loadIssues: [ValidationIssue]
    public var source: ExtensionSource?

    public init(draft: GenerationDraft, media: [String: LoadedMedia], loadIssues: [ValidationIssue], source: ExtensionSource?) {
        self.draft = draft
        self.media = media
        self.loadIssues = loadIssues
        self.source = source
    }
}
