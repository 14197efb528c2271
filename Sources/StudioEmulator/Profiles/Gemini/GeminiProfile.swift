/// The Gemini API ("mldev") profile.
enum GeminiProfile {
    static let definition = ProfileDefinition(
        idStyle: .short, nameStyle: .modelOperation, isGateway: false, servesFiles: true,
        makeRoutes: { GeminiRoutes(engine: $0, profile: try $0.rules.profile(.gemini)) })
}
