/// The synchronous chat-completions gateway.
enum CometChatProfile {
    static let definition = ProfileDefinition(
        idStyle: .prefixed(""), nameStyle: .bareID, isGateway: true,
        makeRoutes: { CometChatRoutes(engine: $0) })
}
