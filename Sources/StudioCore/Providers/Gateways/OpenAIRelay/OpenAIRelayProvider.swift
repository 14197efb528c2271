import Foundation

/// The OpenAI-style relay (seeds/001): `POST /v1/video/generations` with the key as a Bearer
/// token answers a task id; `GET /v1/video/generations/{task_id}` reports it. A finished task gives
/// a content link (`/v1/videos/{id}/content`, streamed to disk) or the whole video inline as
/// `bytes_base64_encoded` (decoded to a staged file while the answer arrives, as on Vertex AI).
public struct OpenAIRelayProvider: VideoProvider {
    /// The URI scheme of a video that came inline in a task answer.
    public static let inlineScheme = "relay-inline:"

    public let id: String
    public let isSynthetic: Bool
    public let access: GatewayAccess
    let body: OpenAIRelayRequestBody
    let staging: StagedVideoStore
    let transport: HTTPTransport

    public init(id: String = "openai-relay", access: GatewayAccess, stagingDirectory: URL,
                referenceTypeSpelling: [String: String] = ["asset": "asset", "style": "style"],
                isSynthetic: Bool = false, transport: HTTPTransport = HTTPTransport()) {
        self.id = id
        self.access = access
        self.body = OpenAIRelayRequestBody(referenceTypeSpelling: referenceTypeSpelling)
        self.staging = StagedVideoStore(directory: stagingDirectory)
        self.isSynthetic = isSynthetic
        self.transport = transport
    }

    public func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        WireRequest(method: "POST", url: access.url("/v1/video/generations"), headers: access.headers,
                    body: try body.body(for: spec, media: media))
    }

    /// The task id: `task_id` (or `id`) at the top, or inside `data` as the poll answers carry it.
    public func submit(_ request: WireRequest) async throws -> String {
        let answer = try await transport.sendJSON(request, stage: .submit)
        for candidate in [answer["task_id"], answer["id"], answer["data"]?["task_id"], answer["data"]?["id"]] {
            if let task = candidate?.stringValue, !task.isEmpty { return task }
        }
        throw ProviderFailure.malformed("the relay's submit answer has no task_id")
    }

    public func poll(operation: String) async throws -> OperationSnapshot {
        let request = access.get("/v1/video/generations/\(Self.pathComponent(operation))")
        let response = try await transport.forDownloads().execute(request)
        guard response.status == .ok else { throw await HTTPTransport.failure(of: response, stage: .poll) }
        // The answer may carry the whole video in base64: read it streaming, never whole.
        return try await staging.read(response, operation: operation, streamedKey: "bytes_base64_encoded") { json, files in
            // A running task's "bytes_base64_encoded" is "": an empty staged file, not a video.
            for empty in files where empty.bytes == 0 { try? FileManager.default.removeItem(atPath: empty.path) }
            staging.removeIfDone(staging.folder(operation))
            let inline = files.contains { $0.bytes > 0 } ? StagedVideoStore.uri(scheme: Self.inlineScheme, operation: operation, index: 0) : nil
            return try RelayTaskDecoder.decode(json, task: operation, inlineURI: inline)
        }
    }

    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        if video.uri.hasPrefix(Self.inlineScheme) {
            let (operation, index) = try StagedVideoStore.parse(video.uri, scheme: Self.inlineScheme)
            return try await staging.claim(operation: operation, index: index, to: destination) {
                _ = try await poll(operation: operation)
            }
        }
        return try await StreamingDownloader(transport: transport.forDownloads()).download(access.download(video.uri), to: destination)
    }

    /// A task id as one path segment.
    static func pathComponent(_ task: String) -> String {
        task.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? task
    }
}
