import AsyncHTTPClient
import Foundation

/// Gemini Omni through the Interactions API, on the Gemini API (`x-goog-api-key`) or Vertex AI
/// (a Bearer token from the Vertex credentials). Submits a background create, polls the interaction
/// to a terminal status, and fetches its video: inline base64 decoded to a staged file while the
/// answer arrives, or a Files API file (`delivery: uri`) streamed to disk once it is `ACTIVE`.
/// Input videos go up through the Files API first on the Gemini API, inline on Vertex AI.
/// The interaction id is the operation name the journal keeps.
public struct OmniInteractionsProvider: VideoProvider {
    /// The URI scheme of a video that came inline in an interaction.
    public static let inlineScheme = "omni-inline:"

    /// How requests are signed.
    public enum Credentials: Sendable {
        /// The Gemini API's key, sent as `x-goog-api-key` (never as `?key=`).
        case apiKey(String)
        /// Vertex AI's credentials, through the Vertex AI provider that owns them (token renewal on 401).
        case vertex(VertexAIProvider)
    }

    public let id: String
    public let isSynthetic: Bool
    public let endpoint: InteractionsEndpoint
    let credentials: Credentials
    let body: InteractionsRequestBody
    let staging: StagedVideoStore
    let transport: HTTPTransport
    let pause: @Sendable (Double) async throws -> Void

