/// Reads a Gemini API operation (wire §5, mldev): `name`, `done` (missing = not done), `error`,
/// `response.generateVideoResponse.generatedSamples[].video.uri` and the RAI filter fields.
public enum GeminiOperationDecoder {
    public static func decode(_ json: JSONValue) throws -> OperationSnapshot {
        guard case .object = json, let name = json["name"]?.stringValue, !name.isEmpty else {
            throw ProviderFailure.malformed("the operation has no name")
        }
        let done = json["done"]?.boolValue ?? false
        if let error = json["error"], case .object = error {
            return OperationSnapshot(name: name, done: true, error: GoogleErrorDecoder.operationError(error), raw: json)
        }
        guard done else { return OperationSnapshot(name: name, done: false, raw: json) }
        let response = json["response"]?["generateVideoResponse"] ?? json["response"] ?? .null
        let samples = response["generatedSamples"]?.arrayValue ?? []
        let videos = samples.compactMap { sample -> RemoteVideo? in
            guard let uri = sample["video"]?["uri"]?.stringValue else { return nil }
            return RemoteVideo(uri: uri, mimeType: sample["video"]?["encoding"]?.stringValue)
        }
        return OperationSnapshot(name: name, done: true, videos: videos,
                                 raiFilteredCount: response["raiMediaFilteredCount"]?.intValue ?? 0,
                                 raiReasons: (response["raiMediaFilteredReasons"]?.arrayValue ?? []).compactMap(\.stringValue),
                                 raw: json)
    }
}
