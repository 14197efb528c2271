/// The wire protocol that accepted an operation: it decides how the operation is polled,
/// downloaded and cancelled. The journal stores it with the operation, so routing never guesses
/// from the shape of an operation's name or a URL.
public enum WireProtocol: String, Codable, Sendable, CaseIterable, Hashable {
    /// The Gemini API's `:predictLongRunning` (Veo).
    case geminiPredict = "gemini-predict"
    /// Vertex AI's `:predictLongRunning` and `:fetchPredictOperation` (Veo).
    case vertexPredict = "vertex-predict"
    /// The Interactions API (Gemini Omni), on the Gemini API or Vertex AI.
    case interactions
    case openAIRelay = "openai-relay"
    case maasVertex = "maas-vertex"
    case cometChat = "comet-chat"
    case taskRelay = "task-relay"
}

extension CapabilityRegistry {
    /// The wire protocol a model takes on a provider.
    public func wire(model: String, provider id: String) -> WireProtocol {
        if usesInteractions(model: model, provider: id) { return .interactions }
        switch provider(id)?.wire {
        case "vertex": return .vertexPredict
        case let wire?: return WireProtocol(rawValue: wire) ?? .geminiPredict
        case nil: return .geminiPredict
        }
    }
}
