import Foundation

extension WireProtocol {
    /// Vertex AI's `:predictLongRunning` and `:fetchPredictOperation` (Veo).
    public static let vertexPredict = WireProtocol(rawValue: "vertex-predict")
}

/// Vertex AI: Veo through `predictLongRunning`, Gemini Omni through the Interactions API beside it
/// on the same host, project and credentials. Express mode (an API key) when no project is set,
/// else an access token in gcloud users' order.
public struct VertexPlugin: ProviderPlugin {
    public init() {}

    public var wire: WireProtocol { .vertexPredict }
    public var registryWire: String? { "vertex" }
    public var inlineScheme: String? { VertexAIProvider.inlineScheme }
    public var emulatorProfile: String { "vertex" }
    public var documentationHeading: String { "vertex" }

    public var goldenFixtures: String { "vertex/" }

    public func decodeAnswer(_ bytes: Data) throws -> OperationSnapshot {
        try VertexOperationDecoder.decode(JSONValue.decode(bytes), inlineURI: { "\(VertexAIProvider.inlineScheme)op#\($0)" })
    }

    /// A token (else gcloud or a service-account key file), or an API key for express mode.
    public func credentialVariables(providerID: String) -> [String] {
        ["GOOGLE_OAUTH_ACCESS_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_API_KEY"]
    }

    public func makeProvider(_ setup: ProviderSetup) throws -> VideoProvider {
        let vertex = setup.identity.onSandbox ? sandbox(setup) : try service(setup)
        return InteractionsPlugin.beside(vertex, registry: setup.registry, interactions: OmniInteractionsProvider(
            id: vertex.id, endpoint: InteractionsEndpoint(vertex: vertex.endpoint), credentials: .vertex(vertex),
            stagingDirectory: setup.stagingDirectory, isSynthetic: vertex.isSynthetic, transport: setup.transport))
    }

    public func readinessProblem(_ setup: ProviderSetup) -> StudioError? {
        guard !setup.identity.onSandbox else { return nil }
        do {
            _ = try service(setup)
            return nil
        } catch let error as StudioError {
            return error
        } catch {
            return StudioError(field: "provider", code: "credentials.unreadable", message: "Vertex AI cannot be reached: \(error)",
                               fix: "see the Vertex AI rows of the README's configuration table")
        }
    }

    public func curlSecret(header: String, identity: ProviderIdentity) -> String {
        if identity.onSandbox { return CurlCommand.sandboxSecret(header: header) }
        return header.lowercased() == "authorization" ? "Bearer $(gcloud auth print-access-token)" : "${GOOGLE_API_KEY:?set GOOGLE_API_KEY}"
    }

    public func prepareForValidation(_ inputs: inout PreparationInputs, journal: Journal) {
        VertexInputPreparation.prepare(&inputs, journal: journal)
    }

    /// Project, location, version, base URL and quota project, from the flags, the environment and the config.
    public static func settings(_ setup: ProviderSetup, key: ServiceAccountKey?) throws -> VertexSettings {
        try VertexSettings.resolve(project: setup.project, location: setup.location, baseURL: setup.baseURL,
                                   environment: setup.environment, config: setup.settings, key: key)
    }

    /// Vertex AI with the user's credentials. A preview reads no credential.
    private func service(_ setup: ProviderSetup) throws -> VertexAIProvider {
        let environment = setup.environment
        let keyFileSet = !(environment["GOOGLE_APPLICATION_CREDENTIALS"] ?? "").isEmpty
        let credentials = keyFileSet && !setup.preview ? try VertexCredentials.resolve(environment: environment) : nil
        let keyFile = credentials?.key
            ?? (keyFileSet ? try? ServiceAccountKey.load(path: environment["GOOGLE_APPLICATION_CREDENTIALS"] ?? "") : nil)
        let settings = try Self.settings(setup, key: keyFile)
        let spelling = setup.identity.entry.referenceTypeSpelling
        if let expressKey = settings.expressKey {
            return VertexAIProvider(id: setup.identity.name, endpoint: settings.endpoint, apiKey: expressKey,
                                    stagingDirectory: setup.stagingDirectory, referenceTypeSpelling: spelling, transport: setup.transport)
        }
        let tokens = setup.preview ? nil : try credentials?.source ?? VertexCredentials.resolve(environment: environment).source
        return VertexAIProvider(id: setup.identity.name, endpoint: settings.endpoint, tokens: tokens, quotaProject: settings.quotaProject,
                                stagingDirectory: setup.stagingDirectory, referenceTypeSpelling: spelling, transport: setup.transport)
    }

    /// Vertex AI on the built-in emulator: any token is accepted there.
    private func sandbox(_ setup: ProviderSetup) -> VertexAIProvider {
        VertexAIProvider(id: setup.identity.name,
                         endpoint: VertexEndpoint(project: "sandbox", location: VertexSettings.defaultLocation, baseURL: setup.sandboxURL),
                         tokens: StaticTokenSource(token: "sandbox", origin: "the sandbox", fix: ""),
                         stagingDirectory: setup.stagingDirectory, isSynthetic: true, transport: setup.transport)
    }
}
