/// The ways to make a video; the mode follows from the inputs of a draft. `edit` (change a
/// source video), `upscale` (the same video at a higher resolution) and `refine` (a further turn
/// on a finished generation) exist on Gemini Omni only.
public enum GenerationMode: String, Codable, Sendable, CaseIterable, Hashable {
    case textToVideo = "text_to_video"
    case imageToVideo = "image_to_video"
    case firstLastFrame = "first_last_frame"
    case referenceImages = "reference_to_video"
    case extendVideo = "extend_video"
    case edit = "edit"
    case upscale = "upscale"
    case refine = "refine"

    /// A short name people read in tables and forms.
    public var displayName: String {
        switch self {
        case .textToVideo: return "Text"
        case .imageToVideo: return "Image"
        case .firstLastFrame: return "Frames"
        case .referenceImages: return "Ingredients"
        case .extendVideo: return "Extend"
        case .edit: return "Edit"
        case .upscale: return "Upscale"
        case .refine: return "Refine"
        }
    }

    /// The mode as a phrase in a sentence ("reference images need 8 s").
    public var phrase: String {
        switch self {
        case .textToVideo: return "text to video"
        case .imageToVideo: return "image to video"
        case .firstLastFrame: return "first + last frame"
        case .referenceImages: return "reference images"
        case .extendVideo: return "video extension"
        case .edit: return "video edit"
        case .upscale: return "upscale"
        case .refine: return "refinement of an earlier video"
        }
    }
}
