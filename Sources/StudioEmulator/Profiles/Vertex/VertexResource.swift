/// The Vertex AI resource a request addresses, from its path and headers.
struct VertexResource: Sendable, Equatable {
    /// `projects/{project}`.
    var project: String
    /// `locations/{location}`.
    var location: String
    /// The `x-goog-user-project` header, when sent.
    var quotaProject: String?
}