    /// - Parameters:
    ///   - stagingDirectory: where inline videos are written while an answer arrives (same disk as the media folder).
    ///   - pause: waits between looks at a processing upload (injected by tests).
    public init(id: String, endpoint: InteractionsEndpoint, credentials: Credentials, stagingDirectory: URL,
                isSynthetic: Bool = false, transport: HTTPTransport = HTTPTransport(),
                pause: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }) {
        self.id = id
        self.endpoint = endpoint
        self.credentials = credentials
        if case .vertex = credentials {
            self.body = InteractionsRequestBody(localVideos: .inline)
        } else {
            self.body = InteractionsRequestBody(localVideos: .uploadPlaceholder)
        }
        self.staging = StagedVideoStore(directory: stagingDirectory)
        self.isSynthetic = isSynthetic
        self.transport = transport
        self.pause = pause
    }

    /// The headers of every request; secrets are redacted before anything is shown or stored.
    var headers: [WireRequest.Header] {
        switch credentials {
        case .apiKey(let key):
            return [.init(name: "Content-Type", value: "application/json"), .init(name: "x-goog-api-key", value: key),
                    .init(name: "User-Agent", value: "veo-studio/\(StudioVersion.current)")]
        case .vertex(let vertex):
            return vertex.headers
        }
    }

    var uploader: FilesAPIUploader { FilesAPIUploader(endpoint: endpoint, headers: headers, transport: transport, pause: pause) }

    // MARK: VideoProvider

    /// Uploads local input videos to the Files API (the Gemini API), so the create names them by URI.
    public func prepareInputs(_ spec: GenerationSpec, media: MediaSource) async throws -> GenerationSpec {
        guard case .apiKey = credentials else { return spec }
        var prepared = spec
        if case .local(let file)? = spec.video {
            prepared.video = .remote(uri: try await upload(file, field: "video", media: media), sourceGeneration: nil)
        }
        if let videos = spec.referenceVideos {
            var uploaded: [MediaRef] = []
            for (index, video) in videos.enumerated() {
                guard video.gcsUri == nil else { uploaded.append(video); continue }
                var remote = video
                remote.gcsUri = try await upload(video, field: "referenceVideos[\(index)]", media: media)
                uploaded.append(remote)
            }
            prepared.referenceVideos = uploaded
        }
        return prepared
    }

    public func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        WireRequest(method: "POST", url: endpoint.createURL, headers: headers, body: try body.body(for: spec, media: media))
    }

    /// Sends the create and returns the interaction id.
    public func submit(_ request: WireRequest) async throws -> String {
        let answer = try await transport.json(from: try await send(request), stage: .submit)
        guard let interaction = answer["id"]?.stringValue, !interaction.isEmpty else {
            throw ProviderFailure.malformed("the create answer has no interaction id")
        }
        return interaction
    }

    /// Reads the interaction; inline videos are decoded to staged files while the answer arrives.
    /// A `uri` video that is not yet `ACTIVE` keeps the job running.
    public func poll(operation: String) async throws -> OperationSnapshot {
        let request = WireRequest(method: "GET", url: endpoint.interactionURL(operation), headers: headers, body: nil)
        let response = try await send(request, transport: transport.forDownloads())
        guard response.status == .ok else { throw await HTTPTransport.failure(of: response, stage: .poll) }
        let snapshot = try await staging.read(response, operation: operation, streamedKey: "data") { json, files in
            let snapshot = try InteractionDecoder.decode(json, operation: operation) {
                StagedVideoStore.uri(scheme: Self.inlineScheme, operation: operation, index: $0)
            }
            // Inline payloads that are not output videos (an echoed input image) are not kept.
            let kept = Set(snapshot.videos.compactMap { try? StagedVideoStore.parse($0.uri, scheme: Self.inlineScheme).index })
            for (index, file) in files.enumerated() where !kept.contains(index) {
                try? FileManager.default.removeItem(atPath: file.path)
            }
            staging.removeIfDone(staging.folder(operation))
            return snapshot
        }
        return try await awaitingFiles(snapshot)
    }

    /// Asks the service to stop the interaction (`POST …/interactions/{id}/cancel`).
    public func cancel(operation: String) async throws -> Bool {
        let request = WireRequest(method: "POST", url: endpoint.cancelURL(operation), headers: headers, body: nil)
        let answer = try await transport.json(from: try await send(request), stage: .poll)
        return answer["status"]?.stringValue.map { $0 == "cancelled" || $0 == "canceled" } ?? true
    }

    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        if video.uri.hasPrefix(Self.inlineScheme) {
            let (operation, index) = try StagedVideoStore.parse(video.uri, scheme: Self.inlineScheme)
            return try await staging.claim(operation: operation, index: index, to: destination) {
                _ = try await poll(operation: operation)
            }
        }
        let url = GeminiAPIProvider.fileID(in: video.uri).map(endpoint.fileDownloadURL) ?? video.uri
        let request = WireRequest(method: "GET", url: url, headers: headers, body: nil)
        let downloads = StreamingDownloader(transport: transport.forDownloads())
        return try await downloads.save(try await send(request, transport: transport.forDownloads()), to: destination)
    }

    // MARK: Helpers

    /// A finished snapshot whose `uri` videos are Files API files not yet `ACTIVE` reads as still running.
    private func awaitingFiles(_ snapshot: OperationSnapshot) async throws -> OperationSnapshot {
        guard snapshot.done, snapshot.error == nil, case .apiKey = credentials else { return snapshot }
        for video in snapshot.videos where !video.uri.hasPrefix(Self.inlineScheme) {
            guard let fileID = GeminiAPIProvider.fileID(in: video.uri) else { continue }
            let state = try await uploader.state(of: "files/\(fileID)")
            if state == "FAILED" {
                var failed = snapshot
                failed.videos = []
                failed.error = ServerAnswer(stage: .operation, status: "FAILED",
                                            message: "the output file files/\(fileID) is FAILED on the Files API")
                return failed
            }
            if state != "ACTIVE" {
                var waiting = snapshot
                waiting.done = false
                waiting.videos = []
                return waiting
            }
        }
        return snapshot
    }

    private func upload(_ file: MediaRef, field: String, media: MediaSource) async throws -> String {
        let bytes: Data
        do {
            bytes = try media.bytes(for: file)
        } catch {
            throw StudioError(field: field, code: "input.unreadable", message: "the stored copy of \((file.originalPath as NSString).lastPathComponent) cannot be read",
                              fix: "choose the file again")
        }
        do {
            return try await uploader.upload(bytes, mimeType: "video/mp4", displayName: (file.originalPath as NSString).lastPathComponent)
        } catch let failure as ProviderFailure {
            if case .local(let error) = failure { throw error }
            throw StudioError(field: field, code: "upload.failed",
                              message: "the video could not be uploaded to the Files API: \(failure.description)",
                              fix: "check the connection and the key, then submit again")
        }
    }

    /// Sends with the provider's credentials (Vertex AI: a fresh token, renewed once on 401).
    private func send(_ request: WireRequest, transport: HTTPTransport? = nil) async throws -> HTTPClientResponse {
        let transport = transport ?? self.transport
        switch credentials {
        case .apiKey: return try await transport.execute(request)
        case .vertex(let vertex): return try await vertex.authorized(request, transport: transport)
        }
    }
}
