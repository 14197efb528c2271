/// Reads the task relay's task object (seeds/004): `{id, status, progress, results[], error, …}`.
/// pending / processing are running (with the relay's own `progress`, 0–100); completed gives the
/// result links (valid 24 h); failed gives the relay's reason; any other word keeps polling.
enum UnifiedTaskDecoder {
    static func decode(_ answer: JSONValue, task: String) throws -> OperationSnapshot {
        guard case .object = answer, let status = answer["status"]?.stringValue?.lowercased() else {
            throw ProviderFailure.malformed("the task answer has no status")
        }
        let name = answer["id"]?.stringValue ?? task
        let progress = answer["progress"]?.doubleValue.map { min(max($0 / 100, 0), 1) }
        switch status {
        case "completed", "succeeded":
            let links = (answer["results"]?.arrayValue ?? []).compactMap(\.stringValue).filter(InputLoader.isWebURL)
            guard !links.isEmpty else {
                throw ProviderFailure.malformed("the relay says the task completed, but gives no result link")
            }
            return OperationSnapshot(name: name, done: true, videos: links.map { RemoteVideo(uri: $0, mimeType: "video/mp4") },
                                     progress: 1, raw: answer)
        case "failed", "cancelled", "error":
            let error: JSONValue = answer["error"] ?? .null
            let candidates: [String?] = [error["message"]?.stringValue, error.stringValue, answer["message"]?.stringValue,
                                         answer["fail_reason"]?.stringValue]
            let reason = candidates.compactMap { $0 }.first { !$0.isEmpty } ?? "the relay reported the task \(status) without a reason"
            return OperationSnapshot(name: name, done: true,
                                     error: ServerAnswer(stage: .operation, httpStatus: nil, status: error["type"]?.stringValue ?? status,
                                                         message: reason),
                                     progress: progress, raw: answer)
        default:
            return OperationSnapshot(name: name, done: false, progress: progress, raw: answer)
        }
    }
}
