/// What ffprobe says of a video: its length and frame rate.
public struct VideoProbe: Sendable, Hashable {
    public var seconds: Double
    public var framesPerSecond: Double?

    public init(seconds: Double, framesPerSecond: Double?) {
        self.seconds = seconds
        self.framesPerSecond = framesPerSecond
    }
}
