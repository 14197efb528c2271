import Foundation

/// The Vertex-format gateway (seeds/003): Vertex AI's body and operations on the gateway's own
/// routes (`MaaSEndpoint`), the key as a Bearer token, results inline (decoded while the answer
/// arrives) or in the user's bucket. Its own spellings: `compressionQuality` and `resizeMode` in
/// lowercase, and `generateAudio` always sent to the model that requires it.
public struct MaaSVertexProvider: VideoProvider {
    /// The model whose requests must carry `generateAudio` (seeds/003).
    public static let audioRequiredModels: Set<String> = ["MaaS_Veo_3_generate_preview"]

    public var id: String { vertex.id }
    public var isSynthetic: Bool { vertex.isSynthetic }
    let vertex: VertexAIProvider

    public init(id: String = "maas-vertex", access: GatewayAccess, endpoints: [String: String] = [:], defaultEndpoint: String? = nil,
                stagingDirectory: URL,
                referenceTypeSpelling: [String: String] = ["asset": "asset", "style": "style"],
                isSynthetic: Bool = false, transport: HTTPTransport = HTTPTransport()) {
        let variable = GatewayAccess.keyVariable(id)
        let origin = isSynthetic ? "the sandbox" : "the \(id) key (\(variable) or api_key)"
        vertex = VertexAIProvider(id: id, endpoint: MaaSEndpoint(baseURL: access.baseURL, endpoints: endpoints, defaultEndpoint: defaultEndpoint),
                                  tokens: StaticTokenSource(token: access.apiKey, origin: origin,
                                                            fix: "check api_key under [providers.\(id)] or \(variable)"),
                                  stagingDirectory: stagingDirectory, referenceTypeSpelling: referenceTypeSpelling,
                                  isSynthetic: isSynthetic, transport: transport)
    }

    public func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        var request = try vertex.submitRequest(for: spec, media: media)
        guard case .object(var body)? = request.body else { return request }
        var parameters = body["parameters"]?.objectValue ?? [:]
        for key in ["compressionQuality", "resizeMode"] {
            if let value = parameters[key]?.stringValue { parameters[key] = .string(value.lowercased()) }
        }
        if Self.audioRequiredModels.contains(spec.model), parameters["generateAudio"] == nil {
            parameters["generateAudio"] = .bool(spec.effective.generateAudio)
        }
        if parameters["durationSeconds"] == nil { parameters["durationSeconds"] = .number(Double(spec.effective.durationSeconds)) }
        body["parameters"] = .object(parameters)
        request.body = .object(body)
        return request
    }

    public func submit(_ request: WireRequest) async throws -> String { try await vertex.submit(request) }
    public func poll(operation: String) async throws -> OperationSnapshot { try await vertex.poll(operation: operation) }
    public func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        try await vertex.download(video, to: destination)
    }
}
