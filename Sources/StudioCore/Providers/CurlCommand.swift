/// A request as a runnable curl command. Secret headers are read from the environment (or
/// a command) at run time, never written out.
public enum CurlCommand {
    /// Secret headers become the shell text the provider's plugin gives (`curlSecret`).
    public static func make(_ request: WireRequest, provider: String, registry: CapabilityRegistry) -> String {
        var parts = ["curl", "-sS", "-X", request.method, quote(request.url)]
        for header in request.headers {
            if WireRequest.secretHeaders.contains(header.name.lowercased()) {
                parts += ["-H", "\"\(header.name): \(secret(provider: provider, header: header.name, registry: registry))\""]
            } else {
                parts += ["-H", quote("\(header.name): \(header.value)")]
            }
        }
        if let body = request.body {
            parts += ["--data-binary", quote(body.encodedString())]
        }
        return parts.joined(separator: " ")
    }

    /// The shell text of a provider's secret header, as its plugin spells it.
    public static func secret(provider: String, header: String, registry: CapabilityRegistry) -> String {
        guard let identity = registry.identity(provider),
              let plugin = ProviderPlugins.plugin(registryWire: identity.registryWire) else { return "$SECRET" }
        return plugin.curlSecret(header: header, identity: identity)
    }

    /// Any value does on the built-in sandbox: `Bearer sandbox` for an Authorization header, else `sandbox`.
    public static func sandboxSecret(header: String) -> String {
        header.lowercased() == "authorization" ? "Bearer sandbox" : "sandbox"
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
