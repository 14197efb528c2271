import Foundation

/// How a gateway wraps an error answer. Errors travel through the engine as `GoogleAPIError`s
/// (a gateway's own rules carry its type and code); each gateway rewrites them here.
enum GatewayEnvelope: Sendable {
    /// `{"error":{"message","type","param":null,"code"}}` (OpenAI relay, chat gateway).
    case openAI(EmulatorProfile)
    /// `{"error":{"code":<http>,"message","type","param":null}}` (task relay).
    case taskRelay
    /// `{"error":{"code":"<http>","message"}}`; Google's own errors go inside `message` as
    /// pretty-printed JSON text (MaaS gateway, seeds/003).
    case maas(ServerRules)

    /// The answer for `error`.
    func reply(_ error: GoogleAPIError) -> Reply {
        .json(status: error.httpStatus, body: body(error), headers: error.headers)
    }

    func body(_ error: GoogleAPIError) -> JSONValue {
        switch self {
        case .openAI(let profile):
            let own = error.ruleID.hasPrefix(profile.rawValue + ".")
            return .object([
                "error": .object([
                    "message": .string(error.message),
                    "type": .string(own ? error.status : Self.type(for: error.httpStatus)),
                    "param": .null,
                    "code": .string(error.errorCode ?? error.status.lowercased()),
                ]),
            ])
        case .taskRelay:
            let own = error.ruleID.hasPrefix("task-relay.")
            return .object([
                "error": .object([
                    "code": .int(error.httpStatus),
                    "message": .string(error.message),
                    "type": .string(own ? error.status : Self.type(for: error.httpStatus)),
                    "param": .null,
                ]),
            ])
        case .maas(let rules):
            let ownRule: String? = switch error.httpStatus {
            case 401: "maas-vertex.auth.unauthorized"
            case 429: "maas-vertex.rate_limited"
            case 500...: "maas-vertex.internal"
            default: nil
            }
            if let ownRule {
                let rule = rules.rule(ownRule)
                return .object(["error": .object(["code": .string(rule.errorCode ?? String(error.httpStatus)), "message": .string(rule.message)])])
            }
            return .object([
                "error": .object(["code": .string(String(error.httpStatus)), "message": .string(Self.pretty(error.body) + "\n")]),
            ])
        }
    }

    /// The OpenAI error type for an HTTP status.
    static func type(for status: Int) -> String {
        switch status {
        case 401: return "authentication_error"
        case 403: return "permission_error"
        case 404: return "not_found_error"
        case 429: return "rate_limit_error"
        case 500...: return "server_error"
        default: return "invalid_request_error"
        }
    }

    /// JSON text indented by two spaces, `"key": value`, as Google's servers print errors
    /// (keys in the order given).
    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            let lines = members.map { inner + JSONValue.string($0.key).serialized() + ": " + pretty($0.value, indent: inner) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let values):
            guard !values.isEmpty else { return "[]" }
            return "[\n" + values.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return value.serialized()
        }
    }
}
