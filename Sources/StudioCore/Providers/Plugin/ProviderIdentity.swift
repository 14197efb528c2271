/// A provider as a person names it, resolved once against the registry: the name the journal keeps
/// (`sandbox`, `vertex`, `task-relay-sandbox`), the registry entry of the provider itself, and
/// whether it is reached on the built-in emulator. A sandbox is a way to reach a provider, not a
/// provider of its own: `<id>-sandbox` (and `sandbox` for the Gemini API) name it.
public struct ProviderIdentity: Sendable, Hashable {
    /// The name as given and journaled.
    public let name: String
    /// The provider's registry entry (for a sandbox, the entry it plays, under the sandbox's name).
    public let entry: ProviderEntry
    /// True on the built-in emulator: synthetic outputs, nothing charged, any key accepted.
    public let onSandbox: Bool
    /// The provider reached (`gemini` for `sandbox`, `task-relay` for `task-relay-sandbox`).
    public let providerID: String

    public init(name: String, entry: ProviderEntry, onSandbox: Bool, providerID: String) {
        self.name = name
        self.entry = entry
        self.onSandbox = onSandbox
        self.providerID = providerID
    }
    /// Whose rules apply.
    public var rulesFamily: String { entry.rulesAs }
    /// The registry's wire of the provider, which names its plugin.
    public var registryWire: String { entry.wire }
}
