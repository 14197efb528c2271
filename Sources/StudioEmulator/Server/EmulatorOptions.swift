import Foundation

/// Everything that configures one emulator instance.
public struct EmulatorOptions: Sendable {
    /// Interface to bind; loopback unless told otherwise.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks any free port.
    public var port: Int = 0
    /// Wire profiles served side by side.
    public var profiles: [EmulatorProfile] = [.gemini]
    /// Latency (and fault delays) are divided by this; tests use e.g. 1000.
    public var speed: Double = 1
    /// Makes operation ids, file ids, latency and probabilistic faults repeatable.
    public var seed: UInt64? = nil
    /// Injected faults (the `--faults SPEC` string, parsed).
    public var faults: FaultPlan = .none
    /// Accepted API keys; nil accepts any non-empty key.
    public var apiKeys: Set<String>? = nil
    /// Submits allowed per key and model within 60 s; more answer 429.
    public var requestsPerMinute: Int = 10
    /// How long generated videos stay downloadable and extendable.
    public var retention: Duration = .seconds(172_800)
    /// When set, operations, file metadata, inputs and MP4s persist here across restarts.
    public var stateDirectory: URL? = nil
    /// Render outputs with ffmpeg when it is on PATH; false always serves the built-in MP4.
    public var renderWithFFmpeg: Bool = true

    /// Default options: loopback, any free port, Gemini API profile, real-time latency.
    public init() {}
}
