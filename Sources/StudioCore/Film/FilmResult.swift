/// A stitched film: where it is, its hash and length, how it was joined, and where each clip sits in it.
public struct FilmResult: Sendable {
    /// A clip's place on the film's timeline.
    public struct Placement: Sendable {
        public var clip: FilmClip
        /// Seconds on the film's timeline.
        public var filmIn: Double
        public var filmOut: Double
        /// Seconds within the file the frames come from.
        public var sourceIn: Double
        public var sourceOut: Double
        /// The generation whose file supplies these frames (an extension holding this clip, or the clip's own).
        public var sourceGenerationID: Int64?
    }

    public var path: String
    public var sha256: String
    public var seconds: Double
    /// `copy` (streams copied, no quality lost) or `re-encode` (clips normalised, or crossfaded).
    public var method: String
    public var crossfadeSeconds: Double
    /// Why the clips were re-encoded (nil for a copy).
    public var reencodeReason: String?
    public var placements: [Placement]
    public var width: Int
    public var height: Int
}
