import Foundation

extension WireProtocol {
    /// The OpenAI-style relay (seeds/001): `/v1/videos` tasks, images as bare base64.
    public static let openAIRelay = WireProtocol(rawValue: "openai-relay")
}

/// The OpenAI-style relay: a task per request, the video by link or inline in the answer.
public struct OpenAIRelayPlugin: GatewayPlugin {
    public init() {}

    public var wire: WireProtocol { .openAIRelay }
    public var inlineScheme: String? { OpenAIRelayProvider.inlineScheme }
    public var documentationHeading: String { "openai-relay" }

    public func decodeAnswer(_ bytes: Data) throws -> OperationSnapshot {
        try RelayTaskDecoder.decode(JSONValue.decode(bytes), task: "T", inlineURI: "\(OpenAIRelayProvider.inlineScheme)T#0")
    }

    public func makeGateway(_ setup: ProviderSetup, access: GatewayAccess, uploads: ImageUploader.Method) -> VideoProvider {
        OpenAIRelayProvider(id: setup.identity.name, access: access, stagingDirectory: setup.stagingDirectory,
                            referenceTypeSpelling: setup.identity.entry.referenceTypeSpelling,
                            isSynthetic: setup.identity.onSandbox, transport: setup.transport)
    }
}
