import Hummingbird

/// The routes of one wire profile: `GeminiRoutes` (Gemini API), `VertexRoutes` (Vertex AI,
/// with its Cloud Storage subset and token endpoint) and the gateways' route sets, picked in `buildEmulatorRouter`.
protocol ProfileRoutes: Sendable {
    /// Adds this profile's routes to `router`.
    func register(on router: Router<BasicRequestContext>)
}

extension EmulatorProfile {
    /// The route set serving this profile.
    func routes(engine: EmulatorEngine) throws -> any ProfileRoutes {
        switch self {
        case .gemini: return GeminiRoutes(engine: engine, profile: try engine.rules.profile(.gemini))
        case .vertex: return VertexRoutes(engine: engine, profile: try engine.rules.profile(.vertex))
        case .openAIRelay: return OpenAIRelayRoutes(engine: engine)
        case .maasVertex: return MaaSVertexRoutes(engine: engine, profile: try engine.rules.profile(.maasVertex))
        case .cometChat: return CometChatRoutes(engine: engine)
        case .taskRelay: return TaskRelayRoutes(engine: engine)
        case .interactions: return InteractionsRoutes(engine: engine, rules: try engine.rules.interactionsRules())
        }
    }
}
