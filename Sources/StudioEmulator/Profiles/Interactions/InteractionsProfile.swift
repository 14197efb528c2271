/// The Gemini API's Interactions API profile (Gemini Omni) with the Files API.
enum InteractionsProfile {
    static let definition = ProfileDefinition(
        idStyle: .prefixed(""), nameStyle: .bareID, isGateway: false, servesFiles: true,
        makeRoutes: { InteractionsRoutes(engine: $0, rules: try $0.rules.interactionsRules()) })
}
