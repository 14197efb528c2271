import Foundation

/// Gives the bytes of a journaled input (content-addressed) to an encoder.
public protocol MediaSource: Sendable {
    func bytes(for media: MediaRef) throws -> Data
    /// The bytes in standard base64, as a request body carries them. A source may give a
    /// placeholder the transport replaces while sending (`StreamedMediaSource`).
    func base64(for media: MediaRef) throws -> String
}

extension MediaSource {
    public func base64(for media: MediaRef) throws -> String {
        try bytes(for: media).base64EncodedString()
    }
}

/// One wire protocol to a video service (Gemini API, Vertex AI, a gateway).
/// The tracker drives it; it keeps no state about jobs.
public protocol VideoProvider: Sendable {
    /// The provider id used by the registry and the journal (`gemini`, `sandbox`, `vertex`, …).
    var id: String { get }
    /// True when outputs are synthetic (the sandbox).
    var isSynthetic: Bool { get }
    /// Makes the inputs sendable before the request is built (a gateway that takes URLs uploads
    /// local images here). Runs after the journal has the generation; sends no generation.
    func prepareInputs(_ spec: GenerationSpec, media: MediaSource) async throws -> GenerationSpec
    /// The exact submit request for a spec; reads input bytes from `media`, sends nothing.
    func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest
    /// Sends a submit and returns the operation name.
    func submit(_ request: WireRequest) async throws -> String
    /// Asks for the state of an operation.
    func poll(operation: String) async throws -> OperationSnapshot
    /// Streams a generated video to `destination` (atomically: a `.part` file renamed at the end).
    func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile
    /// Asks the service to stop an operation. False when the service has no cancel for it (Veo).
    func cancel(operation: String) async throws -> Bool
}

extension VideoProvider {
    /// Most providers send inputs as they are.
    public func prepareInputs(_ spec: GenerationSpec, media: MediaSource) async throws -> GenerationSpec { spec }
    /// Veo operations and the gateways' tasks have no cancel call.
    public func cancel(operation: String) async throws -> Bool { false }
}

/// A video written to disk, with what the journal records of it.
public struct DownloadedFile: Codable, Sendable, Hashable {
    public var path: String
    public var bytes: Int
    public var sha256: String
}
