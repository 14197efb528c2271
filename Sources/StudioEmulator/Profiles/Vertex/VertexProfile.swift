/// The Vertex AI profile (with its Cloud Storage subset and token endpoint).
enum VertexProfile {
    static let definition = ProfileDefinition(
        idStyle: .uuid, nameStyle: .vertexResource, isGateway: false,
        makeRoutes: { VertexRoutes(engine: $0, profile: try $0.rules.profile(.vertex)) })
}
