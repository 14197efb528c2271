/// Reads the OpenAI-style relay's task answer (seeds/001):
/// `{code, message, data{task_id, status, format, url, bytes_base64_encoded, error, metadata}}`.
///
/// Status words differ across its documents: queued / in_progress / processing are running;
/// succeeded / completed are done; failed is failed; any other word keeps the job polling (the raw
/// answer is journaled). On failure the error text may sit in `url` — a `url` is a link only when it
/// is a web address.
enum RelayTaskDecoder {
    static let doneWords: Set<String> = ["succeeded", "completed", "success"]
    static let failedWords: Set<String> = ["failed", "failure", "error", "cancelled"]

    /// `inlineURI` names the staged inline video when the answer carried `bytes_base64_encoded`.
    static func decode(_ answer: JSONValue, task: String, inlineURI: String?) throws -> OperationSnapshot {
        guard case .object = answer else { throw ProviderFailure.malformed("the task answer is not a JSON object") }
        let data = answer["data"] ?? .null
        guard case .object = data, let status = data["status"]?.stringValue?.lowercased() else {
            let message = answer["message"]?.stringValue ?? answer["code"]?.stringValue ?? "no data"
            throw ProviderFailure.malformed("the task answer has no data.status (\(message))")
        }
        let name = data["task_id"]?.stringValue ?? task
        let url = data["url"]?.stringValue ?? ""
        if failedWords.contains(status) {
            let candidates: [String?] = [data["error"]?["message"]?.stringValue, data["error"]?.stringValue,
                                         url.isEmpty || InputLoader.isWebURL(url) ? nil : url, answer["message"]?.stringValue]
            let reason = candidates.compactMap { $0 }.first { !$0.isEmpty } ?? "the relay reported the task failed without a reason"
            return OperationSnapshot(name: name, done: true,
                                     error: ServerAnswer(stage: .operation, httpStatus: nil, status: status, message: reason), raw: answer)
        }
        guard doneWords.contains(status) else { return OperationSnapshot(name: name, done: false, raw: answer) }
        let mimeType = data["format"]?.stringValue.map { $0.contains("/") ? $0 : "video/\($0)" }
        if InputLoader.isWebURL(url) {
            return OperationSnapshot(name: name, done: true, videos: [RemoteVideo(uri: url, mimeType: mimeType)], raw: answer)
        }
        if let inlineURI {
            return OperationSnapshot(name: name, done: true, videos: [RemoteVideo(uri: inlineURI, mimeType: mimeType)], raw: answer)
        }
        throw ProviderFailure.malformed("the relay says the task \(status), but gives neither a video link nor inline bytes" +
                                        (url.isEmpty ? "" : " (url: \(url.prefix(200)))"))
    }
}
