/// The wire protocol that accepted an operation: it decides how the operation is polled,
/// downloaded and cancelled. The journal stores its raw value with the operation, so routing never
/// guesses from the shape of an operation's name or a URL. Each protocol's home declares its value
/// beside its plugin (`WireProtocol.taskRelay` in `Gateways/TaskRelay`).
public struct WireProtocol: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}

extension CapabilityRegistry {
    /// The wire protocol a model takes on a provider: the Interactions API for Gemini Omni, else
    /// the protocol of the provider's plugin.
    public func wire(model: String, provider id: String) -> WireProtocol {
        if usesInteractions(model: model, provider: id) { return .interactions }
        let registryWire = provider(id)?.wire ?? "gemini"
        return ProviderPlugins.plugin(registryWire: registryWire)?.wire ?? WireProtocol(rawValue: registryWire)
    }
}
