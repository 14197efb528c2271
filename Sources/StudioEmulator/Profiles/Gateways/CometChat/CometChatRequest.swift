import Foundation

/// The chat gateway's request (seeds/002): `{"model","stream","messages":[…],"extra_body":{"google":{…}}}`
/// (`google` is also read at the top level, where OpenAI clients merge `extra_body`), turned into a
/// Google body. Images are `{"uri": URL}` objects, checked by `ReferenceURLChecker`.
struct CometChatRequest {
    var model: String
    var stream: Bool
    var instance: [JSONMember]
    var parameters: [JSONMember]
    /// Scene extension (seeds/002 §3): the link of a video this gateway made, `google.video.uri`.
    var videoLink: String?

    /// The Google body the engine plans from.
    var body: JSONValue { GatewaySupport.googleBody(instance: instance, parameters: parameters) }

    /// Names the video to extend by the emulator's own file id (the link resolved by the route).
    mutating func extend(fileID: String) {
        instance.append(JSONMember(key: "video", value: .object([JSONMember(key: "uri", value: .string("files/\(fileID)"))])))
    }

    /// Keys of `google.config` passed on as Google parameters.
    static let configKeys = [
        "durationSeconds", "aspectRatio", "resolution", "negativePrompt", "seed", "sampleCount", "generateAudio", "personGeneration",
    ]

    static func parse(_ data: Data, rules: ServerRules, checker: ReferenceURLChecker) throws(GoogleAPIError) -> CometChatRequest {
        func invalid(_ detail: String) -> GoogleAPIError {
            GoogleAPIError(rule: rules.rule("comet-chat.body.invalid"), ["detail": detail])
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw invalid(error.reason)
        }
        guard let model = json["model"]?.stringValue, !model.isEmpty else { throw invalid("model is required") }
        let stream = json["stream"]?.boolValue ?? false
        guard let prompt = lastUserText(json["messages"]) else { throw invalid("messages must hold a user message with text") }
        let google = json["extra_body"]?["google"] ?? json["google"] ?? .null
        var instance = [JSONMember(key: "prompt", value: .string(prompt))]
        func image(_ value: JSONValue, path: String) throws(GoogleAPIError) -> JSONValue {
            guard let uri = value["uri"]?.stringValue ?? value["url"]?.stringValue else { throw invalid("\(path).uri is required") }
            do {
                return GatewaySupport.googleImage(try checker.image(at: uri))
            } catch {
                throw GoogleAPIError(rule: rules.rule("comet-chat.image_url.invalid"), ["url": uri, "detail": error.detail])
            }
        }
        if let first = google["image"], first != .null {
            instance.append(JSONMember(key: "image", value: try image(first, path: "google.image")))
        }
        if let last = google["lastFrame"], last != .null {
            instance.append(JSONMember(key: "lastFrame", value: try image(last, path: "google.lastFrame")))
        }
        if let references = google["referenceImages"]?.arrayValue {
            var converted: [JSONValue] = []
            for (index, reference) in references.enumerated() {
                var entry = [JSONMember(key: "image", value: try image(reference["image"] ?? .null, path: "google.referenceImages[\(index)].image"))]
                if let type = reference["referenceType"] { entry.append(JSONMember(key: "referenceType", value: type)) }
                converted.append(.object(entry))
            }
            instance.append(JSONMember(key: "referenceImages", value: .array(converted)))
        }
        var videoLink: String?
        if let video = google["video"], video != .null {
            guard let uri = video["uri"]?.stringValue, !uri.isEmpty else { throw invalid("google.video.uri is required") }
            videoLink = uri
        }
        var parameters: [JSONMember] = []
        let config = google["config"] ?? .null
        for key in configKeys {
            if let value = config[key], value != .null { parameters.append(JSONMember(key: key, value: value)) }
        }
        return CometChatRequest(model: model, stream: stream, instance: instance, parameters: parameters, videoLink: videoLink)
    }

    /// The text of the last user message: a string, or the `text` parts of a content array.
    static func lastUserText(_ messages: JSONValue?) -> String? {
        guard let messages = messages?.arrayValue,
            let message = messages.last(where: { $0["role"]?.stringValue == "user" })
        else { return nil }
        if let text = message["content"]?.stringValue { return text }
        let parts = message["content"]?.arrayValue?.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }
        guard let parts, !parts.isEmpty else { return nil }
        return parts.joined(separator: "\n")
    }
}
