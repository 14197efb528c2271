import Foundation

/// JSON shapes of the Gemini API answers (wire protocol §5 and the recorded SDK exchanges).
enum GeminiWire {
    /// `OperationWire.envelope` with the Gemini API's response:
    /// `{"@type","generateVideoResponse":{"generatedSamples"?,"raiMediaFilteredCount"?,"raiMediaFilteredReasons"?}}`.
    static func operation(_ snapshot: OperationSnapshot, profile: ProfileRules) -> JSONValue {
        let version = snapshot.record.apiVersion
        return OperationWire.envelope(snapshot) { fileIDs, filteredCount, reasons in
            var response: [JSONMember] = []
            if !fileIDs.isEmpty {
                let samples: [JSONValue] = fileIDs.map { id in
                    .object(["video": .object(["uri": .string(fileURI(id: id, version: version, profile: profile))])])
                }
                response.append(JSONMember(key: "generatedSamples", value: .array(samples)))
            }
            if filteredCount > 0 {
                response.append(JSONMember(key: "raiMediaFilteredCount", value: .int(filteredCount)))
                response.append(JSONMember(key: "raiMediaFilteredReasons", value: .array(reasons.map { .string($0) })))
            }
            return .object([
                "@type": .string(profile.responseType),
                "generateVideoResponse": .object(response),
            ])
        }
    }

    /// `https://generativelanguage.googleapis.com/{ver}/files/{id}:download?alt=media`.
    static func fileURI(id: String, version: String, profile: ProfileRules) -> String {
        "\(profile.fileURIBase)/\(version)/files/\(id):download?alt=media"
    }
}
