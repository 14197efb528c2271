import Foundation

/// The reference-to-video task relay (seeds/004): `POST /v1/videos/generations` answers a task,
/// `GET /v1/tasks/{id}` reports its status and its own progress; finished videos are links valid for
/// 24 hours, downloaded at once. Reference images travel as URLs: local files are uploaded first
/// (`upload_command`, or the sandbox's upload route).
public struct TaskRelayProvider: VideoProvider {
    public let id: String
    public let isSynthetic: Bool
    public let access: GatewayAccess
    let uploader: ImageUploader
    let body: TaskRelayRequestBody
    let transport: HTTPTransport

    public init(id: String = "task-relay", access: GatewayAccess, uploads: ImageUploader.Method,
                referenceTypeSpelling: [String: String] = ["asset": "ASSET", "style": "STYLE"],
                isSynthetic: Bool = false, transport: HTTPTransport = HTTPTransport()) {
        self.id = id
        self.access = access
        self.uploader = ImageUploader(method: uploads, provider: id, transport: transport)
        self.body = TaskRelayRequestBody(referenceTypeSpelling: referenceTypeSpelling)
        self.isSynthetic = isSynthetic
        self.transport = transport
    }

    public func prepareInputs(_ spec: GenerationSpec, media: MediaSource) async throws -> GenerationSpec {
        try await uploader.resolve(spec, media: media)
    }

    public func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        WireRequest(method: "POST", url: access.url("/v1/videos/generations"), headers: access.headers,
                    body: try body.body(for: spec, uploader: uploader))
    }

    public func submit(_ request: WireRequest) async throws -> String {
        let answer = try await transport.sendJSON(request, stage: .submit)
        guard let task = answer["id"]?.stringValue ?? answer["task_id"]?.stringValue, !task.isEmpty else {
            throw ProviderFailure.malformed("the relay's answer has no task id")
        }
        return task
    }

    public func poll(operation: String) async throws -> OperationSnapshot {
        let answer = try await transport.sendJSON(access.get("/v1/tasks/\(OpenAIRelayProvider.pathComponent(operation))"), stage: .poll)
        return try UnifiedTaskDecoder.decode(answer, task: operation)
    }

    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        try await StreamingDownloader(transport: transport.forDownloads()).download(access.download(video.uri), to: destination)
    }
}
