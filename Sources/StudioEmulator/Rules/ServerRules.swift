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

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case profiles, aspectRatios, resolutions, highResolutions, models, latency, rules, safety
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
        public var stepSeconds: Int
        public var maxHops: Int
        public var resolution: String
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
    /// `auth`, `route`, `submit`, `poll`, `download`, `operation` (ends the operation with an error) or `fault`.
    public var stage: String
    /// HTTP status for request-stage answers.
    public var http: Int?
    /// google.rpc status name for request-stage answers.
    public var status: String?
    /// google.rpc code for operation-stage answers.
    public var code: Int?
    /// Message template; `{name}` placeholders are filled in.
    public var message: String
    /// Where the rule comes from.
    public var source: String
    /// When the source was written or checked.
    public var asOf: String

    enum CodingKeys: String, CodingKey {
        case id, stage, http, status, code, message, source
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
