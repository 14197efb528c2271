/// A refusal of the token endpoint in OAuth 2's format, `{"error", "error_description"}`
/// (not Google's API error format), answered with HTTP 400.
struct OAuthError: Error, Sendable {
    /// The rule that produced it.
    var ruleID: String
    /// OAuth error code, e.g. `invalid_grant`.
    var code: String
    /// Human-readable description.
    var description: String
    /// HTTP status.
    var httpStatus: Int

    /// Builds the answer for a `token`-stage rule (its `status` is the OAuth error code).
    init(rule: Rule, _ values: [String: String] = [:]) {
        ruleID = rule.id
        code = rule.status ?? "invalid_grant"
        description = rule.text(values)
        httpStatus = rule.http ?? 400
    }

    /// The JSON body.
    var body: JSONValue {
        .object(["error": .string(code), "error_description": .string(description)])
    }
}
