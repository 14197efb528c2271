/// A request as a runnable curl command. Secret headers are read from an environment variable
/// at run time, never written out.
public enum CurlCommand {
    /// `keyVariable` names the variable holding the key (nil: the sandbox, which takes any key).
    public static func make(_ request: WireRequest, keyVariable: String?) -> String {
        var parts = ["curl", "-sS", "-X", request.method, quote(request.url)]
        for header in request.headers {
            if WireRequest.secretHeaders.contains(header.name.lowercased()) {
                let value = keyVariable.map { "${\($0):?set \($0)}" } ?? "sandbox"
                parts += ["-H", "\"\(header.name): \(value)\""]
            } else {
                parts += ["-H", quote("\(header.name): \(header.value)")]
            }
        }
        if let body = request.body {
            parts += ["--data-binary", quote(body.encodedString())]
        }
        return parts.joined(separator: " ")
    }

    /// The environment variable a provider's key is read from in a curl command (nil: the sandbox takes any key).
    public static func keyVariable(provider: String) -> String? {
        provider == "sandbox" ? nil : "GEMINI_API_KEY"
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
