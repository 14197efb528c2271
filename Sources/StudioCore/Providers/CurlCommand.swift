/// A request as a runnable curl command. Secret headers are read from the environment (or
/// a command) at run time, never written out.
public enum CurlCommand {
    /// Secret headers become the shell text of `secret(provider:header:)`.
    public static func make(_ request: WireRequest, provider: String) -> String {
        var parts = ["curl", "-sS", "-X", request.method, quote(request.url)]
        for header in request.headers {
            if WireRequest.secretHeaders.contains(header.name.lowercased()) {
                parts += ["-H", "\"\(header.name): \(secret(provider: provider, header: header.name))\""]
            } else {
                parts += ["-H", quote("\(header.name): \(header.value)")]
            }
        }
        if let body = request.body {
            parts += ["--data-binary", quote(body.encodedString())]
        }
        return parts.joined(separator: " ")
    }

    /// The shell text of a provider's secret header: a Vertex AI token from gcloud, an API key from
    /// `GEMINI_API_KEY` (or `GOOGLE_API_KEY` for Vertex express mode), a gateway's key from
    /// `VEO_STUDIO_<ID>_API_KEY`, any value for the sandboxes.
    public static func secret(provider: String, header: String) -> String {
        let bearer = header.lowercased() == "authorization"
        switch provider {
        case "vertex": return bearer ? "Bearer $(gcloud auth print-access-token)" : "${GOOGLE_API_KEY:?set GOOGLE_API_KEY}"
        case "sandbox": return "sandbox"
        case _ where provider.hasSuffix("-sandbox"): return bearer ? "Bearer sandbox" : "sandbox"
        case "gemini": return "${GEMINI_API_KEY:?set GEMINI_API_KEY}"
        default:
            let variable = GatewayProviderFactory.keyVariable(provider)
            return bearer ? "Bearer ${\(variable):?set \(variable)}" : "${\(variable):?set \(variable)}"
        }
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
