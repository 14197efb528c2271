import Foundation
import Logging
import StudioCore
import StudioEmulator

/// Everything a command needs, resolved once: folders, config, rules, prices, journal, service,
/// and the provider to talk to (the in-process sandbox when no key is configured).
final class StudioContext: @unchecked Sendable {
    let paths: StudioPaths
    let config: StudioConfig
    let registry: CapabilityRegistry
    let prices: PriceTable
    let logger: Logger
    let environment: [String: String]
    /// `--project` / `--location` for Vertex AI.
    let vertexProject: String?
    let vertexLocation: String?
    private var journalStore: Journal?
    private var sandbox: EmulatorServer?
    private var sandboxURL: URL?

    /// The sandbox runs this many times faster than the real service (`VEO_STUDIO_SANDBOX_SPEED`, default 20).
    let sandboxSpeed: Double

    init(global: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        vertexProject = global.project
        vertexLocation = global.location
        sandboxSpeed = Double(environment["VEO_STUDIO_SANDBOX_SPEED"] ?? "").flatMap { $0 > 0 ? $0 : nil } ?? 20
        paths = StudioPaths.resolve(home: global.home, environment: environment)
        try paths.prepare()
        config = try StudioConfig.load(from: paths.configFile)
        for warning in config.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        registry = try CapabilityRegistry.effective(configDirectory: paths.configDirectory)
        prices = try PriceTable.effective(configDirectory: paths.configDirectory)
        logger = FileLogHandler.logger(label: "veo-studio", directory: paths.logs)
    }

    /// The journal, opened on first use.
    func journal() throws -> Journal {
        if let journalStore { return journalStore }
        let journal = try Journal.open(at: paths.database)
        journalStore = journal
        StagingSweep.sweep(paths.staging, journal: journal)
        return journal
    }

