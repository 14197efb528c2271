import Foundation

/// A video in a finished Vertex operation: inline bytes, or a Cloud Storage object.
enum VertexVideo: Sendable, Equatable {
    /// `{"bytesBase64Encoded", "mimeType"}`.
    case inline(Data)
    /// `{"gcsUri", "mimeType"}`.
    case stored(String)
}

extension EmulatorEngine {
    /// Handles `:fetchPredictOperation` for `operationName` sent to the path of `modelID`.
    /// When a finished operation returns its videos inline, they are rendered now; if together
    /// they exceed `inlineLimitBytes`, the operation ends with the "output storage uri is required" error instead.
    func pollVertex(operationName: String, modelID: String) async throws(GoogleAPIError) -> (OperationSnapshot, [VertexVideo]) {
        let profileRules = try rules(for: .vertex)
        guard let id = Self.vertexOperationID(operationName, modelID: modelID), let record = generations.operations[id],
            record.profile == .vertex, record.name == operationName
        else {
            throw GoogleAPIError(rule: rules.rule("operation.not_found", in: profileRules), ["name": operationName])
        }
        let snapshot = await snapshot(of: record)
        guard snapshot.done, case .videos(let fileIDs, _, _) = record.outcome, !fileIDs.isEmpty else {
            return (snapshot, [])
        }
        let outputs = fileIDs.compactMap { generations.files[$0] }
        if record.outputDirectory != nil {
            return (snapshot, outputs.compactMap { $0.gcsUri.map(VertexVideo.stored) })
        }
        var videos: [Data] = []
        for file in outputs {
            let url = await servedVideo(file)
            videos.append((try? Data(contentsOf: url)) ?? Data())
        }
        let total = videos.reduce(0) { $0 + $1.count }
        guard total > options.inlineLimitBytes else { return (snapshot, videos.map(VertexVideo.inline)) }
        guard var current = generations.operations[id] else { return (snapshot, []) }
        let rule = rules.rule("vertex.output.inline_too_large", in: profileRules)
        current.outcome = .failed(OperationError(code: rule.code ?? 3, message: rule.text(), ruleID: rule.id))
        generations.operations[id] = current
        persist()
        logger.debug("operation \(current.name) returns \(total) bytes inline, over the limit of \(options.inlineLimitBytes)")
        return (OperationSnapshot(record: current, done: true), [])
    }

    /// The id in `projects/{p}/locations/{l}/publishers/google/models/{model}/operations/{id}`
    /// when the name has that form and names `modelID`.
    static func vertexOperationID(_ name: String, modelID: String) -> String? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 10, parts[0] == "projects", parts[2] == "locations", parts[4] == "publishers",
            parts[5] == "google", parts[6] == "models", parts[7] == modelID, parts[8] == "operations", !parts[9].isEmpty
        else { return nil }
        return parts[9]
    }
}
