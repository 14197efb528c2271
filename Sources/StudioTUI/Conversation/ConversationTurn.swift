import StudioCore

/// One turn of a Gemini Omni conversation: the generation (its instruction, status and cost) and
/// the video it wrote, once downloaded.
public struct ConversationTurn: Sendable {
    public var record: GenerationRecord
    /// The first downloaded output, or nil while there is none.
    public var outputPath: String?

    public init(record: GenerationRecord, outputPath: String? = nil) {
        self.record = record
        self.outputPath = outputPath
    }

    public var id: Int64 { record.id ?? 0 }

    /// Submitted and not yet answered for good: the next turn waits for it.
    public var isInProgress: Bool { record.status == .submitting || record.status.isActive }
}
