/// An error answer in Google's format: `{"error":{"code","message","status","details"?}}`
/// with the matching HTTP status, plus any extra headers (e.g. `Retry-After`).
struct GoogleAPIError: Error, Sendable {
    /// The rule that produced the answer (for logs and tests).
    var ruleID: String
    /// HTTP status code.
    var httpStatus: Int
    /// google.rpc status name, e.g. `INVALID_ARGUMENT`.
    var status: String
    /// Human-readable message.
    var message: String
    /// google.rpc details entries.
    var details: [JSONValue] = []
    /// Extra response headers.
    var headers: [(name: String, value: String)] = []
    /// A gateway rule's own error code (gateway envelopes only).
    var errorCode: String?

    /// Builds the answer for `rule`, filling `{placeholders}` from `values`.
    init(rule: Rule, _ values: [String: String] = [:]) {
        ruleID = rule.id
        httpStatus = rule.http ?? 400
        status = rule.status ?? "INVALID_ARGUMENT"
        message = rule.text(values)
        errorCode = rule.errorCode
    }

    /// The JSON body.
    var body: JSONValue {
        var error: [JSONMember] = [
            JSONMember(key: "code", value: .int(httpStatus)),
            JSONMember(key: "message", value: .string(message)),
            JSONMember(key: "status", value: .string(status)),
        ]
        if !details.isEmpty {
            error.append(JSONMember(key: "details", value: .array(details)))
        }
        return .object([JSONMember(key: "error", value: .object(error))])
    }

    /// A google.rpc.RetryInfo detail.
    static func retryInfo(seconds: Int) -> JSONValue {
        .object([
            "@type": "type.googleapis.com/google.rpc.RetryInfo",
            "retryDelay": .string("\(seconds)s"),
        ])
    }

    /// A google.rpc.ErrorInfo detail.
    static func errorInfo(reason: String, service: String = "generativelanguage.googleapis.com") -> JSONValue {
        .object([
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": .string(reason),
            "domain": "googleapis.com",
            "metadata": .object(["service": .string(service)]),
        ])
    }
}
