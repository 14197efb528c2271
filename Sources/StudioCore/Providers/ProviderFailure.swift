/// Why a call to a provider did not give a usable answer.
public enum ProviderFailure: Error, Sendable, CustomStringConvertible {
    /// The service answered with an HTTP error.
    case http(ServerAnswer, retryAfterSeconds: Double?)
    /// The request never left this machine (no connection): safe to report as not sent.
    case notSent(String)
    /// The connection failed after the request may have arrived (timeout, reset): the outcome is unknown.
    case transport(String)
    /// The service answered 200 with something that is not the expected JSON.
    case malformed(String)
    /// A local problem (credentials, a file that cannot be written).
    case local(StudioError)

    public var description: String {
        switch self {
        case .http(let answer, _):
            return "HTTP \(answer.httpStatus ?? 0) \(answer.status ?? ""): \(answer.message)"
        case .notSent(let reason): return "not sent: \(reason)"
        case .transport(let reason): return "connection problem: \(reason)"
        case .malformed(let reason): return "malformed answer: \(reason)"
        case .local(let error): return error.description
        }
    }

    /// Worth trying again later (429, 5xx, connection problems, a garbled answer).
    public var isTransient: Bool {
        switch self {
        case .http(let answer, _):
            let status = answer.httpStatus ?? 0
            return status == 429 || status == 408 || status >= 500
        case .notSent, .transport, .malformed: return true
        case .local: return false
        }
    }

    public var retryAfterSeconds: Double? {
        if case .http(_, let seconds) = self { return seconds }
        return nil
    }
}
