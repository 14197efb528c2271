import Foundation

/// Reads an Interaction (`GET /{ver}/interactions/{id}`) into the studio's one operation shape.
/// `completed`, `failed`, `cancelled`, `incomplete` and `budget_exceeded` end it; every other status
/// (`queued`, `in_progress`, `requires_action`, …) means it still runs. Errors come from `errors[]`
/// or a `model_output` step's `error` (google.rpc.Status); the videos from the `model_output` steps
/// after the last `user_input` step. A completed interaction without a video is a failure.
public enum InteractionDecoder {
    /// Statuses after which the interaction no longer changes.
    public static let terminalStatuses: Set<String> = ["completed", "failed", "cancelled", "incomplete", "budget_exceeded"]

    /// - Parameters:
    ///   - operation: the interaction id the journal holds (used when the answer has none).
    ///   - inlineURI: the URI of the n-th inline payload the answer carried (staged while it arrived).
    public static func decode(_ json: JSONValue, operation: String, inlineURI: (Int) -> String) throws -> OperationSnapshot {
        guard case .object = json else { throw ProviderFailure.malformed("the interaction is not a JSON object") }
        let name = json["id"]?.stringValue ?? operation
        let status = json["status"]?.stringValue ?? "in_progress"
        guard terminalStatuses.contains(status) else { return OperationSnapshot(name: name, done: false, raw: json) }
        let outputs = modelOutputs(json)
        if let error = firstError(json, outputs: outputs) {
            return OperationSnapshot(name: name, done: true, error: error, raw: json)
        }
        switch status {
        case "failed":
            return failed(name, json, "the interaction failed without saying why")
        case "cancelled":
            return failed(name, json, "the interaction was cancelled")
        case "incomplete":
            return failed(name, json, "the interaction is incomplete: it ended before its video was finished")
        case "budget_exceeded":
            return failed(name, json, "budget_exceeded: the interaction stopped at its budget")
        default:
            break
        }
        let videos = outputs.flatMap { step in
            (step["content"]?.arrayValue ?? []).compactMap { block -> RemoteVideo? in
                guard block["type"]?.stringValue == "video" else { return nil }
                let mimeType = block["mime_type"]?.stringValue ?? "video/mp4"
                if let staged = block["data"]?["stagedSample"]?.intValue { return RemoteVideo(uri: inlineURI(staged), mimeType: mimeType) }
                if let uri = block["uri"]?.stringValue, !uri.isEmpty { return RemoteVideo(uri: uri, mimeType: mimeType) }
                return nil
            }
        }
        guard !videos.isEmpty else {
            let tokens = json["usage"]?["total_output_tokens"]?.intValue.map { " (\($0) output tokens)" } ?? ""
            return failed(name, json, "the interaction completed without a video\(tokens)")
        }
        return OperationSnapshot(name: name, done: true, videos: videos, raw: json)
    }

    /// The `model_output` steps after the last `user_input` step (the SDK's rule for `output_video`).
    static func modelOutputs(_ json: JSONValue) -> [JSONValue] {
        let steps = json["steps"]?.arrayValue ?? []
        let start = (steps.lastIndex { $0["type"]?.stringValue == "user_input" }).map { $0 + 1 } ?? 0
        return steps[start...].filter { $0["type"]?.stringValue == "model_output" }
    }

    /// The first error the answer names: `errors[]`, else a `model_output` step's `error`.
    static func firstError(_ json: JSONValue, outputs: [JSONValue]) -> ServerAnswer? {
        if let first = json["errors"]?.arrayValue?.first {
            let code = first["code"]
            return ServerAnswer(stage: .operation, httpStatus: nil, status: code?.stringValue ?? first["status"]?.stringValue,
                                rpcCode: code?.intValue, message: first["message"]?.stringValue ?? first.encodedString())
        }
        for step in outputs {
            if let error = step["error"], case .object = error { return GoogleErrorDecoder.operationError(error) }
        }
        return nil
    }

    private static func failed(_ name: String, _ json: JSONValue, _ message: String) -> OperationSnapshot {
        OperationSnapshot(name: name, done: true, error: ServerAnswer(stage: .operation, status: json["status"]?.stringValue, message: message),
                          raw: json)
    }
}
