/// A request as a runnable curl command. Secret headers are read from the environment (or
/// a command) at run time, never written out.
public enum CurlCommand {
    /// `secret` is the shell text that stands for the secret header's value.
    public static func make(_ request: WireRequest, secret: String) -> String {
        var parts = ["curl", "-sS", "-X", request.method, quote(request.url)]
        for header in request.headers {
            if WireRequest.secretHeaders.contains(header.name.lowercased()) {
                parts += ["-H", "\"\(header.name): \(secret)\""]
            } else {
                parts += ["-H", quote("\(header.name): \(header.value)")]
            }
        }
        if let body = request.body {
            parts += ["--data-binary", quote(body.encodedString())]
        }
        return parts.joined(separator: " ")
    }

    /// The shell text of a provider's secret: the Gemini API key from `GEMINI_API_KEY`, a Vertex AI token
    /// from gcloud, any value for the sandboxes (they take any key).
    public static func secret(provider: String) -> String {
        switch provider {
        case "vertex": return "Bearer $(gcloud auth print-access-token)"
        case "vertex-sandbox": return "Bearer sandbox"
        case "sandbox": return "sandbox"
        default: return "${GEMINI_API_KEY:?set GEMINI_API_KEY}"
        }
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
