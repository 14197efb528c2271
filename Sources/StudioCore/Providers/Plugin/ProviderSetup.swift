import Foundation

/// Everything a plugin needs to build a provider, resolved by the app's wiring: who, where to,
/// with which settings and credentials' sources, and whether only a request will be built.
public struct ProviderSetup: Sendable {
    public var identity: ProviderIdentity
    /// Where requests go: `--base-url`, else the config's `base_url`, else the built-in emulator's
    /// address for a sandbox; nil for the provider's own host.
    public var baseURL: String?
    /// `[providers.<id>]` of config.toml.
    public var settings: StudioConfig.ProviderSettings
    public var environment: [String: String]
    /// The config file, named in messages about missing keys.
    public var configFile: URL
    /// Where inline videos are staged while an answer is read.
    public var stagingDirectory: URL
    /// Only a request is built: nothing starts and no credential is read.
    public var preview: Bool
    /// `--project` / `--location` from the command line (Vertex AI).
    public var project: String?
    public var location: String?
    public var registry: CapabilityRegistry
    public var transport: HTTPTransport

    public init(identity: ProviderIdentity, baseURL: String?, settings: StudioConfig.ProviderSettings,
                environment: [String: String], configFile: URL, stagingDirectory: URL, preview: Bool = false,
                project: String? = nil, location: String? = nil, registry: CapabilityRegistry,
                transport: HTTPTransport = HTTPTransport()) {
        self.identity = identity
        self.baseURL = baseURL
        self.settings = settings
        self.environment = environment
        self.configFile = configFile
        self.stagingDirectory = stagingDirectory
        self.preview = preview
        self.project = project
        self.location = location
        self.registry = registry
        self.transport = transport
    }

    /// The sandbox's base URL (a preview shows a placeholder).
    public var sandboxURL: String { baseURL ?? "http://127.0.0.1:PORT" }

    /// The first key found: in the environment variables named, in order, then `api_key` in the config.
    public func firstKey(_ variables: [String]) -> String? {
        for name in variables {
            if let key = environment[name], !key.isEmpty { return key }
        }
        if let key = settings.apiKey, !key.isEmpty { return key }
        return nil
    }
}
