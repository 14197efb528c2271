import Foundation

/// One provider id, two wire protocols: Veo models through `predictLongRunning` (the provider's own),
/// Gemini Omni through the Interactions API. Requests go by model; a journaled job is tracked by the
/// provider of the wire protocol the journal recorded for it (`provider(for:)`). Called directly, polls
/// still go by the operation name's shape and downloads by the video's URI.
public struct ModelWireRouter: VideoProvider {
    public let predict: any VideoProvider
    public let interactions: OmniInteractionsProvider
    let usesInteractions: @Sendable (String) -> Bool

    /// - Parameter usesInteractions: whether a model id is reached through the Interactions API (the registry says).
    public init(predict: any VideoProvider, interactions: OmniInteractionsProvider,
                usesInteractions: @escaping @Sendable (String) -> Bool) {
        self.predict = predict
        self.interactions = interactions
        self.usesInteractions = usesInteractions
    }

    public var id: String { predict.id }
    public var isSynthetic: Bool { predict.isSynthetic }

    /// The provider that speaks a wire protocol.
    public func provider(for wire: WireProtocol) -> VideoProvider {
        wire == .interactions ? interactions : predict
    }

    /// True for an operation name that is an interaction id.
    public static func isInteraction(_ operation: String) -> Bool { !operation.contains("/operations/") }

    public func prepareInputs(_ spec: GenerationSpec, media: MediaSource) async throws -> GenerationSpec {
        usesInteractions(spec.model) ? try await interactions.prepareInputs(spec, media: media) : try await predict.prepareInputs(spec, media: media)
    }

    public func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        usesInteractions(spec.model) ? try interactions.submitRequest(for: spec, media: media) : try predict.submitRequest(for: spec, media: media)
    }

    public func submit(_ request: WireRequest) async throws -> String {
        request.url.hasPrefix(interactions.endpoint.createURL) ? try await interactions.submit(request) : try await predict.submit(request)
    }

    public func poll(operation: String) async throws -> OperationSnapshot {
        Self.isInteraction(operation) ? try await interactions.poll(operation: operation) : try await predict.poll(operation: operation)
    }

    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        video.uri.hasPrefix(OmniInteractionsProvider.inlineScheme)
            ? try await interactions.download(video, to: destination) : try await predict.download(video, to: destination)
    }

    public func cancel(operation: String) async throws -> Bool {
        Self.isInteraction(operation) ? try await interactions.cancel(operation: operation) : try await predict.cancel(operation: operation)
    }
}
