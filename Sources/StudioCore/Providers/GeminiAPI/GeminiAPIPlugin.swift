import Foundation

extension WireProtocol {
    /// The Gemini API's `:predictLongRunning` (Veo).
    public static let geminiPredict = WireProtocol(rawValue: "gemini-predict")
}

/// The Gemini API: Veo through `predictLongRunning`, Gemini Omni through the Interactions API
/// beside it, both with the key in `x-goog-api-key` and the configured base URL and API version.
public struct GeminiAPIPlugin: ProviderPlugin {
    public init() {}

    public var wire: WireProtocol { .geminiPredict }
    public var registryWire: String? { "gemini" }
    public var emulatorProfile: String { "gemini" }
    public var documentationHeading: String { "gemini" }

    /// Where the key is looked for, in order (then `api_key` under `[providers.gemini]`).
    public static let keyVariables = ["GEMINI_API_KEY", "GOOGLE_API_KEY"]

    public var goldenFixtures: String { "mldev/" }

    public func decodeAnswer(_ bytes: Data) throws -> OperationSnapshot {
        try GeminiOperationDecoder.decode(JSONValue.decode(bytes))
    }

    public func credentialVariables(providerID: String) -> [String] { Self.keyVariables }

    public func makeProvider(_ setup: ProviderSetup) throws -> VideoProvider {
        let identity = setup.identity
        let spelling = identity.entry.referenceTypeSpelling
        if identity.onSandbox {
            let base = setup.sandboxURL
            let predict = GeminiAPIProvider(id: identity.name, apiKey: "sandbox", baseURL: base, apiVersion: "v1beta",
                                            referenceTypeSpelling: spelling, isSynthetic: true, transport: setup.transport)
            return InteractionsPlugin.beside(predict, registry: setup.registry, interactions: OmniInteractionsProvider(
                id: identity.name, endpoint: InteractionsEndpoint(baseURL: base), credentials: .apiKey("sandbox"),
                stagingDirectory: setup.stagingDirectory, isSynthetic: true, transport: setup.transport))
        }
        guard let key = setup.firstKey(Self.keyVariables) ?? (setup.preview ? "" : nil) else { throw missingKey(setup) }
        let base = setup.baseURL ?? GeminiAPIProvider.defaultBaseURL
        let version = setup.settings.apiVersion ?? InteractionsEndpoint.defaultGeminiVersion
        let predict = GeminiAPIProvider(id: identity.name, apiKey: key, baseURL: base, apiVersion: version,
                                        referenceTypeSpelling: spelling, transport: setup.transport)
        return InteractionsPlugin.beside(predict, registry: setup.registry, interactions: OmniInteractionsProvider(
            id: identity.name, endpoint: InteractionsEndpoint(baseURL: base, apiVersion: version), credentials: .apiKey(key),
            stagingDirectory: setup.stagingDirectory, transport: setup.transport))
    }

    public func readinessProblem(_ setup: ProviderSetup) -> StudioError? {
        setup.identity.onSandbox || setup.firstKey(Self.keyVariables) != nil ? nil : missingKey(setup)
    }

    public func curlSecret(header: String, identity: ProviderIdentity) -> String {
        identity.onSandbox ? CurlCommand.sandboxSecret(header: header) : "${GEMINI_API_KEY:?set GEMINI_API_KEY}"
    }

    /// The refusal when the Gemini API has no key.
    private func missingKey(_ setup: ProviderSetup) -> StudioError {
        StudioError(field: "provider", code: "credentials.missing",
                    message: "no API key for the Gemini API (looked in GEMINI_API_KEY, GOOGLE_API_KEY and api_key under [providers.gemini] in \(setup.configFile.path))",
                    fix: "export GEMINI_API_KEY=…, or use --provider sandbox to try the built-in emulator")
    }
}
