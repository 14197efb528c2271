import Foundation
import Logging

/// The app wired once: folders, config, rules, prices, journal, service, and each provider built
/// by its protocol's plugin — on the built-in emulator for a sandbox. The CLI, the studio, the
/// benchmarks and the end-to-end tests all start here (`StudioApp(_:)`).
public final class StudioApp: @unchecked Sendable {
    /// What the app is opened with: the home folder, Vertex AI's project and location from the
    /// command line, the environment, where logs go, and the emulator for the sandboxes.
    public struct Options: Sendable {
        public var home: String?
        public var project: String?
        public var location: String?
        public var environment: [String: String]
        public var logger: Logger
        public var sandbox: (any SandboxHost)?
        public var transport: HTTPTransport

        public init(home: String? = nil, project: String? = nil, location: String? = nil,
                    environment: [String: String] = ProcessInfo.processInfo.environment,
                    logger: Logger = Logger(label: "veo-studio"), sandbox: (any SandboxHost)? = nil,
                    transport: HTTPTransport = HTTPTransport()) {
            self.home = home
            self.project = project
            self.location = location
            self.environment = environment
            self.logger = logger
            self.sandbox = sandbox
            self.transport = transport
        }
    }

    public let paths: StudioPaths
    public let config: StudioConfig
    public let registry: CapabilityRegistry
    public let prices: PriceTable
    public let logger: Logger
    public let environment: [String: String]
    public let options: Options
    /// The sandbox runs this many times faster than the real service (`VEO_STUDIO_SANDBOX_SPEED`, default 20).
    public let sandboxSpeed: Double
    private let lock = NSLock()
    private var journalStore: Journal?

    /// Resolves the folders (created if missing), reads the config, the rules and the prices.
    public init(_ options: Options) throws {
        self.options = options
        environment = options.environment
        sandboxSpeed = Double(environment["VEO_STUDIO_SANDBOX_SPEED"] ?? "").flatMap { $0 > 0 ? $0 : nil } ?? 20
        paths = StudioPaths.resolve(home: options.home, environment: environment)
        try paths.prepare()
        config = try StudioConfig.load(from: paths.configFile)
        registry = try CapabilityRegistry.effective(configDirectory: paths.configDirectory)
        prices = try PriceTable.effective(configDirectory: paths.configDirectory)
        logger = options.logger
    }

    /// The journal, opened on first use (staged videos nobody will claim are swept then).
    public func journal() throws -> Journal {
        try lock.withLock {
            if let journalStore { return journalStore }
            let journal = try Journal.open(at: paths.database)
            journalStore = journal
            StagingSweep.sweep(paths.staging, journal: journal)
            return journal
        }
    }

