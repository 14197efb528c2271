import Foundation

extension WireProtocol {
    /// The chat-completions gateway (seeds/002): the video's link arrives in a chat answer.
    public static let cometChat = WireProtocol(rawValue: "comet-chat")
}

/// The chat-completions gateway: one streamed chat answer per generation, images as URLs.
public struct CometChatPlugin: GatewayPlugin {
    public init() {}

    public var wire: WireProtocol { .cometChat }
    public var documentationHeading: String { "comet-chat" }
    public var submitIsWholeGeneration: Bool { true }

    /// The chat answer, whole or streamed: its video links.
    public func decodeAnswer(_ bytes: Data) throws -> OperationSnapshot {
        let reader = ChatAnswerReader()
        try reader.feed(bytes)
        try reader.finish()
        return OperationSnapshot(name: "chat", done: true, videos: reader.videoLinks.map { RemoteVideo(uri: $0, mimeType: "video/mp4") })
    }

    public func makeGateway(_ setup: ProviderSetup, access: GatewayAccess, uploads: ImageUploader.Method) -> VideoProvider {
        CometChatProvider(id: setup.identity.name, access: access, uploads: uploads,
                          referenceTypeSpelling: setup.identity.entry.referenceTypeSpelling,
                          isSynthetic: setup.identity.onSandbox, transport: setup.transport)
    }
}
