/// What the emulator's shared parts need to know about one profile: how it numbers and names its
/// operations, what kind of service it is, and its routes. Each profile's folder under `Profiles/`
/// declares its own; `EmulatorProfile.definition` is the one list.
struct ProfileDefinition: Sendable {
    /// How a profile numbers its operations.
    enum IDStyle: Sendable {
        /// 12 lower-case alphanumerics, unique among operations, files and uploads (the Gemini API's names share one space).
        case short
        /// A lower-case version-4 UUID (Vertex AI).
        case uuid
        /// 24 alphanumerics after a fixed prefix (`task_…`, or none).
        case prefixed(String)
        /// A prefix, the submit's Unix time, `-` and 8 alphanumerics (`task-unified-<unix>-<8>`).
        case timestamped(String)
    }

    /// How a profile writes an operation's full name.
    enum NameStyle: Sendable {
        /// `models/{model}/operations/{id}`.
        case modelOperation
        /// `projects/{p}/locations/{l}/publishers/google/models/{model}/operations/{id}`.
        case vertexResource
        /// The bare id.
        case bareID
    }

    let idStyle: IDStyle
    let nameStyle: NameStyle
    /// Whether this is one of the third-party gateways (their own envelopes, not Google's).
    let isGateway: Bool
    /// Whether the profile serves the Gemini API's Files API routes (`/{ver}/files/…`).
    var servesFiles = false
    /// The profile's route set.
    let makeRoutes: @Sendable (EmulatorEngine) throws -> any ProfileRoutes
}
