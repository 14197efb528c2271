import Foundation

/// Everything that configures one emulator instance.
public struct EmulatorOptions: Sendable {
    /// Interface to bind; loopback unless told otherwise.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks any free port.
    public var port: Int = 0
    /// Wire profiles served side by side (their paths do not collide).
    public var profiles: [EmulatorProfile] = EmulatorProfile.allCases
    /// Latency (and fault delays) are divided by this; tests use e.g. 1000.
    public var speed: Double = 1
    /// Makes operation ids, file ids, latency and probabilistic faults repeatable.
    public var seed: UInt64? = nil
    /// Injected faults (the `--faults SPEC` string, parsed).
    public var faults: FaultPlan = .none
    /// How long the `stall` fault holds an answer, in wall-clock seconds (past the studio's 60 s request timeout).
    public var stallSeconds: Double = 90
    /// Accepted API keys (Gemini API, Vertex AI express mode and the gateways' Bearer keys); nil accepts any non-empty key.
    public var apiKeys: Set<String>? = nil
    /// Accepted Bearer tokens (Vertex and Cloud Storage routes); nil accepts any non-empty token
    /// except tokens this emulator issued that have expired. Issued tokens are accepted until they expire.
    public var bearerTokens: Set<String>? = nil
    /// PEM public keys (SPKI or PKCS#1, RSA ≥ 2048 bits) whose RS256 signatures `POST /token` accepts.
    public var serviceAccountKeys: [String] = []
    /// Lifetime of the access tokens `POST /token` issues.
    public var tokenLifetime: Duration = .seconds(3600)
    /// Buckets the Vertex profile may not write to: such an operation ends with error code 7.
    public var deniedBuckets: Set<String> = []
    /// Largest total size of the videos one Vertex operation returns inline (without `storageUri`);
    /// more ends the operation with code 3 "Generated video is large, an output storage uri is required."
    public var inlineLimitBytes: Int = EmulatorOptions.defaultInlineLimitBytes
    /// Submits allowed per key (or token) and model within 60 s; more answer 429.
    public var requestsPerMinute: Int = 10
    /// Operations running at once per key (or token); one more answers 429 until one finishes. Nil: no cap.
    public var maxRunning: Int?
    /// How long generated videos stay downloadable and extendable (Gemini API files, and gateway
    /// links whose rules give no lifetime of their own).
    public var retention: Duration = .seconds(172_800)
    /// When set, operations, file metadata, inputs, MP4s, stored objects and issued tokens persist here across restarts.
    public var stateDirectory: URL? = nil
    /// Render outputs with ffmpeg when it is on PATH; false always serves the built-in MP4.
    public var renderWithFFmpeg: Bool = true

    /// The default inline limit: 32 MiB.
    public static let defaultInlineLimitBytes = 32 * 1024 * 1024

    /// Default options: loopback, any free port, every profile, real-time latency.
    public init() {}
}
