import Foundation
@testable import StudioCore

/// The app as the CLI and the studio wire it (`StudioApp`), with a test's folder as its home (so
/// the journal, assets, media and staging sit where the test looks) and only the environment given.
/// The end-to-end suites take their service and their providers from it.
enum TestApp {
    static func open(_ folder: TemporaryFolder, environment: [String: String] = [:],
                     transport: HTTPTransport = HTTPTransport()) throws -> StudioApp {
        try StudioApp(StudioApp.Options(home: folder.url.path, environment: environment, transport: transport))
    }

    /// The policy the suites track with: quick retries, and the deadline named.
    static func policy(deadlineSeconds: Double = 15 * 60) -> TrackerPolicy {
        TrackerPolicy(deadlineSeconds: deadlineSeconds, backoffBaseSeconds: 0.01, backoffMaxSeconds: 0.05)
    }

    /// The provider `id`'s plugin builds from the app's setup, sent to `baseURL` through `transport`.
    static func provider(_ app: StudioApp, _ id: String, baseURL: String, transport: HTTPTransport? = nil) throws -> VideoProvider {
        guard var setup = app.setup(for: id, baseURL: baseURL),
              let plugin = ProviderPlugins.plugin(registryWire: setup.identity.registryWire) else {
            throw StudioError(field: "provider", code: "provider.unknown", message: "no plugin for \(id)", fix: "")
        }
        if let transport { setup.transport = transport }
        return try plugin.makeProvider(setup)
    }
}
