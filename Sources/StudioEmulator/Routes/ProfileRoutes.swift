import Hummingbird

/// The routes of one wire profile: `GeminiRoutes` (Gemini API), `VertexRoutes` (Vertex AI,
/// with its Cloud Storage subset and token endpoint) and the gateways' route sets, made by the profile's `ProfileDefinition`.
protocol ProfileRoutes: Sendable {
    /// Adds this profile's routes to `router`.
    func register(on router: Router<BasicRequestContext>)
}

extension EmulatorProfile {
    /// The route set serving this profile.
    func routes(engine: EmulatorEngine) throws -> any ProfileRoutes {
        try definition.makeRoutes(engine)
    }
}
