import Foundation

/// The task relay's create body (seeds/004), checked with the relay's own answers and turned
/// into a Google reference-to-video body for the engine.
struct TaskRelayRequest {
    let rules: ServerRules
    let checker: ReferenceURLChecker

    static let standardModel = "veo-3.1-reference-to-video"
    static let aspectRatios = ["16:9", "9:16"]
    static let resolutions = ["720p", "1080p", "4k"]
    static let personGeneration = ["dont_allow", "allow_adult"]
    static let referenceTypes = ["ASSET", "STYLE"]

    private func reject(_ id: String, _ values: [String: String] = [:]) -> GoogleAPIError {
        GoogleAPIError(rule: rules.rule(id), values)
    }

    private func invalid(_ field: String, _ value: JSONValue, _ supported: [String]) -> GoogleAPIError {
        reject("task-relay.value.invalid", ["field": field, "value": value.serialized(), "supported": supported.joined(separator: ", ")])
    }

    /// The model and the Google body.
    func parse(_ data: Data, servedModels: [String]) throws(GoogleAPIError) -> (model: String, body: JSONValue) {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw reject("task-relay.body.invalid", ["detail": error.reason])
        }
        guard json.isObject else { throw reject("task-relay.body.invalid", ["detail": "expected a JSON object"]) }
        let model = json["model"]?.stringValue ?? ""
        guard servedModels.contains(model) else { throw reject("task-relay.model.invalid", ["model": model]) }
        guard let prompt = json["prompt"]?.stringValue, !prompt.isEmpty else {
            throw reject("task-relay.body.invalid", ["detail": "prompt is required"])
        }
        guard let urls = json["reference_image_urls"]?.arrayValue, (1...3).contains(urls.count) else {
            throw reject("task-relay.references.count")
        }
        var images: [Data] = []
        for url in urls {
            guard let text = url.stringValue else { throw reject("task-relay.references.count") }
            do {
                images.append(try checker.image(at: text))
            } catch {
                throw reject("task-relay.reference_url.invalid", ["url": text, "detail": error.detail])
            }
        }
        if let duration = json["duration"], duration != .null, duration.integerValue != 8 {
            throw reject("task-relay.duration.fixed")
        }
        var parameters = [JSONMember(key: "durationSeconds", value: 8)]
        if let value = json["aspect_ratio"], value != .null {
            guard let text = value.stringValue, Self.aspectRatios.contains(text) else { throw invalid("aspect_ratio", value, Self.aspectRatios) }
            parameters.append(JSONMember(key: "aspectRatio", value: .string(text)))
        }
        if let value = json["resolution"], value != .null {
            guard let text = value.stringValue, Self.resolutions.contains(text) else { throw invalid("resolution", value, Self.resolutions) }
            parameters.append(JSONMember(key: "resolution", value: .string(text)))
        }
        if let value = json["generate_audio"], value != .null {
            guard let flag = value.boolValue else { throw invalid("generate_audio", value, ["true", "false"]) }
            parameters.append(JSONMember(key: "generateAudio", value: .bool(flag)))
        }
        if let value = json["auto_fix"], value != .null, value.boolValue == nil {
            throw invalid("auto_fix", value, ["true", "false"])
        }
        if let value = json["safety_level"], value != .null {
            guard let level = value.integerValue, (1...6).contains(level) else { throw invalid("safety_level", value, ["1", "2", "3", "4", "5", "6"]) }
        }
        var referenceType = "asset"
        for field in ["enhance_prompt", "person_generation", "reference_type"] {
            guard let value = json[field], value != .null else { continue }
            guard model == Self.standardModel else { throw reject("task-relay.standard_only", ["field": field]) }
            switch field {
            case "enhance_prompt":
                guard let flag = value.boolValue else { throw invalid(field, value, ["true", "false"]) }
                parameters.append(JSONMember(key: "enhancePrompt", value: .bool(flag)))
            case "person_generation":
                guard let text = value.stringValue, Self.personGeneration.contains(text) else { throw invalid(field, value, Self.personGeneration) }
                parameters.append(JSONMember(key: "personGeneration", value: .string(text)))
            default:
                guard let text = value.stringValue, Self.referenceTypes.contains(text) else { throw invalid(field, value, Self.referenceTypes) }
                referenceType = text.lowercased()
            }
        }
        let references: [JSONValue] = images.map {
            .object(["image": GatewaySupport.googleImage($0), "referenceType": .string(referenceType)])
        }
        let instance = [
            JSONMember(key: "prompt", value: .string(prompt)),
            JSONMember(key: "referenceImages", value: .array(references)),
        ]
        return (model, GatewaySupport.googleBody(instance: instance, parameters: parameters))
    }
}
