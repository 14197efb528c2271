import Foundation

/// JSON shapes of the Gemini API answers (wire protocol §5 and the recorded SDK exchanges).
enum GeminiWire {
    /// `{"name"}` while running; `{"name","done":true,"response"|"error"}` when finished.
    static func operation(_ snapshot: OperationSnapshot, profile: ProfileRules) -> JSONValue {
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
        case .videos(let fileIDs, let filteredCount, let reasons):
            var response: [JSONMember] = []
            if !fileIDs.isEmpty {
                let samples: [JSONValue] = fileIDs.map { id in
                    .object(["video": .object(["uri": .string(fileURI(id: id, version: record.apiVersion, profile: profile))])])
                }
                response.append(JSONMember(key: "generatedSamples", value: .array(samples)))
            }
            if filteredCount > 0 {
                response.append(JSONMember(key: "raiMediaFilteredCount", value: .int(filteredCount)))
                response.append(JSONMember(key: "raiMediaFilteredReasons", value: .array(reasons.map { .string($0) })))
            }
            members.append(JSONMember(key: "response", value: .object([
                "@type": .string(profile.responseType),
                "generateVideoResponse": .object(response),
            ])))
        }
        return .object(members)
    }

    /// `https://generativelanguage.googleapis.com/{ver}/files/{id}:download?alt=media`.
    static func fileURI(id: String, version: String, profile: ProfileRules) -> String {
        "\(profile.fileURIBase)/\(version)/files/\(id):download?alt=media"
    }
}
