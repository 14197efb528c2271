/// The registry of plugins: one per wire protocol. Everything that concerns "each protocol" —
/// building providers, `--curl` secrets, inline outputs, input preparation, and every proof —
/// iterates over this list.
public enum ProviderPlugins {
    public static let all: [any ProviderPlugin] = [
        GeminiAPIPlugin(),
        VertexPlugin(),
        InteractionsPlugin(),
        OpenAIRelayPlugin(),
        MaaSVertexPlugin(),
        CometChatPlugin(),
        TaskRelayPlugin(),
    ]

    /// The plugin that speaks a journaled wire protocol.
    public static func plugin(for wire: WireProtocol) -> (any ProviderPlugin)? {
        all.first { $0.wire == wire }
    }

    /// The plugin that builds the providers of a registry entry's `wire`.
    public static func plugin(registryWire: String) -> (any ProviderPlugin)? {
        all.first { $0.registryWire == registryWire }
    }

    /// The schemes of outputs that arrive inside an answer, one per protocol that has them.
    public static var inlineSchemes: [String] { all.compactMap(\.inlineScheme) }

    /// The plugin whose inline scheme begins `uri`, if any.
    public static func inlinePlugin(of uri: String) -> (any ProviderPlugin)? {
        all.first { $0.inlineScheme.map(uri.hasPrefix) == true }
    }
}
