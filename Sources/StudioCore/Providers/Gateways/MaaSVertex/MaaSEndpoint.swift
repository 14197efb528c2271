/// The Vertex-format gateway's routes (seeds/003): `{base}/v1/ai/{endpoint}/veo/videos/generate` and
/// `…/veo/videos/task` with `{"operationName"}`. The endpoint segment picks the model: by default the
/// gateway's model name, or the account's own endpoint id from the config.
/// Its operation names are bare ids, so the journal keeps `ai/{endpoint}/operations/{name}`.
public struct MaaSEndpoint: PredictRoutes, Hashable {
    public var wire: WireProtocol { .maasVertex }
    /// Scheme, host and port (and any path prefix) without a trailing slash.
    public var baseURL: String
    /// Model name → the account's endpoint id, where it differs from the model name.
    public var endpoints: [String: String]
    /// The endpoint of every model not in `endpoints` (an account with one endpoint), else the model name.
    public var defaultEndpoint: String?

    public init(baseURL: String, endpoints: [String: String] = [:], defaultEndpoint: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.endpoints = endpoints
        self.defaultEndpoint = defaultEndpoint
    }

    public func submitURL(model: String) -> String {
        "\(baseURL)/v1/ai/\(endpoints[model] ?? defaultEndpoint ?? model)/veo/videos/generate"
    }

    public func operationID(submitURL: String, name: String) -> String {
        let endpoint = submitURL.components(separatedBy: "/v1/ai/").last?.components(separatedBy: "/").first ?? ""
        return "ai/\(endpoint)/operations/\(name)"
    }

    public func fetchURL(operation: String) -> String {
        "\(baseURL)/v1/ai/\(Self.parts(of: operation).endpoint)/veo/videos/task"
    }

    public func fetchedName(operation: String) -> String { Self.parts(of: operation).name }

    /// The gateway returns no way to fetch a `gs://` output: the bucket is the user's own.
    public func mediaURL(gcsURI: String) -> String? { nil }

    static func parts(of operation: String) -> (endpoint: String, name: String) {
        let pieces = operation.components(separatedBy: "/operations/")
        guard pieces.count == 2 else { return ("", operation) }
        return (String(pieces[0].dropFirst("ai/".count)), pieces[1])
    }
}
