import Foundation

/// Structural checks of a submit body (Gemini API or Vertex, as `profile` says), answering
/// with the service's 400 texts.
/// Stops at the first problem, as Google's JSON parser does. Parsed objects hold their keys
/// sorted (Foundation's decoder does not report document order), so "first" means first in key order.
struct RequestParser {
    let rules: ServerRules
    let profile: ProfileRules

    private func reject(_ id: String, _ values: [String: String] = [:]) -> GoogleAPIError {
        GoogleAPIError(rule: rules.rule(id, in: profile), values)
    }

    /// Parses the raw body. An empty body (the SDK sends none when nothing is set) is `{}`.
    func parse(_ body: Data) throws(GoogleAPIError) -> GenerationRequest {
        let text = body.filter { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let json: JSONValue
        if text.isEmpty {
            json = .object([])
        } else {
            do {
                json = try JSONValue(parsing: body)
            } catch {
                throw reject("body.invalid_json", ["detail": error.reason])
            }
        }
        return try parse(json)
    }

    /// Parses an already decoded body.
    func parse(_ json: JSONValue) throws(GoogleAPIError) -> GenerationRequest {
        guard case .object(let members) = json else {
            throw reject("body.invalid_json", ["detail": "Expected a JSON object."])
        }
        for member in members {
            if profile.vertexOnlyTopLevel.contains(member.key) {
                throw reject("parameter.vertex_only", ["field": member.key])
            }
            if !profile.acceptedTopLevel.contains(member.key) {
                throw reject("body.unknown_top_level", ["field": member.key])
            }
        }
        var request = GenerationRequest()
        for member in members where member.value != .null {
            switch member.key {
            case "parameters":
                try parseParameters(member.value, into: &request)
            case "instances":
                guard let instances = member.value.arrayValue else {
                    throw reject("value.invalid", ["path": "instances"])
                }
                guard let instance = instances.first else { continue }
                guard instances.count == 1 else {
                    throw reject("value.invalid", ["path": "instances[1]"])
                }
                try parseInstance(instance, into: &request)
            case "labels":
                guard case .object(let labels) = member.value else { throw reject("value.invalid", ["path": "labels"]) }
                for label in labels {
                    guard let text = label.value.stringValue else {
                        throw reject("value.invalid", ["path": "labels[\(label.key)]"])
                    }
                    request.labels[label.key] = text
                }
            default:
                break  // webhookConfig (Gemini API): accepted and ignored
            }
        }
        return request
    }

    private func parseParameters(_ value: JSONValue, into request: inout GenerationRequest) throws(GoogleAPIError) {
        guard case .object(let members) = value else {
            throw reject("value.invalid", ["path": "parameters"])
        }
        for member in members {
            let path = "parameters.\(member.key)"
            if member.key == "lastFrame" { throw reject("parameters.last_frame") }
            if profile.vertexOnlyParameters.contains(member.key) {
                throw reject("parameter.vertex_only", ["field": member.key])
            }
            guard let type = profile.acceptedParameters[member.key] else {
                throw reject("value.invalid", ["path": path])
            }
            if member.value == .null { continue }
            switch type {
            case "integer":
                guard let number = member.value.integerValue else { throw reject("value.invalid", ["path": path]) }
                switch member.key {
                case "sampleCount": request.sampleCount = number
                case "durationSeconds": request.durationSeconds = number
                case "fps": request.fps = number
                case "seed":
                    guard let seed = UInt32(exactly: number) else { throw reject("value.invalid", ["path": path]) }
                    request.seed = seed
                default: break
                }
            case "bool":
                guard let flag = member.value.boolValue else { throw reject("value.invalid", ["path": path]) }
                if member.key == "enhancePrompt" { request.enhancePrompt = flag }
                if member.key == "generateAudio" { request.generateAudio = flag }
            default:
                guard let text = member.value.stringValue else { throw reject("value.invalid", ["path": path]) }
                if let allowed = profile.enumParameters?[member.key], !allowed.accepts(text) {
                    throw reject(allowed.rule, ["value": text])
                }
                switch member.key {
                case "aspectRatio": request.aspectRatio = text
                case "resolution": request.resolution = text
                case "negativePrompt": request.negativePrompt = text
                case "personGeneration": request.personGeneration = text
                case "storageUri": request.storageUri = text
                case "compressionQuality": request.compressionQuality = text
                case "resizeMode": request.resizeMode = text
                case "pubsubTopic": request.pubsubTopic = text
                default: break
                }
            }
        }
    }

    private func parseInstance(_ value: JSONValue, into request: inout GenerationRequest) throws(GoogleAPIError) {
        guard case .object(let members) = value else {
            throw reject("value.invalid", ["path": "instances[0]"])
        }
        for member in members {
            let path = "instances[0].\(member.key)"
            if profile.vertexOnlyInstanceFields.contains(member.key) {
                throw reject("parameter.vertex_only", ["field": member.key])
            }
            guard profile.acceptedInstanceFields.contains(member.key) else {
                throw reject("body.unknown_field", ["field": member.key, "path": "instances[0]"])
            }
            if member.value == .null { continue }
            switch member.key {
            case "prompt":
                guard let text = member.value.stringValue else { throw reject("value.invalid", ["path": path]) }
                request.prompt = text
            case "image":
                request.image = try parseImage(member.value, path: path)
            case "lastFrame":
                request.lastFrame = try parseImage(member.value, path: path)
            case "referenceImages":
                guard let entries = member.value.arrayValue else { throw reject("value.invalid", ["path": path]) }
                for (index, entry) in entries.enumerated() {
                    request.references.append(try parseReference(entry, path: "\(path)[\(index)]"))
                }
            case "video":
                request.video = try parseVideo(member.value, path: path)
            case "mask":
                request.mask = try parseMask(member.value, path: path)
            default:
                break
            }
        }
    }

    private func parseImage(_ value: JSONValue, path: String) throws(GoogleAPIError) -> InputImage {
        guard case .object(let members) = value else { throw reject("value.invalid", ["path": path]) }
        var bytes: Data?
        var mimeType: String?
        var gcsUri: String?
        for member in members {
            switch member.key {
            case "inlineData": throw reject("image.inline_data")
            case "fileUri", "fileData": throw reject("image.file_uri")
            case "gcsUri":
                guard profile.acceptsGcsUri else { throw reject("image.gcs_uri") }
                guard let text = member.value.stringValue else { throw reject("value.invalid", ["path": "\(path).gcsUri"]) }
                if !text.isEmpty { gcsUri = text }
            case "bytesBase64Encoded":
                guard let text = member.value.stringValue else {
                    throw reject("value.invalid", ["path": "\(path).bytesBase64Encoded"])
                }
                if text.isEmpty { throw reject("image.empty") }
                guard let data = Self.decodeBase64(text) else {
                    throw reject("image.bad_base64", ["path": "\(path).bytes_base64_encoded"])
                }
                bytes = data
            case "mimeType":
                guard let text = member.value.stringValue else {
                    throw reject("value.invalid", ["path": "\(path).mimeType"])
                }
                mimeType = text
            default:
                throw reject("body.unknown_field", ["field": member.key, "path": path])
            }
        }
        if let bytes, !bytes.isEmpty {
            return InputImage(data: bytes, mimeType: mimeType, gcsUri: gcsUri, path: path)
        }
        guard let gcsUri else { throw reject("image.empty") }
        return InputImage(data: Data(), mimeType: mimeType, gcsUri: gcsUri, path: path)
    }

    /// Vertex's flat mask: the image fields plus `maskMode` in one object.
    private func parseMask(_ value: JSONValue, path: String) throws(GoogleAPIError) -> MaskInput {
        guard case .object(let members) = value else { throw reject("value.invalid", ["path": path]) }
        var mode: String?
        var imageMembers: [JSONMember] = []
        for member in members {
            guard member.key == "maskMode" else {
                imageMembers.append(member)
                continue
            }
            guard let text = member.value.stringValue else { throw reject("value.invalid", ["path": "\(path).maskMode"]) }
            if let allowed = profile.enumParameters?["maskMode"], !allowed.accepts(text) {
                throw reject(allowed.rule, ["value": text])
            }
            mode = text
        }
        return MaskInput(image: try parseImage(.object(imageMembers), path: path), mode: mode)
    }

    private func parseReference(_ value: JSONValue, path: String) throws(GoogleAPIError) -> ReferenceInput {
        guard case .object(let members) = value else { throw reject("value.invalid", ["path": path]) }
        var image: InputImage?
        var spelling: String?
        for member in members {
            switch member.key {
            case "image": image = try parseImage(member.value, path: "\(path).image")
            case "referenceType":
                guard let text = member.value.stringValue else { throw reject("reference_type.invalid") }
                spelling = text
            case "inlineData": throw reject("image.inline_data")
            case "fileUri", "fileData": throw reject("image.file_uri")
            default: throw reject("body.unknown_field", ["field": member.key, "path": path])
            }
        }
        guard let image else { throw reject("image.empty") }
        let kind: ReferenceKind
        if let spelling {
            guard let parsed = ReferenceKind(rawValue: spelling.lowercased()) else {
                throw reject("reference_type.invalid")
            }
            kind = parsed
        } else {
            kind = .asset
        }
        return ReferenceInput(image: image, kind: kind, spelling: spelling)
    }

    private func parseVideo(_ value: JSONValue, path: String) throws(GoogleAPIError) -> VideoInput {
        guard case .object(let members) = value else { throw reject("value.invalid", ["path": path]) }
        let fields = profile.videoFields
        var uri: String?
        var encoded: Data?
        for member in members {
            if member.key == fields.reference {
                guard let text = member.value.stringValue else {
                    throw reject("value.invalid", ["path": "\(path).\(member.key)"])
                }
                uri = text
            } else if member.key == fields.bytes {
                guard let text = member.value.stringValue, let data = Self.decodeBase64(text) else {
                    throw reject("image.bad_base64", ["path": "\(path).\(Self.snakeCase(member.key))"])
                }
                encoded = data
            } else if fields.mimeType.contains(member.key) {
                guard member.value.stringValue != nil else { throw reject("value.invalid", ["path": "\(path).\(member.key)"]) }
            } else {
                throw reject("body.unknown_field", ["field": member.key, "path": path])
            }
        }
        if profile.acceptsGcsUri {
            // Vertex: bytes win when both are sent, as for images.
            if let encoded, !encoded.isEmpty { return .encoded(encoded) }
            if let uri, !uri.isEmpty { return .storage(uri) }
        } else {
            if let uri { return .uri(uri) }
            if let encoded { return .encoded(encoded) }
        }
        throw reject("value.invalid", ["path": path])
    }

    /// `encodedVideo` → `encoded_video`, as protobuf names fields in its errors.
    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { text, character in
            if character.isUppercase {
                text += "_" + character.lowercased()
            } else {
                text.append(character)
            }
        }
    }

    /// Standard base64 (the SDK's `b64encode`); URL-safe and unpadded text is accepted too,
    /// as protobuf's JSON parser does.
    static func decodeBase64(_ text: String) -> Data? {
        if let data = Data(base64Encoded: text) { return data }
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        normalized = normalized.filter { !$0.isWhitespace }
        let remainder = normalized.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { normalized += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: normalized)
    }
}
