import Foundation

/// JSON shapes of Vertex AI's answers (wire protocol §5 and the recorded SDK exchanges).
enum VertexWire {
    /// `OperationWire.envelope` with Vertex's response: `@type`, always
    /// `raiMediaFilteredCount`, `raiMediaFilteredReasons` only when something was filtered, and
    /// `videos` only when there is one.
    static func operation(_ snapshot: OperationSnapshot, videos: [VertexVideo], profile: ProfileRules) -> JSONValue {
        OperationWire.envelope(snapshot) { _, filteredCount, reasons in
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
            return .object(response)
        }
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
