import Hummingbird

/// The routes of one wire profile. The Gemini API profile is `GeminiRoutes`; another profile
/// (e.g. Vertex AI) adds its own type and is picked in `buildEmulatorRouter`.
protocol ProfileRoutes: Sendable {
    /// Adds this profile's routes to `router`.
    func register(on router: Router<BasicRequestContext>)
}

extension EmulatorProfile {
    /// The route set serving this profile.
    func routes(engine: EmulatorEngine) throws -> any ProfileRoutes {
        switch self {
        case .gemini: return GeminiRoutes(engine: engine, profile: try engine.rules.profile(.gemini))
        }
    }
}
