import Foundation

/// Builds the provider for a gateway's registry entry, by its wire protocol.
public enum GatewayProviderFactory {
    /// The wire protocols of the gateways.
    public static let wires: Set<String> = ["openai-relay", "maas-vertex", "comet-chat", "task-relay"]

    /// The environment variable holding a provider's key: `VEO_STUDIO_<ID>_API_KEY`, upper case, `-` → `_`.
    public static func keyVariable(_ id: String) -> String {
        "VEO_STUDIO_\(id.uppercased().replacingOccurrences(of: "-", with: "_"))_API_KEY"
    }

    /// The provider for `entry`, or nil when its wire is not a gateway's.
    public static func make(_ entry: ProviderEntry, access: GatewayAccess, settings: StudioConfig.ProviderSettings,
                            uploads: ImageUploader.Method, stagingDirectory: URL, isSynthetic: Bool,
                            transport: HTTPTransport = HTTPTransport()) -> VideoProvider? {
        let spelling = entry.referenceTypeSpelling
        switch entry.wire {
        case "openai-relay":
            return OpenAIRelayProvider(id: entry.id, access: access, stagingDirectory: stagingDirectory,
                                       referenceTypeSpelling: spelling, isSynthetic: isSynthetic, transport: transport)
        case "maas-vertex":
            return MaaSVertexProvider(id: entry.id, access: access, endpoints: settings.endpoints, defaultEndpoint: settings.endpoint,
                                      stagingDirectory: stagingDirectory,
                                      referenceTypeSpelling: spelling, isSynthetic: isSynthetic, transport: transport)
        case "comet-chat":
            return CometChatProvider(id: entry.id, access: access, uploads: uploads, referenceTypeSpelling: spelling,
                                     isSynthetic: isSynthetic, transport: transport)
        case "task-relay":
            return TaskRelayProvider(id: entry.id, access: access, uploads: uploads, referenceTypeSpelling: spelling,
                                     isSynthetic: isSynthetic, transport: transport)
        default:
            return nil
        }
    }
}
