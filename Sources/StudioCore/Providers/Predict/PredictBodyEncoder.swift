import Foundation

/// Encodes a spec as a `:predictLongRunning` body (wire §2–§4) in the dialect of a backend:
/// `instances[0]` with prompt, image, lastFrame, referenceImages[].image and video; `parameters`
/// (only when something is set) and Vertex AI's top-level `labels` as the parameter catalog says.
///
/// The dialects differ in media: the Gemini API sends images as bytes and videos as
/// `{uri | encodedVideo + encoding}`; Vertex AI sends images and videos as
/// `{gcsUri | bytesBase64Encoded, mimeType}`.
public struct PredictBodyEncoder: Sendable {
    /// The backend whose JSON names are used.
    public enum Dialect: String, Sendable {
        case gemini
        case vertex
    }

    public var dialect: Dialect
    /// How this provider spells reference types (the Gemini API takes lowercase "asset": seeds/000; Vertex "ASSET").
    public var referenceTypeSpelling: [String: String]
    /// The wire whose catalog entries say the parameters (`parameters`, Vertex AI's `labels`).
    public var wire: WireProtocol

    public init(dialect: Dialect, wire: WireProtocol, referenceTypeSpelling: [String: String]) {
        self.dialect = dialect
        self.wire = wire
        self.referenceTypeSpelling = referenceTypeSpelling
    }

    public func body(for spec: GenerationSpec, media: MediaSource) throws -> JSONValue {
        var instance: [String: JSONValue] = [:]
        if let prompt = spec.draft.prompt { instance["prompt"] = .string(prompt) }
        if let image = spec.image { instance["image"] = try Self.media(image, media) }
        if let last = spec.lastFrame { instance["lastFrame"] = try Self.media(last, media) }
        if !spec.references.isEmpty {
            instance["referenceImages"] = .array(try spec.references.map { ref in
                .object(["image": try Self.media(ref.media, media),
                         "referenceType": .string(referenceTypeSpelling[ref.kind.rawValue] ?? ref.kind.rawValue)])
            })
        }
        if let video = spec.video { instance["video"] = try self.video(video, media) }
        var body: [String: JSONValue] = ["instances": .array([.object(instance)])]
        try WireParameterWriter(wire: wire).write(spec, into: &body)
        return .object(body)
    }

    private func video(_ video: VideoRef, _ media: MediaSource) throws -> JSONValue {
        switch (dialect, video) {
        case (.gemini, .remote(let uri, _)):
            return .object(["uri": .string(uri)])
        case (.gemini, .local(let file)):
            return .object(["encodedVideo": .string(try media.base64(for: file)),
                            "encoding": .string(file.mimeType)])
        case (.vertex, .remote(let uri, _)):
            return .object(["gcsUri": .string(uri), "mimeType": .string("video/mp4")])
        case (.vertex, .local(let file)):
            return try Self.media(file, media)
        }
    }

    /// An image (or a Vertex video): by `gs://` URI when it is one, else its bytes in standard base64.
    static func media(_ ref: MediaRef, _ media: MediaSource) throws -> JSONValue {
        if let uri = ref.gcsUri {
            return .object(["gcsUri": .string(uri), "mimeType": .string(ref.mimeType)])
        }
        return .object(["bytesBase64Encoded": .string(try media.base64(for: ref)),
                        "mimeType": .string(ref.mimeType)])
    }
}
