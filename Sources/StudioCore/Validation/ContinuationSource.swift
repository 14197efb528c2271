import Foundation

/// What the journal knows about the generation a refinement continues: its interaction, model,
/// state and the shape of its video.
public struct ContinuationSource: Sendable, Hashable {
    public var generationID: Int64
    public var provider: String
    public var model: String
    public var status: JobStatus
    /// The interaction id the service gave the earlier turn (`previous_interaction_id` of the next).
    public var interactionID: String?
    public var durationSeconds: Int?
    public var aspectRatio: String?
    public var resolution: String?

    public init(generationID: Int64, provider: String, model: String, status: JobStatus, interactionID: String?,
                durationSeconds: Int? = nil, aspectRatio: String? = nil, resolution: String? = nil) {
        self.generationID = generationID
        self.provider = provider
        self.model = model
        self.status = status
        self.interactionID = interactionID
        self.durationSeconds = durationSeconds
        self.aspectRatio = aspectRatio
        self.resolution = resolution
    }
}
