import Foundation

/// The chat-completions relay (seeds/002): `POST /v1/chat/completions` with the Veo model
/// (`veo3.1`, `veo3.1-pro`), the prompt as a user message, `stream: true`, and the Veo fields
/// under `extra_body.google` (images by URI; a video to extend by its link, `google.video.uri`). The answer streams while the video is made and ends
/// with its link; there is no operation to poll.
///
/// So the submit is the whole generation: the journal holds the job as `submitting` while the
/// stream runs; a finished answer becomes an "operation" that names the completion and its links
/// (`<completion id> <link>…`), which the tracker then downloads. A stream cut before the link leaves
/// the outcome unknown — the job is never sent again on its own.
public struct CometChatProvider: VideoProvider {
    public let id: String
    public let isSynthetic: Bool
    public let access: GatewayAccess
    let uploader: ImageUploader
    let referenceTypeSpelling: [String: String]
    let transport: HTTPTransport

    public init(id: String = "comet-chat", access: GatewayAccess, uploads: ImageUploader.Method,
                referenceTypeSpelling: [String: String] = ["asset": "asset", "style": "style"],
                isSynthetic: Bool = false, transport: HTTPTransport = HTTPTransport()) {
        self.id = id
        self.access = access
        self.uploader = ImageUploader(method: uploads, provider: id, transport: transport)
        self.referenceTypeSpelling = referenceTypeSpelling
        self.isSynthetic = isSynthetic
        self.transport = transport
    }

    public func prepareInputs(_ spec: GenerationSpec, media: MediaSource) async throws -> GenerationSpec {
        try await uploader.resolve(spec, media: media)
    }

    public func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        var google: [String: JSONValue] = [:]
        if let image = spec.image { google["image"] = .object(["uri": .string(try uploader.url(of: image, field: "image"))]) }
        if let last = spec.lastFrame { google["lastFrame"] = .object(["uri": .string(try uploader.url(of: last, field: "lastFrame"))]) }
        if !spec.references.isEmpty {
            google["referenceImages"] = .array(try spec.references.enumerated().map { index, ref in
                .object(["image": .object(["uri": .string(try uploader.url(of: ref.media, field: "referenceImages[\(index)]"))]),
                         "referenceType": .string(referenceTypeSpelling[ref.kind.rawValue] ?? ref.kind.rawValue)])
            })
        }
        switch spec.video {
        case .remote(let uri, _)?:
            // Scene extension (seeds/002 §3): the gateway's own link to the video it made.
            google["video"] = .object(["uri": .string(uri)])
        case .local?:
            throw ProviderFailure.local(StudioError(field: "video", code: "comet-chat.extension.local_video",
                                                    message: "the chat gateway extends only videos it made, by their link; a local file cannot be sent",
                                                    fix: "extend a video this gateway made (its generation id)"))
        case nil:
            break
        }
        var body: [String: JSONValue] = [
            "model": .string(spec.model), "stream": .bool(true),
            "messages": .array([.object(["role": .string("user"), "content": .string(spec.draft.prompt ?? "")])]),
        ]
        if !google.isEmpty { body["extra_body"] = .object(["google": .object(google)]) }
        try WireParameterWriter(wire: .cometChat).write(spec, into: &body)
        return WireRequest(method: "POST", url: access.url("/v1/chat/completions"), headers: access.headers, body: .object(body))
    }

    /// Runs the whole generation: reads the answer as it streams and returns `<completion id> <links>`.
    public func submit(_ request: WireRequest) async throws -> String {
        let response = try await transport.forDownloads().execute(request)
        guard (200..<300).contains(response.status.code) else { throw await HTTPTransport.failure(of: response, stage: .submit) }
        let reader = ChatAnswerReader()
        do {
            for try await piece in response.body { try reader.feed(Data(piece.readableBytesView)) }
            try reader.finish()
        } catch let failure as ProviderFailure {
            throw failure
        } catch {
            throw ProviderFailure.transport("the answer stream was cut off: \(error)")
        }
        let links = reader.videoLinks
        guard !links.isEmpty else {
            guard reader.complete else {
                throw ProviderFailure.transport("the answer stream ended before the video link (\(reader.text.count) characters received)")
            }
            let said = reader.text.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ProviderFailure.http(ServerAnswer(stage: .operation, httpStatus: 200, status: "no_video",
                                                    message: said.isEmpty ? "the answer ended without a video link" : String(said.suffix(600))),
                                       retryAfterSeconds: nil)
        }
        return ([reader.completionID ?? "chat"] + links).joined(separator: " ")
    }

    /// The finished answer, read back from the operation id: done, with its links.
    public func poll(operation: String) async throws -> OperationSnapshot {
        let parts = operation.split(separator: " ").map(String.init)
        let links = parts.dropFirst().filter(InputLoader.isWebURL)
        guard let name = parts.first, !links.isEmpty else {
            throw ProviderFailure.malformed("\(operation) names no video link")
        }
        return OperationSnapshot(name: name, done: true, videos: links.map { RemoteVideo(uri: $0, mimeType: "video/mp4") },
                                 raw: .object(["id": .string(name), "links": .array(links.map(JSONValue.string))]))
    }

    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        try await StreamingDownloader(transport: transport.forDownloads()).download(access.download(video.uri), to: destination)
    }
}
