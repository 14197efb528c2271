import Foundation

extension WireProtocol {
    /// The reference-to-video task relay (seeds/004): unified tasks, images as URLs.
    public static let taskRelay = WireProtocol(rawValue: "task-relay")
}

/// The reference-to-video task relay: a task per request, links valid for 24 hours.
public struct TaskRelayPlugin: GatewayPlugin {
    public init() {}

    public var wire: WireProtocol { .taskRelay }
    public var documentationHeading: String { "task-relay" }

    public func decodeAnswer(_ bytes: Data) throws -> OperationSnapshot {
        try UnifiedTaskDecoder.decode(JSONValue.decode(bytes), task: "T")
    }

    public func makeGateway(_ setup: ProviderSetup, access: GatewayAccess, uploads: ImageUploader.Method) -> VideoProvider {
        TaskRelayProvider(id: setup.identity.name, access: access, uploads: uploads,
                          referenceTypeSpelling: setup.identity.entry.referenceTypeSpelling,
                          isSynthetic: setup.identity.onSandbox, transport: setup.transport)
    }
}
