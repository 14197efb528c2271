/// Reads a Vertex AI operation (wire §5): `name`, `done` (missing = not done), `error`, and
/// `response.videos[]`, each either `{gcsUri, mimeType}` or an inline video the `InlineVideoReader`
/// already wrote to a staged file (`{"bytesBase64Encoded": {"stagedSample": n}}`). An operation
/// wrapped in `{"data": …}` (a gateway's habit) reads the same.
public enum VertexOperationDecoder {
    /// `inlineURI(n)` names the n-th staged inline video of this operation.
    public static func decode(_ answer: JSONValue, inlineURI: (Int) -> String) throws -> OperationSnapshot {
        // The Vertex-format gateway (seeds/003) sometimes wraps the operation in {"data": …}.
        let json = answer["name"] == nil && answer["data"]?["name"] != nil ? answer["data"] ?? answer : answer
        guard case .object = json, let name = json["name"]?.stringValue, !name.isEmpty else {
            throw ProviderFailure.malformed("the operation has no name")
        }
        if let error = json["error"], case .object = error {
            return OperationSnapshot(name: name, done: true, error: GoogleErrorDecoder.operationError(error), raw: answer)
        }
        guard json["done"]?.boolValue == true else { return OperationSnapshot(name: name, done: false, raw: answer) }
        let response = json["response"] ?? .null
        var videos: [RemoteVideo] = []
        for entry in response["videos"]?.arrayValue ?? [] {
            let mimeType = entry["mimeType"]?.stringValue
            if let uri = entry["gcsUri"]?.stringValue {
                videos.append(RemoteVideo(uri: uri, mimeType: mimeType))
            } else if let staged = entry["bytesBase64Encoded"]?["stagedSample"]?.intValue {
                videos.append(RemoteVideo(uri: inlineURI(staged), mimeType: mimeType))
            } else {
                throw ProviderFailure.malformed("a finished video has neither gcsUri nor bytesBase64Encoded")
            }
        }
        return OperationSnapshot(name: name, done: true, videos: videos,
                                 raiFilteredCount: response["raiMediaFilteredCount"]?.intValue ?? 0,
                                 raiReasons: (response["raiMediaFilteredReasons"]?.arrayValue ?? []).compactMap(\.stringValue),
                                 raw: answer)
    }
}
