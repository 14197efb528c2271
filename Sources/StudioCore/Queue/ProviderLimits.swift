/// What a provider takes before it answers 429: requests a minute and jobs running at once. Nil
/// means no local cap (nothing documented, nothing configured). From the registry (dated, sourced),
/// overridden per provider in config.toml (`requests_per_minute`, `max_running`).
public struct ProviderLimits: Codable, Sendable, Hashable {
    public var requestsPerMinute: Int?
    public var maxRunning: Int?
    /// Where the numbers come from, and when they were read.
    public var source: String?
    public var as_of: String?

    public init(requestsPerMinute: Int? = nil, maxRunning: Int? = nil, source: String? = nil, as_of: String? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.maxRunning = maxRunning
        self.source = source
        self.as_of = as_of
    }

    /// No cap at all.
    public static let none = ProviderLimits()
}
