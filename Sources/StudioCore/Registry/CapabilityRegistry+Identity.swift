extension CapabilityRegistry {
    /// A provider name resolved once: the provider itself (`vertex`), or a provider reached on
    /// the built-in emulator (`vertex-sandbox`, and `sandbox` for the Gemini API). Nil when unknown.
    public func identity(_ name: String) -> ProviderIdentity? {
        if let own = document.providers.first(where: { $0.id == name }) {
            return ProviderIdentity(name: name, entry: own, onSandbox: own.playedBySandbox,
                                    providerID: own.playedBySandbox ? own.rulesAs : own.id)
        }
        guard let played = document.providers.first(where: { $0.sandbox?.id == name }) else { return nil }
        return ProviderIdentity(name: name, entry: played.onSandbox(), onSandbox: true, providerID: played.id)
    }

    /// Whether a name reaches the built-in emulator (synthetic videos, nothing charged).
    public func isSandbox(_ id: String) -> Bool { identity(id)?.onSandbox ?? false }

    /// The same provider on the other endpoint: `vertex` ↔ `vertex-sandbox`, `gemini` ↔ `sandbox`.
    public func counterpart(of name: String) -> String? {
        guard let identity = identity(name) else { return nil }
        if identity.onSandbox { return document.providers.first { $0.sandbox?.id == name }?.id }
        return identity.entry.sandbox?.id
    }
}

extension ProviderEntry {
    /// True for an entry of an older override file that lists a sandbox as a provider of its own.
    var playedBySandbox: Bool { rulesAs != id && id.hasSuffix("sandbox") }

    /// This provider as its sandbox: the sandbox's name and description, everything else its own
    /// but the address and the default model, which are the sandbox's.
    func onSandbox() -> ProviderEntry {
        guard let sandbox else { return self }
        var twin = self
        twin.id = sandbox.id
        twin.name = sandbox.name
        twin.defaultBaseURL = nil
        twin.defaultModel = sandbox.defaultModel
        twin.source = sandbox.source
        twin.as_of = sandbox.as_of
        twin.sandbox = nil
        return twin
    }
}