    func service(clock: any StudioClock = SystemClock()) throws -> GenerationService {
        let policy = TrackerPolicy(deadlineSeconds: config.deadlineMinutes * 60)
        var service = GenerationService(journal: try journal(), registry: registry, prices: prices,
                                        assets: AssetStore(root: paths.assets), mediaRoot: paths.media,
                                        clock: clock, policy: policy, logger: logger)
        service.uploadingProviders = uploadingProviders
        service.region = environment["VEO_STUDIO_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? config.region
        return service
    }

    /// The API key for the Gemini API: `GEMINI_API_KEY`, `GOOGLE_API_KEY`, then the config file.
    var geminiKey: String? {
        for name in ["GEMINI_API_KEY", "GOOGLE_API_KEY"] {
            if let key = environment[name], !key.isEmpty { return key }
        }
        if let key = config.provider("gemini").apiKey, !key.isEmpty { return key }
        return nil
    }

    /// The provider a command uses — the one place it is decided: the flag, else the config's
    /// default, else Vertex AI when `GOOGLE_GENAI_USE_VERTEXAI` is true (as the SDK does), else the
    /// Gemini API with a key, else the built-in sandbox (`GenerationDraft.defaultProvider`).
    func providerID(requested: String?) -> String {
        if let requested { return requested.lowercased() }
        if let configured = config.defaultProvider { return configured.lowercased() }
        if ["true", "1"].contains(environment["GOOGLE_GENAI_USE_VERTEXAI"]?.lowercased() ?? "") { return "vertex" }
        return geminiKey == nil ? GenerationDraft.defaultProvider : "gemini"
    }

    /// The built-in sandboxes (synthetic outputs, nothing charged): the two Google ones and `<gateway>-sandbox`.
    func isSandbox(_ id: String) -> Bool { registry.isSandbox(id) }

    static func isGateway(_ entry: ProviderEntry) -> Bool { GatewayProviderFactory.wires.contains(entry.wire) }

    /// A provider's pace relative to the real service: the sandboxes run `sandboxSpeed` times faster;
    /// `latency_scale` under `[providers.<id>]` says it for anything else (an external emulator).
    func latencyScale(_ id: String) -> Double {
        isSandbox(id) ? 1 / sandboxSpeed : config.provider(id).latencyScale ?? 1
    }

    /// A gateway's key: `VEO_STUDIO_<ID>_API_KEY`, else `api_key` under `[providers.<id>]`.
    func gatewayKey(_ id: String) -> String? {
        if let key = environment[GatewayProviderFactory.keyVariable(id)], !key.isEmpty { return key }
        if let key = config.provider(id).apiKey, !key.isEmpty { return key }
        return nil
    }

    /// A gateway provider: its sandbox on the built-in emulator, or the gateway with its key and base URL.
    /// `preview` builds requests only: nothing starts, a missing key shows as a placeholder.
    private func gatewayProvider(_ entry: ProviderEntry, baseURL: String?, preview: Bool) async throws -> VideoProvider? {
        guard Self.isGateway(entry) else { return nil }
        let settings = config.provider(entry.id)
        let access: GatewayAccess
        let uploads: ImageUploader.Method
        if isSandbox(entry.id) {
            var url = baseURL ?? settings.baseURL ?? "http://127.0.0.1:PORT"
            if baseURL == nil, settings.baseURL == nil, !preview { url = try await startSandbox().absoluteString }
            access = GatewayAccess(baseURL: url, apiKey: "sandbox")
            uploads = .emulator(baseURL: access.baseURL)
        } else {
            let variable = GatewayProviderFactory.keyVariable(entry.id)
            if let problem = gatewayProblem(entry, baseURL: baseURL, preview: preview) { throw problem }
            let key = gatewayKey(entry.id) ?? "$\(variable)"
            let url = baseURL ?? settings.baseURL ?? entry.defaultBaseURL ?? ""
            access = GatewayAccess(baseURL: url, apiKey: key)
            uploads = settings.uploadCommand.map(ImageUploader.Method.command) ?? .none
        }
        return GatewayProviderFactory.make(entry, access: access, settings: settings, uploads: uploads,
                                           stagingDirectory: paths.staging, isSynthetic: isSandbox(entry.id))
    }

    /// Why a gateway cannot send: no key (unless only previewing), or no address.
    private func gatewayProblem(_ entry: ProviderEntry, baseURL: String?, preview: Bool) -> StudioError? {
        let variable = GatewayProviderFactory.keyVariable(entry.id)
        if gatewayKey(entry.id) == nil, !preview {
            return StudioError(field: "provider", code: "credentials.missing",
                               message: "no API key for \(entry.id) (looked in \(variable) and api_key under [providers.\(entry.id)] in \(paths.configFile.path))",
                               fix: "export \(variable)=…, or try it with no account: --provider \(entry.id)-sandbox")
        }
        if baseURL ?? config.provider(entry.id).baseURL ?? entry.defaultBaseURL == nil {
            return StudioError(field: "provider", code: "gateway.base_url_missing",
                               message: "\(entry.id) has no known address: each reseller of this protocol has its own",
                               fix: "set base_url under [providers.\(entry.id)] in config.toml, or pass --base-url")
        }
        return nil
    }

    /// Why a provider cannot send from this configuration, found before anything is sent (nil when
    /// it can, as far as can be told without asking the service): a missing key, project or address.
    func readinessProblem(_ id: String) -> StudioError? {
        guard !isSandbox(id) else { return nil }
        switch id {
        case "gemini":
            return geminiKey == nil ? missingGeminiKey : nil
        case "vertex":
            do {
                _ = try vertexProvider(baseURL: nil)
                return nil
            } catch let error as StudioError {
                return error
            } catch {
                return StudioError(field: "provider", code: "credentials.unreadable", message: "Vertex AI cannot be reached: \(error)",
                                   fix: "see the Vertex AI rows of the README's configuration table")
            }
        default:
            guard let entry = registry.provider(id) else {
                return StudioError(field: "provider", code: "provider.unknown", message: "provider \"\(id)\" is unknown",
                                   fix: "choose one of: \(registry.providerIDs.joined(separator: ", "))")
            }
            return Self.isGateway(entry) ? gatewayProblem(entry, baseURL: nil, preview: false) : nil
        }
    }

    /// The refusal when the Gemini API has no key.
    private var missingGeminiKey: StudioError {
        StudioError(field: "provider", code: "credentials.missing",
                    message: "no API key for the Gemini API (looked in GEMINI_API_KEY, GOOGLE_API_KEY and api_key under [providers.gemini] in \(paths.configFile.path))",
                    fix: "export GEMINI_API_KEY=…, or use --provider sandbox to try the built-in emulator")
    }

    /// Gateways that take images as URLs and can upload local files (a sandbox, or `upload_command`).
    var uploadingProviders: Set<String> {
        Set(registry.document.providers.filter { entry in
            entry.imagesAsURLs == true && (isSandbox(entry.id) || config.provider(entry.id).uploadCommand != nil)
        }.map(\.id))
    }

    /// Project, location, version, base URL and quota project for Vertex AI.
    func vertexSettings(baseURL: String?, key: StudioCore.ServiceAccountKey?) throws -> VertexSettings {
        try VertexSettings.resolve(project: vertexProject, location: vertexLocation, baseURL: baseURL,
                                   environment: environment, config: config.provider("vertex"), key: key)
    }

    /// Vertex AI with the user's credentials: express mode (an API key) when no project is set,
    /// else a token source in gcloud users' order. `preview` builds the request only (no credential is read).
    private func vertexProvider(baseURL: String?, preview: Bool = false) throws -> VertexAIProvider {
        let keyFileSet = !(environment["GOOGLE_APPLICATION_CREDENTIALS"] ?? "").isEmpty
        let credentials = keyFileSet && !preview ? try VertexCredentials.resolve(environment: environment) : nil
        let keyFile = credentials?.key
            ?? (keyFileSet ? try? StudioCore.ServiceAccountKey.load(path: environment["GOOGLE_APPLICATION_CREDENTIALS"] ?? "") : nil)
        let settings = try vertexSettings(baseURL: baseURL, key: keyFile)
        let spelling = registry.provider("vertex")?.referenceTypeSpelling ?? [:]
        if let expressKey = settings.expressKey {
            return VertexAIProvider(id: "vertex", endpoint: settings.endpoint, apiKey: expressKey, stagingDirectory: paths.staging,
                                    referenceTypeSpelling: spelling)
        }
        let tokens = preview ? nil : try credentials?.source ?? VertexCredentials.resolve(environment: environment).source
        return VertexAIProvider(id: "vertex", endpoint: settings.endpoint, tokens: tokens, quotaProject: settings.quotaProject,
                                stagingDirectory: paths.staging, referenceTypeSpelling: spelling)
    }

    /// A Vertex AI provider on the built-in sandbox: any token is accepted there.
    private func vertexSandbox(baseURL: String) -> VertexAIProvider {
        VertexAIProvider(id: "vertex-sandbox", endpoint: VertexEndpoint(project: "sandbox", location: VertexSettings.defaultLocation,
                                                                         baseURL: baseURL),
                         tokens: StaticTokenSource(token: "sandbox", origin: "the sandbox", fix: ""),
                         stagingDirectory: paths.staging, isSynthetic: true)
    }

    /// A provider ready to send, and its latency scale. Starts the sandbox emulator when needed.
    func provider(_ id: String, baseURL: String?) async throws -> (VideoProvider, Double) {
        let entry = registry.provider(id)
        switch id {
        case "gemini":
            guard let key = geminiKey else { throw missingGeminiKey }
            return (geminiProvider(id: "gemini", apiKey: key, baseURL: baseURL, entry: entry), latencyScale(id))
        case "sandbox":
            let url: String
            if let external = baseURL ?? config.provider("sandbox").baseURL {
                url = external
            } else {
                url = try await startSandbox().absoluteString
            }
            return (sandboxProvider(baseURL: url, entry: entry), latencyScale(id))
        case "vertex":
            return (withInteractions(try vertexProvider(baseURL: baseURL)), latencyScale(id))
        case "vertex-sandbox":
            if let external = baseURL ?? config.provider("vertex-sandbox").baseURL {
                return (withInteractions(vertexSandbox(baseURL: external)), latencyScale(id))
            }
            return (withInteractions(vertexSandbox(baseURL: try await startSandbox().absoluteString)), latencyScale(id))
        default:
            if let entry, let gateway = try await gatewayProvider(entry, baseURL: baseURL, preview: false) {
                return (gateway, latencyScale(id))
            }
            throw StudioError(field: "provider", code: "provider.unknown", message: "provider \"\(id)\" is unknown",
                              fix: "choose one of: \(registry.providerIDs.joined(separator: ", "))")
        }
    }

    /// The base URL a job is kept with: the one named for it (`--base-url`, else `base_url` in the
    /// config); nil for the provider's own host or the built-in sandbox, which later runs reach by
    /// themselves. Every later poll and download of the job goes to it.
    func endpoint(_ id: String, baseURL: String?) -> String? {
        baseURL ?? config.provider(id).baseURL
    }

    /// The base URL a request would go to, without starting anything (for `request`).
    func previewProvider(_ id: String, baseURL: String?) async throws -> VideoProvider {
        let entry = registry.provider(id)
        switch id {
        case "sandbox":
            return sandboxProvider(baseURL: baseURL ?? "http://127.0.0.1:PORT", entry: entry)
        case "gemini":
            return geminiProvider(id: "gemini", apiKey: geminiKey ?? "", baseURL: baseURL, entry: entry)
        case "vertex":
            return withInteractions(try vertexProvider(baseURL: baseURL, preview: true))
        case "vertex-sandbox":
            return withInteractions(vertexSandbox(baseURL: baseURL ?? "http://127.0.0.1:PORT"))
        default:
            if let entry, let gateway = try await gatewayProvider(entry, baseURL: baseURL, preview: true) { return gateway }
            throw StudioError(field: "provider", code: "provider.unknown", message: "provider \"\(id)\" is unknown",
                              fix: "choose one of: \(registry.providerIDs.joined(separator: ", "))")
        }
    }

    /// The Gemini API: Veo through `predictLongRunning`, Gemini Omni through the Interactions API,
    /// both with the key in `x-goog-api-key` and the configured base URL and API version.
    private func geminiProvider(id: String, apiKey: String, baseURL: String?, entry: ProviderEntry?) -> VideoProvider {
        let settings = config.provider("gemini")
        let base = baseURL ?? settings.baseURL ?? GeminiAPIProvider.defaultBaseURL
        let version = settings.apiVersion ?? InteractionsEndpoint.defaultGeminiVersion
        let predict = GeminiAPIProvider(id: id, apiKey: apiKey, baseURL: base, apiVersion: version,
                                        referenceTypeSpelling: entry?.referenceTypeSpelling ?? [:])
        return router(predict, interactions: OmniInteractionsProvider(
            id: id, endpoint: InteractionsEndpoint(baseURL: base, apiVersion: version), credentials: .apiKey(apiKey),
            stagingDirectory: paths.staging))
    }

    /// The Gemini API sandbox: the built-in emulator, both wire protocols, synthetic outputs.
    private func sandboxProvider(baseURL: String, entry: ProviderEntry?) -> VideoProvider {
        let predict = GeminiAPIProvider(id: "sandbox", apiKey: "sandbox", baseURL: baseURL, apiVersion: "v1beta",
                                        referenceTypeSpelling: entry?.referenceTypeSpelling ?? [:], isSynthetic: true)
        return router(predict, interactions: OmniInteractionsProvider(
            id: "sandbox", endpoint: InteractionsEndpoint(baseURL: baseURL), credentials: .apiKey("sandbox"),
            stagingDirectory: paths.staging, isSynthetic: true))
    }

    /// Vertex AI (or its sandbox) with Gemini Omni beside Veo, on the same host, project and credentials.
    private func withInteractions(_ vertex: VertexAIProvider) -> VideoProvider {
        router(vertex, interactions: OmniInteractionsProvider(
            id: vertex.id, endpoint: InteractionsEndpoint(vertex: vertex.endpoint), credentials: .vertex(vertex),
            stagingDirectory: paths.staging, isSynthetic: vertex.isSynthetic))
    }

    private func router(_ predict: VideoProvider, interactions: OmniInteractionsProvider) -> VideoProvider {
        let registry = self.registry
        let provider = predict.id
        return ModelWireRouter(predict: predict, interactions: interactions) { model in
            registry.usesInteractions(model: model, provider: provider)
        }
    }

    /// Starts the in-process emulator on 127.0.0.1 (state kept in the data folder, so a restart resumes).
    private func startSandbox() async throws -> URL {
        if let sandboxURL { return sandboxURL }
        var options = EmulatorOptions()
        options.port = 0
        options.speed = sandboxSpeed
        options.stateDirectory = paths.sandbox
        options.requestsPerMinute = 1000
        let server = EmulatorServer(options: options, logger: logger)
        let url = try await server.start()
        sandbox = server
        sandboxURL = url
        return url
    }

    /// Stops what the context started.
    func close() async {
        await sandbox?.stop()
        sandbox = nil
    }
}
