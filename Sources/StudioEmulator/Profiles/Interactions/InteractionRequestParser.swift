import Foundation

/// Structural checks of an interactions create body, answering with the service's 400 texts.
/// Stops at the first problem; parsed objects hold their keys sorted, so "first" is in key order.
struct InteractionRequestParser {
    let rules: ServerRules
    let profile: InteractionsRules
    /// The path version, named in the not-found text.
    let apiVersion: String
    /// True on Vertex AI's interactions (`projects/{p}/locations/{l}/interactions`), where the
    /// Vertex-only video format fields are known.
    var vertex = false

    private func reject(_ id: String, _ values: [String: String] = [:]) -> GoogleAPIError {
        GoogleAPIError(rule: rules.rule(id), values)
    }

    /// Parses the raw body.
    func parse(_ body: Data) throws(GoogleAPIError) -> InteractionRequest {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: body)
        } catch {
            throw reject("body.invalid_json", ["detail": error.reason])
        }
        return try parse(json)
    }

    /// Parses a decoded body.
    func parse(_ json: JSONValue) throws(GoogleAPIError) -> InteractionRequest {
        guard case .object(let members) = json else {
            throw reject("body.invalid_json", ["detail": "Expected a JSON object."])
        }
        for member in members where !profile.acceptedTopLevel.contains(member.key) {
            throw reject("body.unknown_top_level", ["field": member.key])
        }
        guard let model = json["model"]?.stringValue, !model.isEmpty else {
            throw reject("interactions.model.missing")
        }
        try checkModel(model)
        var request = InteractionRequest(model: model, delivery: profile.deliveries.first ?? "inline")
        request.background = try bool(json, "background") ?? false
        request.stream = try bool(json, "stream") ?? false
        request.store = try bool(json, "store") ?? true
        if let previous = json["previous_interaction_id"], previous != .null {
            guard let id = previous.stringValue else { throw typeError("previous_interaction_id", "a string") }
            request.previousInteractionID = id
        }
        if let config = json["generation_config"], config != .null {
            request.task = try parseGenerationConfig(config)
        }
        if let format = json["response_format"], format != .null {
            try parseResponseFormat(format, into: &request)
        }
        guard let input = json["input"], input != .null, input != .string(""), input != .array([]) else {
            throw reject("interactions.input.missing")
        }
        try parseInput(input, into: &request)
        return request
    }

    /// Refuses models this profile does not serve: shut-down ones (404), Veo (400), unknown (404).
    func checkModel(_ model: String) throws(GoogleAPIError) {
        if profile.models[model] != nil { return }
        if let gone = profile.shutDownModels[model] {
            throw reject("interactions.model.shut_down", ["model": model, "date": gone.date, "replacement": gone.replacement])
        }
        if profile.refusedModelPrefixes.contains(where: { model.hasPrefix($0) }) {
            throw reject("interactions.model.veo", ["model": model])
        }
        throw reject("interactions.model.not_found", ["model": model, "version": apiVersion])
    }

    private func typeError(_ path: String, _ expected: String) -> GoogleAPIError {
        reject("interactions.value.type", ["path": path, "expected": expected])
    }

    private func bool(_ json: JSONValue, _ key: String) throws(GoogleAPIError) -> Bool? {
        guard let value = json[key], value != .null else { return nil }
        guard let flag = value.boolValue else { throw typeError(key, "true or false") }
        return flag
    }

    private func unsupported(_ path: String, _ value: String, _ supported: [String]) -> GoogleAPIError {
        reject("interactions.value.unsupported", ["path": path, "value": value, "supported": supported.joined(separator: ", ")])
    }

    // MARK: generation_config and response_format

    private func parseGenerationConfig(_ config: JSONValue) throws(GoogleAPIError) -> String? {
        guard case .object(let members) = config else { throw typeError("generation_config", "an object") }
        for member in members where !profile.acceptedGenerationConfig.contains(member.key) {
            throw reject("body.unknown_field", ["field": member.key, "path": "generation_config"])
        }
        guard let video = config["video_config"], video != .null else { return nil }
        guard case .object(let videoMembers) = video else { throw typeError("generation_config.video_config", "an object") }
        for member in videoMembers where member.key != "task" {
            throw reject("body.unknown_field", ["field": member.key, "path": "generation_config.video_config"])
        }
        guard let task = video["task"], task != .null else { return nil }
        guard let name = task.stringValue, profile.tasks.contains(name) else {
            throw unsupported("generation_config.video_config.task", task.stringValue ?? task.serialized(), profile.tasks)
        }
        return name
    }

    private func parseResponseFormat(_ format: JSONValue, into request: inout InteractionRequest) throws(GoogleAPIError) {
        let entries: [(String, JSONValue)]
        if let list = format.arrayValue {
            entries = list.enumerated().map { ("response_format[\($0.offset)]", $0.element) }
        } else {
            entries = [("response_format", format)]
        }
        for (path, entry) in entries {
            guard case .object(let members) = entry else { throw typeError(path, "an object") }
            guard let type = entry["type"]?.stringValue, profile.responseFormatTypes.contains(type) else {
                throw unsupported("\(path).type", entry["type"]?.stringValue ?? "", profile.responseFormatTypes)
            }
            guard type == "video" else { continue }
            for member in members {
                if profile.vertexOnlyVideoFormat.contains(member.key) {
                    guard vertex else { throw reject("parameter.vertex_only", ["field": "response_format.\(member.key)"]) }
                    throw reject("interactions.vertex.gcs_output", ["field": "response_format.\(member.key)"])
                }
                if !profile.acceptedVideoFormat.contains(member.key) {
                    throw reject("body.unknown_field", ["field": member.key, "path": path])
                }
            }
            request.aspectRatio = try choice(entry, "aspect_ratio", path: path, from: profile.aspectRatios)
            request.resolution = try choice(entry, "resolution", path: path, from: profile.resolutions.keys.sorted(by: Self.resolutionOrder))
            request.delivery = try choice(entry, "delivery", path: path, from: profile.deliveries) ?? request.delivery
            if vertex, request.delivery == "uri" {
                throw reject("interactions.vertex.uri_needs_gcs", ["field": "\(path).gcs_uri"])
            }
            if let duration = entry["duration"], duration != .null {
                request.durationSeconds = try parseDuration(duration)
            }
        }
    }

    private func choice(_ entry: JSONValue, _ key: String, path: String, from values: [String]) throws(GoogleAPIError) -> String? {
        guard let value = entry[key], value != .null else { return nil }
        guard let text = value.stringValue, values.contains(text) else {
            throw unsupported("\(path).\(key)", value.stringValue ?? value.serialized(), values)
        }
        return text
    }

    /// `"6s"`, `"6.5s"`, `"6"` or a number, within the duration limits.
    func parseDuration(_ value: JSONValue) throws(GoogleAPIError) -> Double {
        let shown = value.stringValue ?? value.serialized()
        var seconds = value.doubleValue
        if let text = value.stringValue {
            var trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("s") { trimmed.removeLast() }
            seconds = Double(trimmed)
        }
        guard let seconds, seconds.isFinite else { throw reject("interactions.duration.format", ["value": shown]) }
        guard seconds >= profile.duration.min, seconds <= profile.duration.max else {
            throw reject("interactions.duration.range", [
                "value": shown, "min": Self.format(profile.duration.min), "max": Self.format(profile.duration.max),
            ])
        }
        return seconds
    }

    /// `8` for 8.0, `6.5` otherwise.
    static func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
    }

    /// 360p < 720p < 1080p < 4k.
    static func resolutionOrder(_ a: String, _ b: String) -> Bool {
        func rank(_ name: String) -> Int { name == "4k" ? 4320 : Int(name.dropLast()) ?? 0 }
        return rank(a) < rank(b)
    }

    // MARK: input

    private static let stepTypes: Set<String> = ["user_input", "model_output", "thought"]

    private func parseInput(_ input: JSONValue, into request: inout InteractionRequest) throws(GoogleAPIError) {
        if let text = input.stringValue {
            request.prompt = text
            request.userInput = .object(["type": "user_input", "content": [.object(["type": "text", "text": .string(text)])]])
            return
        }
        let items = input.arrayValue ?? [input]
        let isSteps = items.contains { Self.stepTypes.contains($0["type"]?.stringValue ?? "") }
        guard isSteps else {
            let content = try parseContent(items, path: "input", into: &request)
            request.userInput = .object(["type": "user_input", "content": .array(content)])
            return
        }
        let lastUserTurn = items.lastIndex { $0["type"]?.stringValue == "user_input" }
        for (index, step) in items.enumerated() {
            let path = input.arrayValue == nil ? "input" : "input[\(index)]"
            guard let type = step["type"]?.stringValue, Self.stepTypes.contains(type) else {
                throw unsupported("\(path).type", step["type"]?.stringValue ?? "", Self.stepTypes.sorted())
            }
            guard type != "thought" else { continue }
            let blocks: [JSONValue]
            if let list = step["content"]?.arrayValue {
                blocks = list
            } else if let text = step["content"]?.stringValue {
                blocks = [.object(["type": "text", "text": .string(text)])]
            } else {
                blocks = []
            }
            if index == lastUserTurn {
                let content = try parseContent(blocks, path: "\(path).content", into: &request)
                request.userInput = .object(["type": "user_input", "content": .array(content)])
            } else if type == "model_output" {
                var history = InteractionRequest(model: request.model, delivery: request.delivery)
                _ = try parseContent(blocks, path: "\(path).content", into: &history)
                request.historyVideos += history.videos
            }
        }
        if lastUserTurn == nil { throw reject("interactions.input.missing") }
    }

    /// Reads content blocks into the request; returns them as echoed (inline media without `data`).
    private func parseContent(_ blocks: [JSONValue], path: String, into request: inout InteractionRequest) throws(GoogleAPIError) -> [JSONValue] {
        var echoed: [JSONValue] = []
        var texts: [String] = []
        for (index, block) in blocks.enumerated() {
            let blockPath = "\(path)[\(index)]"
            guard case .object(let members) = block else { throw typeError(blockPath, "a content block object") }
            let type = block["type"]?.stringValue ?? ""
            switch type {
            case "text":
                texts.append(block["text"]?.stringValue ?? "")
                echoed.append(block)
            case "image", "video":
                let media = try parseMedia(block, type: type, path: blockPath)
                if type == "image" { request.images.append(media) } else { request.videos.append(media) }
                echoed.append(.object(members.filter { $0.key != "data" }))
            case "audio", "document":
                echoed.append(.object(members.filter { $0.key != "data" }))
            default:
                throw unsupported("\(blockPath).type", type, ["text", "image", "video", "audio", "document"])
            }
        }
        if !texts.isEmpty { request.prompt = texts.joined(separator: "\n") }
        return echoed
    }

    private func parseMedia(_ block: JSONValue, type: String, path: String) throws(GoogleAPIError) -> MediaBlock {
        var media = MediaBlock(path: path)
        if let mime = block["mime_type"], mime != .null {
            let accepted = type == "image" ? profile.imageMimeTypes : profile.videoMimeTypes
            guard let text = mime.stringValue, accepted.contains(text.lowercased()) else {
                throw unsupported("\(path).mime_type", mime.stringValue ?? mime.serialized(), accepted)
            }
            media.mimeType = text.lowercased()
        }
        if let data = block["data"], data != .null {
            guard let text = data.stringValue, let bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !bytes.isEmpty
            else {
                throw reject("image.bad_base64", ["path": "\(path).data"])
            }
            media.data = bytes
        } else if let uri = block["uri"], uri != .null {
            guard let text = uri.stringValue, !text.isEmpty else { throw typeError("\(path).uri", "a Files API uri") }
            media.uri = text
        } else {
            throw reject("interactions.media.missing", ["path": path, "type": type])
        }
        return media
    }
}
