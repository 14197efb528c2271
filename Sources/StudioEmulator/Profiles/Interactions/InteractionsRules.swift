import Foundation

/// The `interactions` section of `server-rules.json`: the Gemini API's Interactions profile
/// (Gemini Omni video models), its accepted keys, limits, defaults and timings.
public struct InteractionsRules: Sendable, Decodable {
    /// Path prefixes served, e.g. `v1beta` and `v1`.
    public var apiVersions: [String]
    /// Host used in returned file URIs.
    public var fileURIBase: String
    /// Models served, keyed by id.
    public var models: [String: OmniModelRules]
    /// Models that were shut down, answered 404 with their date and replacement.
    public var shutDownModels: [String: ShutDownModel]
    /// Model id prefixes refused with 400 (Veo models are not served through interactions).
    public var refusedModelPrefixes: [String]
    /// Top-level keys of a create body.
    public var acceptedTopLevel: [String]
    /// Keys of `generation_config`.
    public var acceptedGenerationConfig: [String]
    /// Keys of a video `response_format`.
    public var acceptedVideoFormat: [String]
    /// Video `response_format` keys only Vertex AI accepts.
    public var vertexOnlyVideoFormat: [String]
    /// `response_format[].type` values.
    public var responseFormatTypes: [String]
    /// `generation_config.video_config.task` values.
    public var tasks: [String]
    /// Output duration limits in seconds.
    public var duration: DurationRules
    /// Resolution names and their 16:9 frame sizes.
    public var resolutions: [String: FrameSize]
    public var defaultResolution: String
    /// The resolution of an `upscale` without one.
    public var upscaleDefaultResolution: String
    public var aspectRatios: [String]
    public var defaultAspectRatio: String
    /// `response_format.delivery` values; the first is the default.
    public var deliveries: [String]
    public var imageMimeTypes: [String]
    public var videoMimeTypes: [String]
    /// Most images of an `image_to_video` (first and last frame).
    public var imageToVideoMaxImages: Int
    public var referenceMaxImages: Int
    public var referenceMaxVideos: Int
    /// An `edit` source must be shorter than this.
    public var editMaxSourceSeconds: Double
    /// Longest video an `extend` may produce.
    public var extendMaxTotalSeconds: Double
    /// Duration assumed for an input MP4 whose header carries none.
    public var assumedInputVideoSeconds: Double
    /// Token accounting for `usage`.
    public var tokens: TokenRules
    /// How long a URI-delivered output stays `PROCESSING` after completion (before `--speed`).
    public var fileProcessingSeconds: Double
    /// Longest hold of a blocking create (before `--speed`); the interaction completes then.
    public var blockingHoldLimitSeconds: Double
    /// How long an uploaded file is kept.
    public var uploadLifetimeSeconds: Double
    /// Quota naming for 429 answers.
    public var quota: QuotaNames

    /// One Omni model.
    public struct OmniModelRules: Sendable, Decodable {
        public var displayName: String
        /// Median latency in seconds (before `speed`).
        public var latencyMedianSeconds: Double
    }

    /// A model that is gone.
    public struct ShutDownModel: Sendable, Decodable {
        public var date: String
        public var replacement: String
    }

    /// Duration limits.
    public struct DurationRules: Sendable, Decodable {
        public var min: Double
        public var max: Double
        public var `default`: Double
    }

    /// Usage accounting.
    public struct TokenRules: Sendable, Decodable {
        public var perOutputSecond: Int
        public var perImage: Int
        public var perInputVideoSecond: Int
        public var charactersPerTextToken: Int
    }

    /// Quota metric and limit names.
    public struct QuotaNames: Sendable, Decodable {
        public var metric: String
        public var limitName: String
    }

    /// The frame size of `resolution` in `aspectRatio` (9:16 swaps width and height).
    func frame(resolution: String, aspectRatio: String) -> FrameSize {
        let base = resolutions[resolution] ?? FrameSize(width: 1280, height: 720)
        return aspectRatio == "9:16" ? FrameSize(width: base.height, height: base.width) : base
    }
}

extension ServerRules {
    /// The Interactions profile's rules.
    public func interactionsRules() throws -> InteractionsRules {
        guard let interactions else {
            throw EmulatorSetupError("server-rules.json has no interactions section")
        }
        return interactions
    }
}
