/// The MaaS reseller taking Vertex bodies.
enum MaaSVertexProfile {
    static let definition = ProfileDefinition(
        idStyle: .uuid, nameStyle: .bareID, isGateway: true,
        makeRoutes: { MaaSVertexRoutes(engine: $0, profile: try $0.rules.profile(.maasVertex)) })
}
