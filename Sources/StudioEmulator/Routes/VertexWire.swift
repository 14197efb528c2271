import Foundation

/// JSON shapes of Vertex AI's answers (wire protocol §5 and the recorded SDK exchanges).
enum VertexWire {
    /// `{"name"}` while running; `{"name","done":true,"response"|"error"}` when finished. The
    /// response always carries `raiMediaFilteredCount`, `raiMediaFilteredReasons` only when
    /// something was filtered, and `videos` only when there is one.
    static func operation(_ snapshot: OperationSnapshot, videos: [VertexVideo], profile: ProfileRules) -> JSONValue {
        let record = snapshot.record
        var members = [JSONMember(key: "name", value: .string(record.name))]
        guard snapshot.done else { return .object(members) }
        members.append(JSONMember(key: "done", value: true))
        switch record.outcome {
        case .failed(let failure):
            members.append(JSONMember(key: "error", value: .object([
                "code": .int(failure.code),
                "message": .string(failure.message),
            ])))
        case .videos(_, let filteredCount, let reasons):
            var response: [JSONMember] = [
                JSONMember(key: "@type", value: .string(profile.responseType)),
                JSONMember(key: "raiMediaFilteredCount", value: .int(filteredCount)),
            ]
            if filteredCount > 0 {
                response.append(JSONMember(key: "raiMediaFilteredReasons", value: .array(reasons.map { .string($0) })))
            }
            if !videos.isEmpty {
                response.append(JSONMember(key: "videos", value: .array(videos.map(video))))
            }
            members.append(JSONMember(key: "response", value: .object(response)))
        }
        return .object(members)
    }

    /// One `videos[]` entry.
    static func video(_ video: VertexVideo) -> JSONValue {
        switch video {
        case .inline(let data):
            return .object(["bytesBase64Encoded": .string(data.base64EncodedString()), "mimeType": "video/mp4"])
        case .stored(let uri):
            return .object(["gcsUri": .string(uri), "mimeType": "video/mp4"])
        }
    }
}
