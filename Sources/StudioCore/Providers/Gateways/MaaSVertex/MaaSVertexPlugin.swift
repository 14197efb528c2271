import Foundation

extension WireProtocol {
    /// The Vertex-format MaaS gateway (seeds/003): Vertex AI's body on the gateway's own paths.
    public static let maasVertex = WireProtocol(rawValue: "maas-vertex")
}

/// The Vertex-format MaaS gateway: a path per model (`endpoints` in the config), Vertex AI's body.
public struct MaaSVertexPlugin: GatewayPlugin {
    public init() {}

    public var wire: WireProtocol { .maasVertex }
    public var documentationHeading: String { "maas-vertex" }

    public func decodeAnswer(_ bytes: Data) throws -> OperationSnapshot {
        try VertexOperationDecoder.decode(JSONValue.decode(bytes), inlineURI: { "\(VertexAIProvider.inlineScheme)op#\($0)" })
    }

    public func makeGateway(_ setup: ProviderSetup, access: GatewayAccess, uploads: ImageUploader.Method) -> VideoProvider {
        MaaSVertexProvider(id: setup.identity.name, access: access, endpoints: setup.settings.endpoints,
                           defaultEndpoint: setup.settings.endpoint, stagingDirectory: setup.stagingDirectory,
                           referenceTypeSpelling: setup.identity.entry.referenceTypeSpelling,
                           isSynthetic: setup.identity.onSandbox, transport: setup.transport)
    }
}
