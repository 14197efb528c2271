/// The unified task gateway.
enum TaskRelayProfile {
    static let definition = ProfileDefinition(
        idStyle: .timestamped("task-unified-"), nameStyle: .bareID, isGateway: true,
        makeRoutes: { TaskRelayRoutes(engine: $0) })
}
