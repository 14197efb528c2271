/// A wire protocol the emulator can serve. Each profile registers its own routes
/// (see `ProfileRoutes`); the profiles' paths do not collide, so one emulator serves several.
public enum EmulatorProfile: String, Sendable, CaseIterable, Codable {
    /// The Gemini API ("mldev"): `/{v1beta,v1}/models/{model}:predictLongRunning`, API-key auth.
    case gemini
    /// Vertex AI: `/{v1beta1,v1}/projects/{p}/locations/{l}/publishers/google/models/{model}:predictLongRunning`,
    /// `:fetchPredictOperation`, OAuth Bearer auth, a Cloud Storage subset and a token endpoint.
    case vertex
    /// A relay speaking new-api's task protocol (`/v1/video/generations`) and OpenAI's Videos API (`/v1/videos`).
    case openAIRelay = "openai-relay"
    /// A MaaS reseller taking Vertex bodies: `/v1/ai/{endpoint}/veo/videos/generate` and `…/task`.
    case maasVertex = "maas-vertex"
    /// A synchronous chat-completions gateway: `/v1/chat/completions`, the video link in the answer text.
    case cometChat = "comet-chat"
    /// A unified task gateway: `/v1/videos/generations` and `/v1/tasks/{id}`, progress 0-100, links valid 24 h.
    case taskRelay = "task-relay"
    /// The Gemini API's Interactions API with Gemini Omni models: `/{v1beta,v1}/interactions`,
    /// the Files API (`/upload/{ver}/files`, `/{ver}/files/{id}`), API-key auth.
    case interactions

    /// What the shared parts need to know about this profile, declared in its folder under `Profiles/`.
    var definition: ProfileDefinition {
        switch self {
        case .gemini: GeminiProfile.definition
        case .vertex: VertexProfile.definition
        case .openAIRelay: OpenAIRelayProfile.definition
        case .maasVertex: MaaSVertexProfile.definition
        case .cometChat: CometChatProfile.definition
        case .taskRelay: TaskRelayProfile.definition
        case .interactions: InteractionsProfile.definition
        }
    }

    /// Whether this is one of the third-party gateways (their own envelopes, not Google's).
    var isGateway: Bool { definition.isGateway }

    /// Whether this profile serves the Gemini API's Files API routes (`/{ver}/files/…`).
    var servesFiles: Bool { definition.servesFiles }
}
