/// A wire protocol the emulator can serve. Each profile registers its own routes
/// (see `ProfileRoutes`); the profiles' paths do not collide, so one emulator serves several.
public enum EmulatorProfile: String, Sendable, CaseIterable, Codable {
    /// The Gemini API ("mldev"): `/{v1beta,v1}/models/{model}:predictLongRunning`, API-key auth.
    case gemini
    /// Vertex AI: `/{v1beta1,v1}/projects/{p}/locations/{l}/publishers/google/models/{model}:predictLongRunning`,
    /// `:fetchPredictOperation`, OAuth Bearer auth, a Cloud Storage subset and a token endpoint.
    case vertex
}
