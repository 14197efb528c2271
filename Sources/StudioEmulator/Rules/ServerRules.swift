import Foundation

/// The server's own rules, decoded from `Resources/server-rules.json`: models and their
/// capabilities per profile, limits, answer texts with their stage, and safety categories.
public struct ServerRules: Sendable, Decodable {
    /// Date the rule set was last checked against its sources.
    public var asOf: String
    /// Per-profile settings (keyed by `EmulatorProfile.rawValue`).
    public var profiles: [String: ProfileRules]
    /// Aspect ratios any model accepts.
    public var aspectRatios: [String]
    /// Known resolution names and their 16:9 frame sizes.
    public var resolutions: [String: FrameSize]
    /// Resolutions that force the high-resolution duration list.
    public var highResolutions: [String]
    /// Model capabilities keyed by model id.
    public var models: [String: ModelRules]
    /// Latency distribution.
    public var latency: LatencyRules
    /// Answer texts and the stage at which each is given.
    public var rules: [Rule]
    /// Safety-filter categories and their support codes.
    public var safety: SafetyRules
    /// The Interactions profile (Gemini Omni), which has its own shape.
    public var interactions: InteractionsRules?

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case profiles, aspectRatios, resolutions, highResolutions, models, latency, rules, safety, interactions
    }

    /// Loads the rules shipped with the emulator.
    public static func bundled() throws -> ServerRules {
        guard let url = Bundle.module.url(forResource: "server-rules", withExtension: "json") else {
            throw EmulatorSetupError("server-rules.json is missing from the StudioEmulator resources")
        }
        return try load(from: url)
    }

    /// Loads a rule file from `url`.
    public static func load(from url: URL) throws -> ServerRules {
        let data = try Data(contentsOf: url)
        do {
            return try JSONDecoder().decode(ServerRules.self, from: data)
        } catch {
            throw EmulatorSetupError("cannot read \(url.lastPathComponent): \(error)")
        }
    }

    /// The rule with `id`; a missing id is a packaging bug, so a generic rule stands in.
    public func rule(_ id: String) -> Rule {
        rules.first { $0.id == id }
            ?? Rule(id: id, stage: "submit", http: 400, status: "INVALID_ARGUMENT", code: 3,
                    message: "Request contains an invalid argument. (rule \(id))", source: "emulator", asOf: asOf)
    }

    /// The rule with `id` as `profile` answers it: a profile may name its own rule for a
    /// shared id (`ruleOverrides`, e.g. Vertex AI's 404 text for an unknown model).
    public func rule(_ id: String, in profile: ProfileRules) -> Rule {
        rule(profile.ruleOverrides?[id] ?? id)
    }

    /// Settings for `profile`.
    public func profile(_ profile: EmulatorProfile) throws -> ProfileRules {
        guard let rules = profiles[profile.rawValue] else {
            throw EmulatorSetupError("server-rules.json has no section for profile \(profile.rawValue)")
        }
        return rules
    }
}

/// A frame size in pixels (landscape orientation).
public struct FrameSize: Sendable, Decodable, Equatable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// Settings that differ per wire profile.
public struct ProfileRules: Sendable, Decodable {
    /// Path prefixes served, e.g. `v1beta` and `v1`.
    public var apiVersions: [String]
    /// Host used in returned file URIs.
    public var fileURIBase: String
    /// `@type` of a finished response.
    public var responseType: String
    /// Model ids this profile serves.
    public var models: [String]
    /// Ids of other profiles answered with 404 "is not found".
    public var notFoundModels: [String]
    /// `parameters` keys only Vertex accepts.
    public var vertexOnlyParameters: [String]
    /// Top-level keys only Vertex accepts.
    public var vertexOnlyTopLevel: [String]
    /// `instances[0]` keys only Vertex accepts.
    public var vertexOnlyInstanceFields: [String]
    /// Top-level keys accepted.
    public var acceptedTopLevel: [String]
    /// `instances[0]` keys accepted.
    public var acceptedInstanceFields: [String]
    /// `parameters` keys accepted, with their JSON type (`integer`, `string`, `bool`).
    public var acceptedParameters: [String: String]
    /// Whether images and videos may name Cloud Storage objects (`gcsUri`).
    public var acceptsGcsUri: Bool
    /// Key names of the `video` input object.
    public var videoFields: VideoFields
    /// String parameters (and `mask.maskMode`) limited to a list of values, with the rule that refuses others.
    public var enumParameters: [String: EnumRule]?
    /// Most STYLE reference images per request (nil: STYLE is refused by every model anyway).
    public var maxStyleReferenceImages: Int?
    /// Output to Cloud Storage (`storageUri`); nil when the profile has none.
    public var storage: StorageRules?
    /// Vertex AI express mode (API key, no project in the submit path); nil when not served.
    public var express: ExpressRules?
    /// Shared rule ids this profile answers with a rule of its own.
    public var ruleOverrides: [String: String]?
    /// Accepted `sampleCount` range.
    public var sampleCount: SampleCountRules
    /// Most reference images per request.
    public var maxReferenceImages: Int
    /// Default parameter values.
    public var defaults: Defaults
    /// Video extension limits.
    public var `extension`: ExtensionRules
    /// Quota settings.
    public var quota: QuotaRules
    /// Gateways: how long result links (and the files behind them) stay valid; nil keeps the emulator's retention.
    public var linkLifetimeSeconds: Int?

    /// `sampleCount` range.
    public struct SampleCountRules: Sendable, Decodable {
        public var min: Int
        public var max: Int
        public var `default`: Int
    }

