extension CapabilityRegistry {
    /// Whether a provider is one of the built-in emulator's (synthetic videos, nothing charged):
    /// `sandbox`, `vertex-sandbox`, and `<gateway>-sandbox` for each gateway.
    public func isSandbox(_ id: String) -> Bool {
        ["sandbox", "vertex-sandbox"].contains(id)
            || (id.hasSuffix("-sandbox") && provider(id).map { GatewayProviderFactory.wires.contains($0.wire) } == true)
    }
}
