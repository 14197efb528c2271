/// A provider's answer about one operation, in one shape for every wire protocol.
public struct OperationSnapshot: Codable, Sendable, Hashable {
    public var name: String
    public var done: Bool
    public var videos: [RemoteVideo]
    public var raiFilteredCount: Int
    public var raiReasons: [String]
    /// Set when the operation finished with an error (google.rpc.Status).
    public var error: ServerAnswer?
    /// A provider's own progress (0…1) when it reports one; nil otherwise (no invented percentages).
    public var progress: Double?
    /// The whole answer as received, for "show the full server answer".
    public var raw: JSONValue

    public init(name: String, done: Bool, videos: [RemoteVideo] = [], raiFilteredCount: Int = 0,
                raiReasons: [String] = [], error: ServerAnswer? = nil, progress: Double? = nil, raw: JSONValue = .null) {
        self.name = name
        self.done = done
        self.videos = videos
        self.raiFilteredCount = raiFilteredCount
        self.raiReasons = raiReasons
        self.error = error
        self.progress = progress
        self.raw = raw
    }
}

/// A generated video on the provider's side, before it is downloaded.
public struct RemoteVideo: Codable, Sendable, Hashable {
    public var uri: String
    public var mimeType: String?

    public init(uri: String, mimeType: String? = nil) {
        self.uri = uri
        self.mimeType = mimeType
    }
}
