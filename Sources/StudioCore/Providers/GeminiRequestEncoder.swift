import Foundation

/// Encodes a spec as the Gemini API's `:predictLongRunning` body (wire §2–§4, mldev):
/// `instances[0]` with prompt, image, lastFrame, referenceImages[].image, video {uri | encodedVideo + encoding};
/// `parameters` only when something is set.
public struct GeminiRequestEncoder: Sendable {
    /// How this provider spells reference types (the Gemini API takes lowercase "asset": seeds/000).
    public var referenceTypeSpelling: [String: String]

    public init(referenceTypeSpelling: [String: String]) {
        self.referenceTypeSpelling = referenceTypeSpelling
    }

    public func body(for spec: GenerationSpec, media: MediaSource) throws -> JSONValue {
        var instance: [String: JSONValue] = [:]
        if let prompt = spec.draft.prompt { instance["prompt"] = .string(prompt) }
        if let image = spec.image { instance["image"] = try Self.image(image, media) }
        if let last = spec.lastFrame { instance["lastFrame"] = try Self.image(last, media) }
        if !spec.references.isEmpty {
            instance["referenceImages"] = .array(try spec.references.map { ref in
                .object(["image": try Self.image(ref.media, media),
                         "referenceType": .string(referenceTypeSpelling[ref.kind.rawValue] ?? ref.kind.rawValue)])
            })
        }
        switch spec.video {
        case .remote(let uri, _)?:
            instance["video"] = .object(["uri": .string(uri)])
        case .local(let file)?:
            instance["video"] = .object(["encodedVideo": .string(try media.bytes(for: file).base64EncodedString()),
                                         "encoding": .string(file.mimeType)])
        case nil:
            break
        }
        var body: [String: JSONValue] = ["instances": .array([.object(instance)])]
        let parameters = PredictParameters.build(spec.draft)
        if !parameters.isEmpty { body["parameters"] = .object(parameters) }
        if !spec.draft.labels.isEmpty { body["labels"] = .object(spec.draft.labels.mapValues(JSONValue.string)) }
        return .object(body)
    }

    static func image(_ ref: MediaRef, _ media: MediaSource) throws -> JSONValue {
        .object(["bytesBase64Encoded": .string(try media.bytes(for: ref).base64EncodedString()),
                 "mimeType": .string(ref.mimeType)])
    }
}
