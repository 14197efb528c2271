import Foundation

/// What the gateways' plugins share: a key in `VEO_STUDIO_<ID>_API_KEY` (or `api_key` under
/// `[providers.<id>]`), an address of each reseller's own (`base_url`, else the documented host),
/// images uploaded by `upload_command` where the gateway takes URLs, and on the sandbox the
/// built-in emulator with any key. A gateway plugin only says how its provider is made.
public protocol GatewayPlugin: ProviderPlugin {
    /// The gateway's provider for this access.
    func makeGateway(_ setup: ProviderSetup, access: GatewayAccess, uploads: ImageUploader.Method) -> VideoProvider
}

extension GatewayPlugin {
    public var registryWire: String? { wire.rawValue }
    public var emulatorProfile: String { wire.rawValue }
    public var goldenFixtures: String { "gateways/\(wire.rawValue)-" }

    public func credentialVariables(providerID: String) -> [String] { [GatewayAccess.keyVariable(providerID)] }

    public func makeProvider(_ setup: ProviderSetup) throws -> VideoProvider {
        let id = setup.identity.name
        if setup.identity.onSandbox {
            let access = GatewayAccess(baseURL: setup.sandboxURL, apiKey: "sandbox")
            return makeGateway(setup, access: access, uploads: .emulator(baseURL: access.baseURL))
        }
        if let problem = problem(setup, keyNeeded: !setup.preview) { throw problem }
        let key = setup.firstKey([GatewayAccess.keyVariable(id)]) ?? "$\(GatewayAccess.keyVariable(id))"
        let access = GatewayAccess(baseURL: setup.baseURL ?? setup.identity.entry.defaultBaseURL ?? "", apiKey: key)
        return makeGateway(setup, access: access, uploads: setup.settings.uploadCommand.map(ImageUploader.Method.command) ?? .none)
    }

    public func readinessProblem(_ setup: ProviderSetup) -> StudioError? {
        setup.identity.onSandbox ? nil : problem(setup, keyNeeded: true)
    }

    public func curlSecret(header: String, identity: ProviderIdentity) -> String {
        let bearer = header.lowercased() == "authorization"
        if identity.onSandbox { return CurlCommand.sandboxSecret(header: header) }
        let variable = GatewayAccess.keyVariable(identity.name)
        return bearer ? "Bearer ${\(variable):?set \(variable)}" : "${\(variable):?set \(variable)}"
    }

    /// Why a gateway cannot send: no key (unless only previewing), or no address.
    private func problem(_ setup: ProviderSetup, keyNeeded: Bool) -> StudioError? {
        let id = setup.identity.name
        let variable = GatewayAccess.keyVariable(id)
        if keyNeeded, setup.firstKey([variable]) == nil {
            return StudioError(field: "provider", code: "credentials.missing",
                               message: "no API key for \(id) (looked in \(variable) and api_key under [providers.\(id)] in \(setup.configFile.path))",
                               fix: "export \(variable)=…, or try it with no account: --provider \(id)-sandbox")
        }
        if (setup.baseURL ?? setup.identity.entry.defaultBaseURL) == nil {
            return StudioError(field: "provider", code: "gateway.base_url_missing",
                               message: "\(id) has no known address: each reseller of this protocol has its own",
                               fix: "set base_url under [providers.\(id)] in config.toml, or pass --base-url")
        }
        return nil
    }
}
