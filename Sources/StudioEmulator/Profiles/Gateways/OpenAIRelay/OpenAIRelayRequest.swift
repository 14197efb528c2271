import Foundation

/// Turns the OpenAI relay's two submit bodies into a Google submit body for the engine:
/// new-api's `{model, prompt, image, metadata}` (`POST /v1/video/generations`) and OpenAI's
/// Videos API form (`POST /v1/videos`: model, prompt, seconds, size, input_reference).
struct OpenAIRelayRequest: Sendable {
    var model: String
    var body: JSONValue

    /// Sizes of the Videos API and the aspect ratio and resolution each stands for.
    static let sizes: [String: (aspectRatio: String, resolution: String)] = [
        "1280x720": ("16:9", "720p"), "720x1280": ("9:16", "720p"),
        "1920x1080": ("16:9", "1080p"), "1080x1920": ("9:16", "1080p"),
    ]
    static let seconds = ["4", "6", "8"]

    private static func reject(_ rules: ServerRules, _ id: String, _ values: [String: String] = [:]) -> GoogleAPIError {
        GoogleAPIError(rule: rules.rule(id), values)
    }

    /// `POST /v1/video/generations` (seeds/001): images are bare base64 (a `data:` prefix is tolerated);
    /// `image` may be absent (text to video); `metadata` keys map onto Google's instance and parameters.
    static func generations(_ data: Data, rules: ServerRules) throws(GoogleAPIError) -> OpenAIRelayRequest {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw reject(rules, "openai-relay.body.invalid_json", ["detail": error.reason])
        }
        guard let model = json["model"]?.stringValue, !model.isEmpty else {
            throw reject(rules, "openai-relay.body.missing", ["field": "model"])
        }
        guard let prompt = json["prompt"]?.stringValue else {
            throw reject(rules, "openai-relay.body.missing", ["field": "prompt"])
        }
        var instance = [JSONMember(key: "prompt", value: .string(prompt))]
        var parameters: [JSONMember] = []
        if let image = json["image"]?.stringValue, !image.isEmpty {
            instance.append(JSONMember(key: "image", value: try decodeImage(image, field: "image", rules: rules)))
        }
        let metadata = json["metadata"] ?? .null
        if let aspect = metadata["aspectRatio"] {
            guard let text = aspect.stringValue, ["16:9", "9:16"].contains(text) else {
                throw reject(rules, "openai-relay.value.invalid", [
                    "field": "metadata.aspectRatio", "value": aspect.serialized(), "supported": "\"16:9\", \"9:16\"",
                ])
            }
            parameters.append(JSONMember(key: "aspectRatio", value: .string(text)))
        }
        if let duration = metadata["durationSeconds"] {
            guard let number = duration.integerValue, [4, 6, 8].contains(number) else {
                throw reject(rules, "openai-relay.value.invalid", [
                    "field": "metadata.durationSeconds", "value": duration.serialized(), "supported": "4, 6, 8",
                ])
            }
            parameters.append(JSONMember(key: "durationSeconds", value: .int(number)))
        }
        for key in ["negativePrompt", "personGeneration", "resolution", "sampleCount", "seed", "generateAudio"] {
            if let value = metadata[key], value != .null { parameters.append(JSONMember(key: key, value: value)) }
        }
        if let last = metadata["lastFrame"]?.stringValue, !last.isEmpty {
            instance.append(JSONMember(key: "lastFrame", value: try decodeImage(last, field: "metadata.lastFrame", rules: rules)))
        }
        if let references = metadata["referenceImages"]?.arrayValue {
            var converted: [JSONValue] = []
            for (index, reference) in references.enumerated() {
                let field = "metadata.referenceImages[\(index)].image"
                guard let image = reference["image"]?.stringValue else {
                    throw reject(rules, "openai-relay.body.missing", ["field": field])
                }
                var entry = [JSONMember(key: "image", value: try decodeImage(image, field: field, rules: rules))]
                if let type = reference["referenceType"] { entry.append(JSONMember(key: "referenceType", value: type)) }
                converted.append(.object(entry))
            }
            instance.append(JSONMember(key: "referenceImages", value: .array(converted)))
        }
        return OpenAIRelayRequest(model: model, body: GatewaySupport.googleBody(instance: instance, parameters: parameters))
    }

    /// `POST /v1/videos` as the `openai` package sends it: multipart form fields (or the same keys
    /// as JSON); `input_reference` is the first frame, as a file part or `input_reference[image_url]`.
    static func videos(
        fields: [String: String], inputReference: Data?, rules: ServerRules
    ) throws(GoogleAPIError) -> OpenAIRelayRequest {
        guard let model = fields["model"], !model.isEmpty else {
            throw reject(rules, "openai-relay.body.missing", ["field": "model"])
        }
        guard let prompt = fields["prompt"] else { throw reject(rules, "openai-relay.body.missing", ["field": "prompt"]) }
        let seconds = fields["seconds"] ?? "8"
        guard Self.seconds.contains(seconds), let duration = Int(seconds) else {
            throw reject(rules, "openai-relay.value.invalid", ["field": "seconds", "value": "'\(seconds)'", "supported": "'4', '6', '8'"])
        }
        let size = fields["size"] ?? "1280x720"
        guard let shape = sizes[size] else {
            let supported = sizes.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw reject(rules, "openai-relay.value.invalid", ["field": "size", "value": "'\(size)'", "supported": supported])
        }
        var instance = [JSONMember(key: "prompt", value: .string(prompt))]
        if let inputReference {
            guard GatewaySupport.imageType(inputReference) != nil else {
                throw reject(rules, "openai-relay.image.invalid", ["field": "input_reference"])
            }
            instance.append(JSONMember(key: "image", value: GatewaySupport.googleImage(inputReference)))
        }
        let parameters = [
            JSONMember(key: "durationSeconds", value: .int(duration)),
            JSONMember(key: "aspectRatio", value: .string(shape.aspectRatio)),
            JSONMember(key: "resolution", value: .string(shape.resolution)),
        ]
        return OpenAIRelayRequest(model: model, body: GatewaySupport.googleBody(instance: instance, parameters: parameters))
    }

    /// The Videos API's `input_reference[image_url]`: a `data:` URL with base64 bytes.
    static func imageURL(_ text: String, rules: ServerRules) throws(GoogleAPIError) -> Data {
        guard text.hasPrefix("data:"), let comma = text.firstIndex(of: ","),
            let data = RequestParser.decodeBase64(String(text[text.index(after: comma)...])),
            GatewaySupport.imageType(data) != nil
        else { throw reject(rules, "openai-relay.image.invalid", ["field": "input_reference.image_url"]) }
        return data
    }

    private static func decodeImage(_ text: String, field: String, rules: ServerRules) throws(GoogleAPIError) -> JSONValue {
        var base64 = text
        if base64.hasPrefix("data:"), let comma = base64.firstIndex(of: ",") {
            base64 = String(base64[base64.index(after: comma)...])
        }
        guard let data = RequestParser.decodeBase64(base64), GatewaySupport.imageType(data) != nil else {
            throw reject(rules, "openai-relay.image.invalid", ["field": field])
        }
        return GatewaySupport.googleImage(data)
    }
}
