import Foundation

/// Where Interactions API requests go: `{base}/{version}/interactions` on the Gemini API, or
/// `{base}/{version}/projects/{p}/locations/{l}/interactions` on Vertex AI; and, on the Gemini API,
/// the Files API beside it (`/upload/{version}/files`, `/{version}/files/{id}`).
public struct InteractionsEndpoint: Sendable, Hashable {
    /// The version every document and example uses (the SDK's own default, `v1`, is not proven to serve Omni).
    public static let defaultGeminiVersion = "v1beta"

    /// Scheme, host and port, without a trailing slash.
    public var baseURL: String
    public var apiVersion: String
    /// `projects/{p}/locations/{l}` on Vertex AI; nil on the Gemini API (and Vertex AI express mode).
    public var scope: String?

    public init(baseURL: String, apiVersion: String = Self.defaultGeminiVersion, scope: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiVersion = apiVersion
        self.scope = scope
    }

    /// Vertex AI's interactions under a Vertex endpoint's host, version, project and location.
    public init(vertex endpoint: VertexEndpoint) {
        self.init(baseURL: endpoint.baseURL, apiVersion: endpoint.apiVersion,
                  scope: endpoint.project.map { "projects/\($0)/locations/\(endpoint.location)" })
    }

    private var root: String { "\(baseURL)/\(apiVersion)" + (scope.map { "/\($0)" } ?? "") }

    /// `POST` URL of a create.
    public var createURL: String { "\(root)/interactions" }

    /// `GET` URL of one interaction (as the SDK asks: not streamed).
    public func interactionURL(_ id: String) -> String { "\(root)/interactions/\(Self.segment(id))?stream=false" }

    /// `POST` URL that cancels an interaction.
    public func cancelURL(_ id: String) -> String { "\(root)/interactions/\(Self.segment(id))/cancel" }

    /// `POST` URL that starts a resumable Files API upload.
    public var uploadURL: String { "\(baseURL)/upload/\(apiVersion)/files" }

    /// `GET` URL of a Files API file's metadata (its `state`).
    public func fileURL(_ id: String) -> String { "\(baseURL)/\(apiVersion)/files/\(id)" }

    /// `GET` URL of a Files API file's bytes.
    public func fileDownloadURL(_ id: String) -> String { "\(baseURL)/\(apiVersion)/files/\(id):download?alt=media" }

    /// The id without an `interactions/` prefix.
    public static func bareID(_ id: String) -> String {
        id.hasPrefix("interactions/") ? String(id.dropFirst("interactions/".count)) : id
    }

    /// An interaction id as one path segment (a journal may hold it as `interactions/{id}`).
    static func segment(_ id: String) -> String {
        let bare = bareID(id)
        return bare.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? bare
    }
}
