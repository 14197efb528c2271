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
    public let endpoint: VertexEndpoint
    public let quotaProject: String?
    let tokens: AccessTokenSource?
    let apiKey: String?
    let stagingDirectory: URL
    let encoder: PredictBodyEncoder
    let transport: HTTPTransport

    /// - Parameters:
    ///   - stagingDirectory: where inline videos are written while an answer arrives (same disk as the media folder).
    ///   - tokens: where Bearer tokens come from; `apiKey` instead for express mode.
    public init(id: String = "vertex", endpoint: VertexEndpoint, tokens: AccessTokenSource? = nil, apiKey: String? = nil,
                quotaProject: String? = nil, stagingDirectory: URL, referenceTypeSpelling: [String: String] = ["asset": "ASSET", "style": "STYLE"],
                isSynthetic: Bool = false, transport: HTTPTransport = HTTPTransport()) {
        self.id = id
        self.endpoint = endpoint
        self.tokens = tokens
        self.apiKey = apiKey
        self.quotaProject = quotaProject
        self.stagingDirectory = stagingDirectory
        self.encoder = PredictBodyEncoder(dialect: .vertex, referenceTypeSpelling: referenceTypeSpelling)
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
        WireRequest(method: "POST", url: endpoint.submitURL(model: spec.model), headers: headers,
                    body: try encoder.body(for: spec, media: media))
    }

    public func submit(_ request: WireRequest) async throws -> String {
        let answer = try await transport.json(from: try await authorized(request), stage: .submit)
        guard let name = answer["name"]?.stringValue, !name.isEmpty else {
            throw ProviderFailure.malformed("the submit answer has no operation name")
        }
        return name
    }

    public func poll(operation: String) async throws -> OperationSnapshot {
        let request = WireRequest(method: "POST", url: endpoint.fetchURL(operation: operation), headers: headers,
                                  body: .object(["operationName": .string(operation)]))
        // A finished answer may carry hundreds of MB of inline video: the download deadline applies
        // (a stalled connection still fails on the read timeout).
        let response = try await authorized(request, transport: transport.forDownloads())
        guard response.status == .ok else { throw await HTTPTransport.failure(of: response, stage: .poll) }
        let folder = stagingFolder(operation)
        let reader = InlineVideoReader { index in
            try AtomicFileWriter(destination: folder.appendingPathComponent("sample_\(index).mp4"))
        }
        do {
            for try await piece in response.body {
                try piece.withUnsafeReadableBytes { try reader.feed($0) }
            }
            let (json, files) = try reader.finish()
            Self.stagedFiles.withLock { known in for file in files { known[file.path] = file } }
            return try VertexOperationDecoder.decode(json) { "\(Self.inlineScheme)\(operation)#\($0)" }
        } catch {
            reader.abandon()
            if let failure = error as? ProviderFailure { throw failure }
            throw ProviderFailure.transport("the operation answer was cut off after \(reader.bytesRead) bytes: \(error)")
        }
    }

    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        if video.uri.hasPrefix(Self.inlineScheme) {
            return try await moveStaged(video.uri, to: destination)
        }
        guard let url = endpoint.mediaURL(gcsURI: video.uri) else {
            throw ProviderFailure.malformed("\(video.uri) is neither a gs:// URI nor an inline video")
        }
        let request = WireRequest(method: "GET", url: url, headers: headers, body: nil)
        let downloads = StreamingDownloader(transport: transport.forDownloads())
        return try await downloads.save(try await authorized(request, transport: transport.forDownloads()), to: destination)
    }

    // MARK: Inline videos

    /// The staging folder of one operation.
    func stagingFolder(_ operation: String) -> URL {
        stagingDirectory.appendingPathComponent(Self.stagingFolderName(operation))
    }

    /// The name of an operation's staging folder: a hash of the operation name.
    public static func stagingFolderName(_ operation: String) -> String {
        SHA256.hash(data: Data(operation.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    private func moveStaged(_ uri: String, to destination: URL) async throws -> DownloadedFile {
        let reference = uri.dropFirst(Self.inlineScheme.count)
        guard let hash = reference.lastIndex(of: "#"), let index = Int(reference[reference.index(after: hash)...]) else {
            throw ProviderFailure.malformed("\(uri) does not name an inline video")
        }
        let operation = String(reference[..<hash])
        let folder = stagingFolder(operation)
        let staged = folder.appendingPathComponent("sample_\(index).mp4")
        if !FileManager.default.fileExists(atPath: staged.path) {
            // Staged files are gone (crash, cleanup): the operation still holds the videos.
            let snapshot = try await poll(operation: operation)
            guard snapshot.done, snapshot.videos.indices.contains(index),
                  FileManager.default.fileExists(atPath: staged.path) else {
                throw ProviderFailure.malformed("the operation no longer holds inline video \(index)")
            }
        }
        do {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: destination.path) { try FileManager.default.removeItem(at: destination) }
            try FileManager.default.moveItem(at: staged, to: destination)
        } catch {
            throw ProviderFailure.local(StudioError(field: "media", code: "media.unwritable",
                                                    message: "cannot move the video into \(destination.path): \(error.localizedDescription)",
                                                    fix: "check the permissions and free space of the media folder"))
        }
        if let left = try? FileManager.default.contentsOfDirectory(atPath: folder.path), left.isEmpty {
            try? FileManager.default.removeItem(at: folder)
        }
        if let known = Self.stagedFiles.withLock({ $0.removeValue(forKey: staged.path) }) {
            return DownloadedFile(path: destination.path, bytes: known.bytes, sha256: known.sha256)
        }
        return try Self.describe(destination)
    }

    /// Size and sha256 of the files staged by this process (written while the answer arrived), so
    /// moving one into place does not read it again; after a restart the moved file is hashed.
    private static let stagedFiles = LockedBox<[String: DownloadedFile]>([:])

    /// Size and sha256 of a file, read in pieces.
    static func describe(_ url: URL) throws -> DownloadedFile {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ProviderFailure.local(StudioError(field: "media", code: "media.unreadable", message: "cannot read \(url.path)",
                                                    fix: "check the permissions of the media folder"))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
            hasher.update(data: piece)
            size += piece.count
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return DownloadedFile(path: url.path, bytes: size, sha256: digest)
    }

    // MARK: Credentials

    /// Sends with a fresh token; a 401 renews the token once, a second 401 is a refused credential.
    /// An express-mode request carries its API key already.
    private func authorized(_ request: WireRequest, transport: HTTPTransport? = nil) async throws -> HTTPClientResponse {
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
                                                    message: "Vertex AI refused the token from \(source.origin): \(message)",
                                                    fix: source.fix))
        }
    }
}
