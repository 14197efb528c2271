/// A draft with its inputs read, its extension source looked up and its validation done:
/// everything needed to show issues and cost, or to submit.
public struct PreparedGeneration: Sendable {
    public var draft: GenerationDraft
    public var report: ValidationReport
    public var media: [String: LoadedMedia]
    public var extensionSource: ExtensionSource?
    /// The generation a refinement continues, as the journal knows it.
    public var continuation: ContinuationSource?
}

/// A line of progress from the tracker, for a CLI's stderr or a screen's toast.
public struct TrackingEvent: Sendable, Hashable {
    public var generationID: Int64
    public var status: JobStatus
    public var message: String
}
