import Foundation

/// The Gemini API (`generativelanguage`): submit with `x-goog-api-key`, poll by operation name,
/// download `files/{id}:download?alt=media` rebuilt on the configured base URL (wire §1, §6).
public struct GeminiAPIProvider: VideoProvider {
    public static let defaultBaseURL = "https://generativelanguage.googleapis.com"

    public let id: String
    public let isSynthetic: Bool
    public var baseURL: String
    public var apiVersion: String
    let apiKey: String
    let encoder: PredictBodyEncoder
    let transport: HTTPTransport

    public init(id: String = "gemini", apiKey: String, baseURL: String = Self.defaultBaseURL, apiVersion: String = "v1beta",
                referenceTypeSpelling: [String: String] = ["asset": "asset", "style": "style"],
                isSynthetic: Bool = false, transport: HTTPTransport = HTTPTransport()) {
        self.id = id
        self.apiKey = apiKey
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiVersion = apiVersion
        self.encoder = PredictBodyEncoder(dialect: .gemini, wire: .geminiPredict, referenceTypeSpelling: referenceTypeSpelling)
        self.isSynthetic = isSynthetic
        self.transport = transport
    }

    var headers: [WireRequest.Header] {
        [.init(name: "Content-Type", value: "application/json"),
         .init(name: "x-goog-api-key", value: apiKey),
         .init(name: "User-Agent", value: "veo-studio/\(StudioVersion.current)")]
    }

    public func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        let path = spec.model.hasPrefix("models/") ? spec.model : "models/\(spec.model)"
        return WireRequest(method: "POST", url: "\(baseURL)/\(apiVersion)/\(path):predictLongRunning",
                           headers: headers, body: try encoder.body(for: spec, media: media))
    }

    public func submit(_ request: WireRequest) async throws -> String {
        let answer = try await transport.sendJSON(request, stage: .submit)
        guard let name = answer["name"]?.stringValue, !name.isEmpty else {
            throw ProviderFailure.malformed("the submit answer has no operation name")
        }
        return name
    }

    public func poll(operation: String) async throws -> OperationSnapshot {
        let request = WireRequest(method: "GET", url: "\(baseURL)/\(apiVersion)/\(operation)", headers: headers, body: nil)
        return try GeminiOperationDecoder.decode(try await transport.sendJSON(request, stage: .poll))
    }

    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        let request = WireRequest(method: "GET", url: downloadURL(for: video.uri), headers: headers, body: nil)
        return try await StreamingDownloader(transport: transport.forDownloads()).download(request, to: destination)
    }

    /// The SDK's rule (wire §6): take the file id after `files/` and rebuild the URL on our own base,
    /// so the host in the returned URI is never contacted.
    public func downloadURL(for uri: String) -> String {
        if let id = Self.fileID(in: uri) {
            return "\(baseURL)/\(apiVersion)/files/\(id):download?alt=media"
        }
        return uri
    }

    /// The leading `[a-z0-9]` run after the first `files/`, or nil when there is none.
    public static func fileID(in uri: String) -> String? {
        guard let range = uri.range(of: "files/") else { return nil }
        let id = uri[range.upperBound...].prefix { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }
        return id.isEmpty ? nil : String(id)
    }
}
