/// One clip of a film, in order: its file and where it came from (for the film's sidecar).
public struct FilmClip: Sendable, Hashable {
    public var path: String
    /// The storyboard shot it is (nil for a clip stitched by generation id).
    public var shot: Int?
    public var generationID: Int64?
    public var take: Int?
    public var provider: String?
    public var model: String?
    public var costUSD: Double?
    /// For an extension of the clip before it: the seconds it was asked to add. A service that
    /// returns the whole extended video (the earlier clip and the new seconds) is told apart from one
    /// that returns only the new seconds by the clip's length; the whole video then replaces the
    /// earlier clip in the film, so no frame is shown twice.
    public var extensionAdds: Double?

    public init(path: String, shot: Int? = nil, generationID: Int64? = nil, take: Int? = nil, provider: String? = nil,
                model: String? = nil, costUSD: Double? = nil, extensionAdds: Double? = nil) {
        self.path = path
        self.shot = shot
        self.generationID = generationID
        self.take = take
        self.provider = provider
        self.model = model
        self.costUSD = costUSD
        self.extensionAdds = extensionAdds
    }
}