    /// The service over the journal, with the config's deadline and region.
    public func service(clock: any StudioClock = SystemClock(), policy: TrackerPolicy? = nil) throws -> GenerationService {
        var service = GenerationService(journal: try journal(), registry: registry, prices: prices,
                                        assets: AssetStore(root: paths.assets), mediaRoot: paths.media, clock: clock,
                                        policy: policy ?? TrackerPolicy(deadlineSeconds: config.deadlineMinutes * 60), logger: logger)
        service.uploadingProviders = uploadingProviders
        service.budget = config.budget
        service.region = environment["VEO_STUDIO_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? config.region
        return service
    }

    /// The provider a command uses — the one place it is decided: the flag, else the config's
    /// default, else Vertex AI when `GOOGLE_GENAI_USE_VERTEXAI` is true (as the SDK does), else the
    /// Gemini API with a key, else the built-in sandbox (`GenerationDraft.defaultProvider`).
    public func providerID(requested: String?) -> String {
        if let requested { return requested.lowercased() }
        if let configured = config.defaultProvider { return configured.lowercased() }
        if ["true", "1"].contains(environment["GOOGLE_GENAI_USE_VERTEXAI"]?.lowercased() ?? "") { return "vertex" }
        let geminiKey = setup(for: "gemini", baseURL: nil)?.firstKey(GeminiAPIPlugin.keyVariables)
        return geminiKey == nil ? GenerationDraft.defaultProvider : "gemini"
    }

    /// Whether a name reaches the built-in emulator (synthetic videos, nothing charged).
    public func isSandbox(_ id: String) -> Bool { registry.isSandbox(id) }

    /// A provider's pace relative to the real service: the sandboxes run `sandboxSpeed` times faster;
    /// `latency_scale` under `[providers.<id>]` says it for anything else (an external emulator).
    public func latencyScale(_ id: String) -> Double {
        isSandbox(id) ? 1 / sandboxSpeed : config.provider(id).latencyScale ?? 1
    }

    /// The base URL a job is kept with: the one named for it (`--base-url`, else `base_url` in the
    /// config); nil for the provider's own host or the built-in sandbox, which later runs reach by
    /// themselves. Every later poll and download of the job goes to it.
    public func endpoint(_ id: String, baseURL: String?) -> String? {
        baseURL ?? config.provider(id).baseURL
    }

    /// The limits the queue holds a provider to: the registry's (dated, sourced), with each number
    /// `requests_per_minute` / `max_running` sets under `[providers.<name>]` (or the provider's own
    /// section, for its sandbox) over it.
    public func limits(_ name: String) -> ProviderLimits {
        guard let identity = registry.identity(name) else { return .none }
        var limits = identity.entry.limits ?? .none
        for settings in [config.provider(identity.providerID), config.provider(name)] {
            if let perMinute = settings.requestsPerMinute {
                limits.requestsPerMinute = perMinute
                limits.source = "config.toml"
            }
            if let most = settings.maxRunning {
                limits.maxRunning = most
                limits.source = "config.toml"
            }
        }
        return limits
    }

    /// A dispatcher for the queue: each job sent by the provider its journal row names, to the
    /// endpoint it was queued for.
    public func dispatcher(service: GenerationService) -> QueueDispatcher {
        QueueDispatcher(service: service, limits: { [self] in limits($0) }, providerFor: { [self] record in
            try await provider(record.provider, baseURL: record.endpoint)
        })
    }

    /// The presets in the config folder (`presets/<name>.toml`).
    public var presetStore: PresetStore { PresetStore(configDirectory: paths.configDirectory) }

    /// Every preset as a draft, for `--preset` and batch lines' `preset`, and what is wrong with each
    /// that cannot be used.
    public func presets() -> PresetBook {
        guard let catalog = try? ParameterCatalog.shared() else { return PresetBook() }
        let (drafts, problems) = presetStore.checked(reader: BatchSpecReader(catalog: catalog))
        return PresetBook(drafts: drafts, problems: problems)
    }

    /// Gateways that take images as URLs and can upload local files (a sandbox, or `upload_command`).
    public var uploadingProviders: Set<String> {
        Set(registry.providerIDs.filter { name in
            registry.provider(name)?.imagesAsURLs == true && (isSandbox(name) || config.provider(name).uploadCommand != nil)
        })
    }

    /// A provider ready to send, and its latency scale; starts the sandbox's emulator when needed.
    public func provider(_ id: String, baseURL: String?) async throws -> (VideoProvider, Double) {
        var (setup, plugin) = try resolve(id, baseURL: baseURL)
        setup.baseURL = try await address(of: setup)
        return (try plugin.makeProvider(setup), latencyScale(id))
    }

    /// A provider that only builds requests (for `request`): nothing starts, no credential is read.
    public func previewProvider(_ id: String, baseURL: String?) throws -> VideoProvider {
        let (setup, plugin) = try resolve(id, baseURL: baseURL, preview: true)
        return try plugin.makeProvider(setup)
    }

    /// Why a provider cannot send from this configuration, found before anything is sent (nil when
    /// it can, as far as can be told without asking the service): a missing key, project or address.
    public func readinessProblem(_ id: String) -> StudioError? {
        do {
            let (setup, plugin) = try resolve(id, baseURL: nil)
            return plugin.readinessProblem(setup)
        } catch {
            return error
        }
    }

    /// The setup a plugin builds a provider from (no sandbox started; `baseURL` as named).
    public func setup(for id: String, baseURL: String?, preview: Bool = false) -> ProviderSetup? {
        guard let identity = registry.identity(id) else { return nil }
        return ProviderSetup(identity: identity, baseURL: endpoint(id, baseURL: baseURL), settings: config.provider(id),
                             environment: environment, configFile: paths.configFile, stagingDirectory: paths.staging,
                             preview: preview, project: options.project, location: options.location, registry: registry,
                             transport: options.transport)
    }

    /// Stops what the app started.
    public func close() async {
        await options.sandbox?.stop()
    }

    private func resolve(_ id: String, baseURL: String?, preview: Bool = false) throws(StudioError) -> (ProviderSetup, any ProviderPlugin) {
        guard let setup = setup(for: id, baseURL: baseURL, preview: preview),
              let plugin = ProviderPlugins.plugin(registryWire: setup.identity.registryWire) else {
            throw StudioError(field: "provider", code: "provider.unknown", message: "provider \"\(id)\" is unknown",
                              fix: "choose one of: \(registry.providerIDs.joined(separator: ", "))")
        }
        return (setup, plugin)
    }

    /// Where a provider's requests go: the address named or configured, else (for a sandbox) the
    /// built-in emulator, started now.
    private func address(of setup: ProviderSetup) async throws -> String? {
        if let named = setup.baseURL { return named }
        guard setup.identity.onSandbox else { return nil }
        guard let sandbox = options.sandbox else {
            throw StudioError(field: "provider", code: "sandbox.unavailable", message: "the built-in emulator is not part of this program",
                              fix: "pass --base-url with the address of a running `veo-studio emulator`")
        }
        return try await sandbox.start(stateDirectory: paths.sandbox, speed: sandboxSpeed).absoluteString
    }
}