    /// Default values of optional parameters.
    public struct Defaults: Sendable, Decodable {
        public var aspectRatio: String
        public var resolution: String
    }

    /// Extension limits.
    public struct ExtensionRules: Sendable, Decodable {
        /// Seconds each extension adds.
        public var stepSeconds: Int
        /// Most extensions of one chain (nil: only `maxOutputSeconds` limits it).
        public var maxHops: Int?
        /// The one output resolution (nil: the input's resolution is kept).
        public var resolution: String?
        /// Whether uploaded bytes (not only the service's own outputs) may be extended.
        public var acceptsUploadedVideo: Bool
        /// Shortest input video.
        public var minInputSeconds: Int?
        /// Longest output video.
        public var maxOutputSeconds: Int?
        /// Largest video sent inline as base64 (decoded bytes).
        public var maxInlineVideoBytes: Int?
        /// Duration assumed for an uploaded MP4 whose header carries none.
        public var assumedInputSeconds: Int?
    }

    /// Key names of the `video` input object.
    public struct VideoFields: Sendable, Decodable {
        /// Key naming a stored video (`uri` on the Gemini API, `gcsUri` on Vertex).
        public var reference: String
        /// Key carrying base64 bytes.
        public var bytes: String
        /// Keys carrying the MIME type.
        public var mimeType: [String]
    }

    /// A string parameter limited to a list of values (compared case-insensitively).
    public struct EnumRule: Sendable, Decodable {
        /// Accepted values, in their canonical spelling.
        public var values: [String]
        /// Rule answering any other value; `{value}` is the value sent.
        public var rule: String

        /// Whether `value` is one of `values`, in any case.
        public func accepts(_ value: String) -> Bool {
            values.contains { $0.caseInsensitiveCompare(value) == .orderedSame }
        }
    }

    /// Output to Cloud Storage.
    public struct StorageRules: Sendable, Decodable {
        /// The account named in permission errors; `{projectNumber}` is filled in.
        public var serviceAgent: String
        /// Output object names; `{directory}` (the `storageUri` prefix plus 16 hex digits) and `{index}` are filled in.
        public var outputObjectName: String
    }

    /// Quota naming.
    public struct QuotaRules: Sendable, Decodable {
        public var requestsPerMinute: Int
        public var metric: String
        public var limitName: String
    }
}

/// What one model accepts.
public struct ModelRules: Sendable, Decodable {
    public var displayName: String
    /// `3.1`, `3.0`, `2.0`.
    public var generation: String
    /// `standard`, `fast` or `lite`.
    public var tier: String
    /// Median latency in seconds (before `speed`).
    public var latencyMedianSeconds: Double
    public var resolutions: [String]
    /// Allowed durations per feature (`text_to_video`, `image_to_video`, `reference_to_video`), in the order the service lists them.
    public var durations: [String: [Int]]
    /// Allowed durations at 1080p and above.
    public var highResolutionDurations: [Int]
    public var lastFrame: Bool
    public var referenceImages: Bool
    public var referenceImageAspectRatios: [String]
    public var styleReference: Bool
    public var `extension`: Bool
    /// Whether the model edits a video with a mask (absent: no).
    public var maskEdit: Bool?
    /// Whether outputs carry an audio track.
    public var audio: Bool
}

/// Latency distribution parameters.
public struct LatencyRules: Sendable, Decodable {
    public var sigma: Double
    public var minSeconds: Double
    public var maxSeconds: Double
}

/// One answer of the service: its id, the stage where it is given, and its text.
public struct Rule: Sendable, Decodable {
    /// Stable id, e.g. `duration.unsupported`.
    public var id: String
    /// `auth`, `route`, `submit`, `poll`, `download`, `operation` (ends the operation with an error), `fault`,
    /// `storage` (the Cloud Storage routes) or `token` (the OAuth token endpoint, where `status` is the OAuth error code).
    public var stage: String
    /// HTTP status for request-stage answers.
    public var http: Int?
    /// google.rpc status name for request-stage answers.
    public var status: String?
    /// google.rpc code for operation-stage answers.
    public var code: Int?
    /// A gateway's own error code string (`error.code` in its envelope), when it has one.
    public var errorCode: String?
    /// Message template; `{name}` placeholders are filled in.
    public var message: String
    /// Where the rule comes from.
    public var source: String
    /// When the source was written or checked.
    public var asOf: String

    enum CodingKeys: String, CodingKey {
        case id, stage, http, status, code, errorCode, message, source
        case asOf = "as_of"
    }

    init(id: String, stage: String, http: Int?, status: String?, code: Int?, message: String, source: String, asOf: String) {
        self.id = id
        self.stage = stage
        self.http = http
        self.status = status
        self.code = code
        self.message = message
        self.source = source
        self.asOf = asOf
    }

    /// The message with `{key}` placeholders replaced.
    public func text(_ values: [String: String] = [:]) -> String {
        var text = message
        for (key, value) in values {
            text = text.replacingOccurrences(of: "{\(key)}", with: value)
        }
        return text
    }
}

/// Safety-filter categories.
public struct SafetyRules: Sendable, Decodable {
    public var defaultCategory: String
    /// Appended to each reason; `{codes}` is replaced.
    public var reasonSuffix: String
    public var categories: [SafetyCategory]

    /// The category named `name` or one of its aliases (case-insensitive).
    public func category(named name: String) -> SafetyCategory? {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        return categories.first { $0.name == key || $0.aliases.contains(key) }
    }
}

/// One safety category.
public struct SafetyCategory: Sendable, Decodable {
    public var name: String
    public var aliases: [String]
    public var supportCodes: [String]
    public var reason: String
}
