import Foundation

/// One provider id, two wire protocols: Veo models through `predictLongRunning` (the provider's own),
/// Gemini Omni through the Interactions API. Requests go by model; a journaled job is tracked by the
/// provider of the wire protocol the journal recorded for it (`provider(for:)`), never by the shape
/// of its operation name. Called directly, submit, poll, cancel and download are the provider's own protocol's
/// (`GenerationService` always asks `provider(for:)` first).
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

    /// The provider that carries a model's requests (the registry says).
    public func provider(forModel model: String) -> VideoProvider {
        usesInteractions(model) ? interactions : predict
    }


    public func prepareInputs(_ spec: GenerationSpec, media: MediaSource) async throws -> GenerationSpec {
        try await provider(forModel: spec.model).prepareInputs(spec, media: media)
    }

    public func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        try provider(forModel: spec.model).submitRequest(for: spec, media: media)
    }

    public func submit(_ request: WireRequest) async throws -> String {
        try await predict.submit(request)
    }

    public func poll(operation: String) async throws -> OperationSnapshot {
        try await predict.poll(operation: operation)
    }

    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        try await predict.download(video, to: destination)
    }

    public func cancel(operation: String) async throws -> Bool {
        try await predict.cancel(operation: operation)
    }
}
