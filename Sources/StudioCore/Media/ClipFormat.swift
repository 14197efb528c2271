/// What ffprobe says of a clip's streams: enough to decide whether clips join by stream copy.
public struct ClipFormat: Sendable, Hashable {
    public var videoCodec: String
    public var width: Int
    public var height: Int
    /// The frame rate as ffprobe writes it (`24/1`).
    public var frameRate: String
    public var pixelFormat: String?
    /// nil when the clip has no audio.
    public var audio: Audio?
    public var seconds: Double

    public struct Audio: Sendable, Hashable {
        public var codec: String
        public var sampleRate: String
        public var channels: Int
    }

    /// The frame rate as a number.
    public var framesPerSecond: Double {
        let parts = frameRate.split(separator: "/").compactMap { Double($0) }
        guard let first = parts.first else { return 24 }
        return parts.count == 2 && parts[1] > 0 ? first / parts[1] : first
    }

    /// Whether two clips can be joined without re-encoding: same codec, size, frame rate, pixel
    /// format and audio layout (or both without audio).
    public func joinsByCopy(with other: ClipFormat) -> Bool {
        videoCodec == other.videoCodec && width == other.width && height == other.height
            && frameRate == other.frameRate && pixelFormat == other.pixelFormat && audio == other.audio
    }
}
