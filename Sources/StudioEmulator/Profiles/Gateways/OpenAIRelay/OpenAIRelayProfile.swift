/// The relay speaking new-api's task protocol and OpenAI's Videos API.
enum OpenAIRelayProfile {
    static let definition = ProfileDefinition(
        idStyle: .prefixed("task_"), nameStyle: .bareID, isGateway: true,
        makeRoutes: { OpenAIRelayRoutes(engine: $0) })
}
