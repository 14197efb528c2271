import Foundation

/// What the journal knows about the video a draft extends: its chain, length and age.
public struct ExtensionSource: Sendable, Hashable {
    public var generationID: Int64?
    public var remoteURI: String?
    /// Extensions already in the source's chain (0 for an original video).
    public var hops: Int
    public var durationSeconds: Int
    public var aspectRatio: String?
    public var model: String?
    public var finishedAt: Date?
    /// The input's frame rate when it was measured (a local file).
    public var framesPerSecond: Double?

    public init(generationID: Int64?, remoteURI: String?, hops: Int, durationSeconds: Int,
                aspectRatio: String?, model: String?, finishedAt: Date?, framesPerSecond: Double? = nil) {
        self.generationID = generationID
        self.remoteURI = remoteURI
        self.hops = hops
        self.durationSeconds = durationSeconds
        self.aspectRatio = aspectRatio
        self.model = model
        self.finishedAt = finishedAt
        self.framesPerSecond = framesPerSecond
    }
}
