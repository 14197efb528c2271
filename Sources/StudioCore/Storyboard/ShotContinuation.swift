/// How a shot follows the shot before it in a storyboard.
public enum ShotContinuation: String, Codable, Sendable, CaseIterable, Hashable {
    /// The previous shot's video extended (its chosen take's video is the input).
    case extend
    /// The previous shot's last frame becomes this shot's first frame (image → video).
    case lastFrame = "last-frame"
    /// No chaining: the shot shares the storyboard's reference images (character, style).
    case ingredients
    /// Independent.
    case cut

    /// Whether the shot needs the previous shot's result before it can be sent.
    public var chainsToPrevious: Bool { self == .extend || self == .lastFrame }
}
