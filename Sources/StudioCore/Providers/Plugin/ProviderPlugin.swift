import Foundation

/// One wire protocol's home: how its providers are built from config and credentials, how their
/// secret reads in a `--curl` command, how an output that came inside an answer is named, and what
/// a draft's inputs need before validation. `ProviderPlugins.all` lists every plugin; everything
/// that concerns "each protocol" iterates over it.
public protocol ProviderPlugin: Sendable {
    /// The protocol journaled with every operation this plugin's providers accepted.
    var wire: WireProtocol { get }
    /// The `wire` of the registry entries whose providers this plugin builds; nil for a protocol
    /// reached only beside another's (the Interactions API, next to Veo on Google's services).
    var registryWire: String? { get }
    /// The scheme of an output that arrived inside the service's answer (`vertex-inline:`), if any.
    var inlineScheme: String? { get }
    /// True when the submit lasts the whole generation (a chat answer): there is no operation to
    /// poll, so a kill during it leaves a job whose outcome is unknown.
    var submitIsWholeGeneration: Bool { get }
    /// The built-in emulator's profile that plays this protocol (`veo-studio emulator --profile`).
    var emulatorProfile: String { get }
    /// The heading of its page in docs/PROVIDERS.md.
    var documentationHeading: String { get }
    /// Where its golden request fixtures are, under the tests' `Fixtures/` (a folder or a file-name prefix).
    var goldenFixtures: String { get }
    /// Reads an answer to a poll (or a whole synchronous answer) as polling does: the decoder a
    /// fuzzer feeds with any bytes (it may throw, never trap). Its seeds are named `<wire>-…`.
    func decodeAnswer(_ bytes: Data) throws -> OperationSnapshot
    /// Builds a provider ready to send; with `setup.preview`, ready only to build requests (no
    /// credential is read, a missing key shows as a placeholder).
    func makeProvider(_ setup: ProviderSetup) throws -> VideoProvider
    /// Why this configuration cannot send, found before anything is sent; nil when it can.
    func readinessProblem(_ setup: ProviderSetup) -> StudioError?
    /// The environment variables a provider's credentials are read from, in order.
    func credentialVariables(providerID: String) -> [String]
    /// The shell text a `--curl` command reads a secret header from (never the secret itself).
    func curlSecret(header: String, identity: ProviderIdentity) -> String
    /// What a draft's inputs need before validation on this protocol (measuring a video, reading
    /// an earlier output's file). Sends nothing.
    func prepareForValidation(_ inputs: inout PreparationInputs, journal: Journal)
}

extension ProviderPlugin {
    public var inlineScheme: String? { nil }
    public var submitIsWholeGeneration: Bool { false }
    public func readinessProblem(_ setup: ProviderSetup) -> StudioError? { nil }
    public func prepareForValidation(_ inputs: inout PreparationInputs, journal: Journal) {}
    /// How people are told where an inline output was: it has no address of its own.
    public func describeInline(_ uri: String) -> String { "inline in the service's answer" }
    public func makeProvider(_ setup: ProviderSetup) throws -> VideoProvider {
        throw StudioError(field: "provider", code: "provider.not_standalone",
                          message: "the \(wire.rawValue) protocol is reached only beside another provider's",
                          fix: "choose a provider: \(setup.registry.providerIDs.joined(separator: ", "))")
    }
    public func curlSecret(header: String, identity: ProviderIdentity) -> String {
        identity.onSandbox ? CurlCommand.sandboxSecret(header: header) : "$SECRET"
    }
}
