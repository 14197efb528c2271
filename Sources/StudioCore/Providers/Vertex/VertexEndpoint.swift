/// Where Vertex AI requests go (wire §1): the regional host from the location
/// (`{location}-aiplatform.googleapis.com`; `global` → `aiplatform.googleapis.com`;
/// `us`/`eu` → `aiplatform.{loc}.rep.googleapis.com`), or a configured base URL, then
/// `/{version}/projects/{project}/locations/{location}/publishers/google/models/{model}`.
/// Without a project it is express mode (an API key): `aiplatform.googleapis.com` and
/// `/{version}/publishers/google/models/{model}`; the service answers operation names with its
/// own project number, which polls then use.
public struct VertexEndpoint: Sendable, Hashable {
    /// The SDK's API version on Vertex.
    public static let defaultAPIVersion = "v1beta1"
    /// The GCS JSON API host for `gs://` outputs.
    public static let storageBaseURL = "https://storage.googleapis.com"

    /// nil in express mode.
    public var project: String?
    public var location: String
    public var apiVersion: String
    /// Scheme, host and port (and any path prefix) without a trailing slash.
    public var baseURL: String
    /// Where `gs://` objects are fetched (the emulator serves both on one host).
    public var storageURL: String

    public init(project: String?, location: String, apiVersion: String = Self.defaultAPIVersion, baseURL: String? = nil) {
        self.project = project
        self.location = location
        self.apiVersion = apiVersion
        let base = baseURL ?? (project == nil ? Self.regionalBaseURL(location: "global") : Self.regionalBaseURL(location: location))
        self.baseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.storageURL = baseURL == nil ? Self.storageBaseURL : self.baseURL
    }

    /// The SDK's default host for a location.
    public static func regionalBaseURL(location: String) -> String {
        switch location {
        case "global": return "https://aiplatform.googleapis.com"
        case "us", "eu": return "https://aiplatform.\(location).rep.googleapis.com"
        default: return "https://\(location)-aiplatform.googleapis.com"
        }
    }

    /// `projects/{p}/locations/{l}/publishers/google/models/{model}`, keeping ids that already name a path (wire §1 `t_model`).
    public func modelResource(_ model: String) -> String {
        if model.hasPrefix("projects/") { return model }
        let scoped = project.map { "projects/\($0)/locations/\(location)/" } ?? ""
        if model.hasPrefix("publishers/") || model.hasPrefix("models/") { return scoped + model }
        if let slash = model.firstIndex(of: "/") {
            return scoped + "publishers/\(model[..<slash])/models/\(model[model.index(after: slash)...])"
        }
        return scoped + "publishers/google/models/\(model)"
    }

    /// `POST` URL of a submit.
    public func submitURL(model: String) -> String {
        "\(baseURL)/\(apiVersion)/\(modelResource(model)):predictLongRunning"
    }

    /// `POST` URL that reads an operation: its name cut at `/operations/`, then `:fetchPredictOperation`.
    public func fetchURL(operation: String) -> String {
        let resource = operation.range(of: "/operations/").map { String(operation[..<$0.lowerBound]) } ?? operation
        return "\(baseURL)/\(apiVersion)/\(resource):fetchPredictOperation"
    }

    /// The GCS JSON API media URL of a `gs://bucket/object` URI, or nil when it is not one.
    public func mediaURL(gcsURI: String) -> String? {
        guard let object = GCSObject(uri: gcsURI) else { return nil }
        return "\(storageURL)/storage/v1/b/\(object.bucket)/o/\(object.encodedName)?alt=media"
    }
}
