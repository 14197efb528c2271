import Foundation

/// A create body after structural checks: the model, the current turn's text and media,
/// the requested video format and how the caller wants to wait.
struct InteractionRequest: Sendable {
    var model: String
    var background = false
    var stream = false
    var store = true
    var previousInteractionID: String?
    /// `generation_config.video_config.task` as sent (nil: inferred from the inputs).
    var task: String?
    /// `response_format.duration` in seconds.
    var durationSeconds: Double?
    var resolution: String?
    var aspectRatio: String?
    var delivery: String
    /// The text blocks of the current turn, joined by newlines.
    var prompt = ""
    var images: [MediaBlock] = []
    var videos: [MediaBlock] = []
    /// Videos of earlier `model_output` steps sent back in a stateless history (newest last).
    var historyVideos: [MediaBlock] = []
    /// The current `user_input` step as echoed in answers (inline media without `data`).
    var userInput: JSONValue = .null
}

/// An image or video content block: inline bytes or a Files API `uri`.
struct MediaBlock: Sendable {
    /// Where the block sat in the body, e.g. `input[0].content[1]`.
    var path: String
    var mimeType: String?
    var data: Data?
    var uri: String?
}
