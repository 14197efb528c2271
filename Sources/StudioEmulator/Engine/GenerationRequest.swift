import Foundation

/// A submit body after structural checks: the inputs and options of one generation.
struct GenerationRequest: Sendable {
    var prompt: String?
    var image: InputImage?
    var lastFrame: InputImage?
    var references: [ReferenceInput] = []
    var video: VideoInput?
    var sampleCount: Int?
    var durationSeconds: Int?
    var aspectRatio: String?
    var resolution: String?
    var negativePrompt: String?
    var personGeneration: String?
    var enhancePrompt: Bool?
    /// Vertex: flat `instances[0].mask` (an image plus `maskMode`).
    var mask: MaskInput?
    /// Vertex: `parameters.storageUri` as sent.
    var storageUri: String?
    /// Vertex: `parameters.seed` (uint32).
    var seed: UInt32?
    /// Vertex: `parameters.fps`.
    var fps: Int?
    /// Vertex: `parameters.generateAudio`.
    var generateAudio: Bool?
    /// Vertex: `parameters.compressionQuality` as sent.
    var compressionQuality: String?
    /// Vertex: `parameters.resizeMode` as sent.
    var resizeMode: String?
    /// Vertex: `parameters.pubsubTopic`.
    var pubsubTopic: String?
    /// Vertex: top-level `labels`.
    var labels: [String: String] = [:]

    /// The prompt when it has any non-blank text.
    var effectivePrompt: String? {
        guard let prompt, !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return prompt
    }
}

/// An image input: `bytesBase64Encoded` and/or (Vertex) `gcsUri`, plus an optional `mimeType`.
/// A `gcsUri`-only image has empty `data` until the engine reads the object.
struct InputImage: Sendable {
    var data: Data
    var mimeType: String?
    /// `gcsUri` as sent (Vertex).
    var gcsUri: String?
    /// Where the image sat in the body, e.g. `instances[0].image`, for error texts.
    var path: String = ""

    /// File extension used when the image is stored for rendering.
    var fileExtension: String {
        switch mimeType?.lowercased() {
        case "image/jpeg", "image/jpg": return "jpg"
        case "image/webp": return "webp"
        case "image/png": return "png"
        default:
            if data.starts(with: [0xFF, 0xD8]) { return "jpg" }
            if data.starts(with: Array("RIFF".utf8)) { return "webp" }
            return "png"
        }
    }
}

/// A reference image with its type as sent (the spelling is kept, the kind is case-insensitive).
struct ReferenceInput: Sendable {
    var image: InputImage
    var kind: ReferenceKind
    /// The `referenceType` text exactly as received (nil when absent).
    var spelling: String?
}

/// `ASSET` or `STYLE`.
enum ReferenceKind: String, Sendable, Codable {
    case asset, style
}

/// A Vertex mask: an image plus its `maskMode`.
struct MaskInput: Sendable {
    var image: InputImage
    var mode: String?
}

/// The `video` input of an extension (or a mask edit).
enum VideoInput: Sendable {
    /// `{"uri": …}`: a video generated earlier (Gemini API).
    case uri(String)
    /// `{"encodedVideo": …}` / `{"bytesBase64Encoded": …}`: uploaded bytes.
    case encoded(Data)
    /// `{"gcsUri": …}` before the engine looked the object up (Vertex).
    case storage(String)
    /// A `gcsUri` naming one of the emulator's own outputs.
    case storedOutput(uri: String, fileID: String)
    /// A `gcsUri` naming an uploaded object, with its bytes.
    case storedObject(uri: String, data: Data)
}

/// What a request asks for.
enum GenerationMode: String, Sendable, Codable {
    case textToVideo = "text_to_video"
    case imageToVideo = "image_to_video"
    case firstLastFrame = "first_last_frame"
    case referenceToVideo = "reference_to_video"
    case videoExtension = "video_extension"
    /// Vertex: a video edited with a mask (`video` + `mask`).
    case videoEdit = "video_edit"

    /// The feature name the service uses in duration errors.
    var durationFeature: String {
        switch self {
        case .textToVideo: return "text_to_video"
        case .imageToVideo, .firstLastFrame: return "image_to_video"
        case .referenceToVideo: return "reference_to_video"
        case .videoExtension: return "video_extension"
        case .videoEdit: return "video_edit"
        }
    }
}
