import AsyncHTTPClient
import Crypto
import Foundation

/// Vertex AI (wire §1–§5, Vertex column): submit to the regional `:predictLongRunning` with a Bearer
/// token (and `x-goog-user-project` when a quota project is set) — or, in express mode, with an
/// API key in `x-goog-api-key` —, poll with `:fetchPredictOperation`,
/// and fetch results either from the answer itself (inline base64, streamed to staged files while it
/// arrives) or from Cloud Storage through the JSON API (`gs://` outputs under `storageUri`).
///
/// An inline video is named `vertex-inline:<operation>#<n>`; `download` moves its staged file into
/// place, and polls the operation again when the staged file is gone (after a crash or a cleanup).
public struct VertexAIProvider: VideoProvider {
    /// The URI scheme of a video that came inline in the operation answer.
    public static let inlineScheme = "vertex-inline:"
    /// Placeholder of the Authorization header in requests shown or stored; the token is set when sending.
    public static let tokenPlaceholder = "Bearer <access token>"

    public let id: String
    public let isSynthetic: Bool
    /// Where submits and polls go: Vertex AI's endpoint, or a gateway speaking its body.
    public let routes: any PredictRoutes
    /// Vertex AI's endpoint (the routes, when they are Vertex AI's).
    public var endpoint: VertexEndpoint {
        routes as? VertexEndpoint ?? VertexEndpoint(project: nil, location: VertexSettings.defaultLocation)
    }
    public let quotaProject: String?
    let tokens: AccessTokenSource?
    let apiKey: String?
    let stagingDirectory: URL
    let encoder: PredictBodyEncoder
    let transport: HTTPTransport

    /// - Parameters:
    ///   - stagingDirectory: where inline videos are written while an answer arrives (same disk as the media folder).
    ///   - tokens: where Bearer tokens come from; `apiKey` instead for express mode.
    public init(id: String = "vertex", endpoint: any PredictRoutes, tokens: AccessTokenSource? = nil, apiKey: String? = nil,
                quotaProject: String? = nil, stagingDirectory: URL, referenceTypeSpelling: [String: String] = ["asset": "ASSET", "style": "STYLE"],
                isSynthetic: Bool = false, transport: HTTPTransport = HTTPTransport()) {
        self.id = id
        self.routes = endpoint
        self.tokens = tokens
        self.apiKey = apiKey
        self.quotaProject = quotaProject
        self.stagingDirectory = stagingDirectory
        self.encoder = PredictBodyEncoder(dialect: .vertex, wire: endpoint.wire, referenceTypeSpelling: referenceTypeSpelling)
        self.isSynthetic = isSynthetic
        self.transport = transport
    }

    var headers: [WireRequest.Header] {
        var list: [WireRequest.Header] = [.init(name: "Content-Type", value: "application/json"),
                                          apiKey.map { .init(name: "x-goog-api-key", value: $0) }
                                              ?? .init(name: "Authorization", value: Self.tokenPlaceholder)]
        if let quotaProject { list.append(.init(name: "x-goog-user-project", value: quotaProject)) }
        list.append(.init(name: "User-Agent", value: "veo-studio/\(StudioVersion.current)"))
        return list
    }

    public func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        WireRequest(method: "POST", url: routes.submitURL(model: spec.model), headers: headers,
                    body: try encoder.body(for: spec, media: media))
    }

    public func submit(_ request: WireRequest) async throws -> String {
        let answer = try await transport.json(from: try await authorized(request), stage: .submit)
        guard let name = answer["name"]?.stringValue, !name.isEmpty else {
            throw ProviderFailure.malformed("the submit answer has no operation name")
        }
        return routes.operationID(submitURL: request.url, name: name)
    }

    public func poll(operation: String) async throws -> OperationSnapshot {
        let request = WireRequest(method: "POST", url: routes.fetchURL(operation: operation), headers: headers,
                                  body: .object(["operationName": .string(routes.fetchedName(operation: operation))]))
        // A finished answer may carry hundreds of MB of inline video: the download deadline applies
        // (a stalled connection still fails on the read timeout).
        let response = try await authorized(request, transport: transport.forDownloads())
        guard response.status == .ok else { throw await HTTPTransport.failure(of: response, stage: .poll) }
        return try await staging.read(response, operation: operation) { json, _ in
            try VertexOperationDecoder.decode(json) { StagedVideoStore.uri(scheme: Self.inlineScheme, operation: operation, index: $0) }
        }
    }

    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        if video.uri.hasPrefix(Self.inlineScheme) {
            return try await moveStaged(video.uri, to: destination)
        }
        guard let url = routes.mediaURL(gcsURI: video.uri) else {
            if video.uri.hasPrefix("gs://") {
                throw ProviderFailure.local(StudioError(field: "storageUri", code: "output.in_your_bucket",
                                                        message: "\(id) wrote the video to \(video.uri), a bucket it gives no download for",
                                                        fix: "copy it with your own Google Cloud access (gcloud storage cp \(video.uri) .), or leave the bucket empty to get videos inline"))
            }
            throw ProviderFailure.malformed("\(video.uri) is neither a gs:// URI nor an inline video")
        }
        let request = WireRequest(method: "GET", url: url, headers: headers, body: nil)
        let downloads = StreamingDownloader(transport: transport.forDownloads())
        return try await downloads.save(try await authorized(request, transport: transport.forDownloads()), to: destination)
    }

    // MARK: Inline videos

    var staging: StagedVideoStore { StagedVideoStore(directory: stagingDirectory) }

    /// The name of an operation's staging folder: a hash of the operation name.
    public static func stagingFolderName(_ operation: String) -> String { StagedVideoStore.folderName(operation) }

    private func moveStaged(_ uri: String, to destination: URL) async throws -> DownloadedFile {
        let (operation, index) = try StagedVideoStore.parse(uri, scheme: Self.inlineScheme)
        return try await staging.claim(operation: operation, index: index, to: destination) {
            let snapshot = try await poll(operation: operation)
            guard snapshot.done, snapshot.videos.indices.contains(index) else {
                throw ProviderFailure.malformed("the operation no longer holds inline video \(index)")
            }
        }
    }

    // MARK: Credentials

    /// Sends with a fresh token; a 401 renews the token once, a second 401 is a refused credential.
    /// An express-mode request carries its API key already.
    func authorized(_ request: WireRequest, transport: HTTPTransport? = nil) async throws -> HTTPClientResponse {
        let transport = transport ?? self.transport
        guard let tokens else { return try await transport.execute(request) }
        var renew = false
        while true {
            let token: String
            do {
                token = try await tokens.token(renew: renew)
            } catch let error as StudioError {
                throw ProviderFailure.local(error)
            }
            var signed = request
            signed.headers = request.headers.map { header in
                header.name == "Authorization" ? .init(name: header.name, value: "Bearer \(token)") : header
            }
            let response = try await transport.execute(signed)
            guard response.status == .unauthorized else { return response }
            let body = (try? await response.body.collect(upTo: 1 << 16)).map { Data($0.readableBytesView) } ?? Data()
            if !renew {
                renew = true
                continue
            }
            let message = (try? JSONValue.decode(body))?["error"]?["message"]?.stringValue ?? "HTTP 401"
            let source = await tokens.lastTokenOrigin()
            throw ProviderFailure.local(StudioError(field: "credentials", code: "credentials.rejected",
                                                    message: "\(id == "vertex" ? "Vertex AI" : id) refused the token from \(source.origin): \(message)",
                                                    fix: source.fix))
        }
    }
}
