import Foundation
import NIOHTTP1

/// Reads Google's error bodies (`{"error": {"code", "message", "status", "details"}}`),
/// including the retry delay from `Retry-After` or a `RetryInfo` detail. Gateways' envelopes
/// (`{"error": {"message", "type", "code"}}`, or Google's whole error JSON as the message string)
/// read the same way.
public enum GoogleErrorDecoder {
    static func failure(status: Int, reason: String, headers: HTTPHeaders, body: Data, stage: ServerAnswer.Stage) -> ProviderFailure {
        var message = String(decoding: body.prefix(2000), as: UTF8.self)
        var statusText: String? = reason
        var retryDelay: Double? = headers.first(name: "retry-after").flatMap(Double.init)
        if let json = try? JSONValue.decode(body) {
            var error = json["error"] ?? json
            // A gateway may pass Google's error on as a JSON string inside its own message.
            if let text = error["message"]?.stringValue, let inner = try? JSONValue.decode(Data(text.utf8)), inner["error"] != nil {
                error = inner["error"] ?? error
            }
            if let text = error["message"]?.stringValue { message = text }
            if let text = error["status"]?.stringValue ?? error["type"]?.stringValue { statusText = text }
            for detail in error["details"]?.arrayValue ?? [] {
                if let delay = detail["retryDelay"]?.stringValue, retryDelay == nil {
                    retryDelay = Double(delay.trimmingCharacters(in: CharacterSet(charactersIn: "s")))
                }
            }
        }
        if message.isEmpty { message = reason }
        return .http(ServerAnswer(stage: stage, httpStatus: status, status: statusText, message: message),
                     retryAfterSeconds: retryDelay)
    }

    /// An operation's `error` object (google.rpc.Status) as a server answer.
    static func operationError(_ error: JSONValue) -> ServerAnswer {
        ServerAnswer(stage: .operation, httpStatus: nil, status: error["status"]?.stringValue,
                     rpcCode: error["code"]?.intValue, message: error["message"]?.stringValue ?? error.encodedString())
    }
}
