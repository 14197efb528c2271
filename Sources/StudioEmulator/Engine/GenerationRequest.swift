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

    /// The prompt when it has any non-blank text.
    var effectivePrompt: String? {
        guard let prompt, !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return prompt
    }
}

/// An image input (`bytesBase64Encoded` + optional `mimeType`).
struct InputImage: Sendable {
    var data: Data
    var mimeType: String?

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

/// The `video` input of an extension.
enum VideoInput: Sendable {
    /// `{"uri": …}`: a video generated earlier.
    case uri(String)
    /// `{"encodedVideo": …}`: uploaded bytes.
    case encoded(Data)
}

/// What a request asks for.
enum GenerationMode: String, Sendable, Codable {
    case textToVideo = "text_to_video"
    case imageToVideo = "image_to_video"
    case firstLastFrame = "first_last_frame"
    case referenceToVideo = "reference_to_video"
    case videoExtension = "video_extension"

    /// The feature name the service uses in duration errors.
    var durationFeature: String {
        switch self {
        case .textToVideo: return "text_to_video"
        case .imageToVideo, .firstLastFrame: return "image_to_video"
        case .referenceToVideo: return "reference_to_video"
        case .videoExtension: return "video_extension"
        }
    }
}
