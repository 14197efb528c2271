import Foundation

/// The body of an Interactions API create for Gemini Omni, in the shape google-genai 3.4.0 sends:
/// `model`, `input` (the prompt alone, or one `user_input` step of text, image and video blocks),
/// `generation_config.video_config.task`, `response_format` (a video format), `background` and,
/// for a further turn, `previous_interaction_id`.
public struct InteractionsRequestBody: Sendable {
    /// How an input video travels when it has no URI yet: named by a placeholder until the Files API
    /// upload gives it one (the Gemini API), or as base64 bytes (Vertex AI, which has no Files API).
    public enum LocalVideos: Sendable, Hashable { case uploadPlaceholder, inline }

    public var localVideos: LocalVideos

    public init(localVideos: LocalVideos = .uploadPlaceholder) {
        self.localVideos = localVideos
    }

    /// The task Gemini Omni is asked for in each mode.
    public static func task(for mode: GenerationMode) -> String {
        switch mode {
        case .textToVideo: return "text_to_video"
        case .imageToVideo, .firstLastFrame: return "image_to_video"
        case .referenceImages: return "reference_to_video"
        case .extendVideo: return "extend"
        case .edit, .refine: return "edit"
        case .upscale: return "upscale"
        }
    }

    public func body(for spec: GenerationSpec, media: MediaSource) throws -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(spec.model),
            "background": .bool(true),
            "generation_config": .object(["video_config": .object(["task": .string(Self.task(for: spec.mode))])]),
            "input": try input(for: spec, media: media),
        ]
        if let format = try responseFormat(for: spec) { body["response_format"] = format }
        if spec.mode == .refine, let previous = spec.previousInteraction {
            body["previous_interaction_id"] = .string(InteractionsEndpoint.bareID(previous))
        }
        return .object(body)
    }

    /// The video format: every value that applies, so the estimate and the result agree. A further
    /// turn sends only what the draft changes (the earlier turn's format carries over).
    func responseFormat(for spec: GenerationSpec) throws -> JSONValue? {
        let refining = spec.mode == .refine
        var body: [String: JSONValue] = ["response_format": .object(["type": .string("video")])]
        try WireParameterWriter(wire: .interactions).write(spec, into: &body, effective: !refining)
        let format = body["response_format"]?.objectValue ?? [:]
        return format.count == 1 && refining ? nil : .object(format)
    }

    /// The prompt alone for text (and a further turn), else one user step of blocks: the text, the
    /// frames, the reference images, the reference videos, then the video to extend or edit.
    func input(for spec: GenerationSpec, media: MediaSource) throws -> JSONValue {
        let prompt = Self.tagged(spec.draft.prompt ?? "", mode: spec.mode)
        if spec.mode == .textToVideo || spec.mode == .refine { return .string(prompt) }
        var content: [JSONValue] = [.object(["type": .string("text"), "text": .string(prompt)])]
        if let image = spec.image { content.append(try block("image", image, media: media)) }
        if let last = spec.lastFrame { content.append(try block("image", last, media: media)) }
        for reference in spec.references { content.append(try block("image", reference.media, media: media)) }
        for video in spec.referenceVideos ?? [] { content.append(try block("video", video, media: media)) }
        switch spec.video {
        case .remote(let uri, _)?: content.append(try block("video", .remote(uri), media: media))
        case .local(let file)?: content.append(try block("video", file, media: media))
        case nil: break
        }
        return .array([.object(["type": .string("user_input"), "content": .array(content)])])
    }

    /// The frame tags Gemini Omni reads, put in front of a prompt that lacks them.
    static func tagged(_ prompt: String, mode: GenerationMode) -> String {
        switch mode {
        case .imageToVideo where !prompt.contains("<FIRST_FRAME>"):
            return "<FIRST_FRAME> \(prompt)"
        case .firstLastFrame where !prompt.contains("<FIRST_FRAME>") && !prompt.contains("<LAST_FRAME>"):
            return "<FIRST_FRAME> ... <LAST_FRAME> \(prompt)"
        default:
            return prompt
        }
    }

    /// One image or video block: by URI when it has one, else inline base64 (images, and videos on
    /// Vertex AI), else a placeholder until the upload (videos on the Gemini API, in previews).
    private func block(_ type: String, _ ref: MediaRef, media: MediaSource) throws -> JSONValue {
        var object: [String: JSONValue] = ["type": .string(type)]
        let fallback = type == "video" ? "video/mp4" : "image/png"
        object["mime_type"] = .string(ref.mimeType == "application/octet-stream" ? fallback : ref.mimeType)
        if let uri = ref.gcsUri {
            object["uri"] = .string(uri)
        } else if type == "video", localVideos == .uploadPlaceholder {
            object["uri"] = .string("<Files API URI of \((ref.originalPath as NSString).lastPathComponent) after upload>")
        } else {
            object["data"] = .string(try media.base64(for: ref))
        }
        return .object(object)
    }
}
