import Foundation
@testable import StudioCore

/// Providers as their plugins build them, for the tests: a name of the test registry, an address,
/// no config and no environment.
enum PluginSetup {
    static func setup(_ name: String, baseURL: String, staging: URL, transport: HTTPTransport = HTTPTransport(),
                      preview: Bool = false) throws -> (ProviderSetup, any ProviderPlugin) {
        guard let identity = Fixtures.registry.identity(name),
              let plugin = ProviderPlugins.plugin(registryWire: identity.registryWire) else {
            throw StudioError(field: "provider", code: "provider.unknown", message: "no plugin for \(name)", fix: "")
        }
        let setup = ProviderSetup(identity: identity, baseURL: baseURL, settings: StudioConfig.ProviderSettings(), environment: [:],
                                  configFile: staging, stagingDirectory: staging, preview: preview, registry: Fixtures.registry,
                                  transport: transport)
        return (setup, plugin)
    }

    /// The provider the plugin of `name` builds.
    static func provider(_ name: String, baseURL: String, staging: URL, transport: HTTPTransport = HTTPTransport(),
                         preview: Bool = false) throws -> VideoProvider {
        let (setup, plugin) = try setup(name, baseURL: baseURL, staging: staging, transport: transport, preview: preview)
        return try plugin.makeProvider(setup)
    }
}
