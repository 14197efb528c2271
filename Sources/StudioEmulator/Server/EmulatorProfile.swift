/// A wire protocol the emulator can serve. Each profile registers its own routes
/// (see `ProfileRoutes`), so more profiles plug in beside the existing ones.
public enum EmulatorProfile: String, Sendable, CaseIterable, Codable {
    /// The Gemini API ("mldev"): `/{v1beta,v1}/models/{model}:predictLongRunning`, API-key auth.
    case gemini
}
