import Foundation

extension GenerationDraft {
    /// A field's value as a form shows it (`8`, `on`, `key=value, …`), nil when unset.
    public func text(of field: String) -> String? {
        switch field {
        case "provider", "endpoint": return provider
        case "model": return model
        case "prompt": return prompt
        case "negativePrompt": return negativePrompt
        case "image": return image
        case "lastFrame": return lastFrame
        case "referenceImages":
            return references.isEmpty ? nil : references.map { "\(($0.path as NSString).lastPathComponent)\($0.kind == .style ? " (style)" : "")" }.joined(separator: ", ")
        case "video":
            switch video {
            case .generation(let id)?: return "#\(id)"
            case .uri(let uri)?: return uri
            case .file(let path)?: return path
            case nil: return nil
            }
        case "aspectRatio": return aspectRatio
        case "resolution": return resolution
        case "durationSeconds": return durationSeconds.map(String.init)
        case "sampleCount": return sampleCount.map(String.init)
        case "seed": return seed.map(String.init)
        case "generateAudio": return generateAudio.map { $0 ? "on" : "off" }
        case "personGeneration": return personGeneration
        case "enhancePrompt": return enhancePrompt.map { $0 ? "on" : "off" }
        case "compressionQuality": return compressionQuality
        case "resizeMode": return resizeMode
        case "storageUri": return storageUri
        case "fps": return fps.map(String.init)
        case "pubsubTopic": return pubsubTopic
        case "safetyLevel": return safetyLevel.map(String.init)
        case "autoFix": return autoFix.map { $0 ? "on" : "off" }
        case "delivery": return delivery
        case "referenceVideos": return referenceVideos.flatMap { $0.isEmpty ? nil : $0.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ") }
        case "labels": return labels.isEmpty ? nil : labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        default:
            let value = catalogValues?[field] ?? extraParameters[field]
            switch value {
            case .bool(let flag)?: return flag ? "on" : "off"
            case .number(let number)?: return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            default: return value.map { $0.stringValue ?? $0.encodedString() }
            }
        }
    }

    /// Sets a field from text (nil or blank: unset). Returns what is wrong with the text, if anything;
    /// the field is then left unset, never half-set.
    @discardableResult
    public mutating func set(_ field: String, text raw: String?) -> String? {
        set(field, text: raw, catalog: ParameterCatalog.bundled)
    }

    /// `set`, with the parameters of `catalog` that have no field of their own kept by name and type.
    @discardableResult
    public mutating func set(_ field: String, text raw: String?, catalog: ParameterCatalog?) -> String? {
        let text = raw.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        func number<T: FixedWidthInteger>(_ type: T.Type) -> (T?, String?) {
            guard let text else { return (nil, nil) }
            guard let value = T(text.trimmingCharacters(in: .whitespaces)) else { return (nil, "\(field): \"\(text)\" is not a whole number") }
            return (value, nil)
        }
        func toggle() -> (Bool?, String?) {
            switch text?.lowercased() {
            case nil: return (nil, nil)
            case "on", "true", "yes": return (true, nil)
            case "off", "false", "no": return (false, nil)
            default: return (nil, "\(field): say on or off")
            }
        }
        var problem: String?
        switch field {
        case "provider", "endpoint": provider = text
        case "model": model = text
        case "prompt": prompt = raw.flatMap { $0.isEmpty ? nil : $0 }
        case "negativePrompt": negativePrompt = text
        case "image": image = text
        case "lastFrame": lastFrame = text
        case "video": video = text.map { VideoInput.parse($0.hasPrefix("#") ? String($0.dropFirst()) : $0) }
        case "aspectRatio": aspectRatio = text
        case "resolution": resolution = text
        case "durationSeconds": (durationSeconds, problem) = number(Int.self)
        case "sampleCount": (sampleCount, problem) = number(Int.self)
        case "seed": (seed, problem) = number(Int64.self)
        case "fps": (fps, problem) = number(Int.self)
        case "safetyLevel": (safetyLevel, problem) = number(Int.self)
        case "autoFix": (autoFix, problem) = toggle()
        case "generateAudio": (generateAudio, problem) = toggle()
        case "enhancePrompt": (enhancePrompt, problem) = toggle()
        case "personGeneration": personGeneration = text
        case "compressionQuality": compressionQuality = text
        case "resizeMode": resizeMode = text
        case "storageUri": storageUri = text
        case "pubsubTopic": pubsubTopic = text
        case "delivery": delivery = text?.lowercased()
        case "labels":
            var parsed: [String: String] = [:]
            for pair in (text ?? "").split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty else {
                    problem = "labels: \"\(pair.trimmingCharacters(in: .whitespaces))\" is not key=value"
                    parsed = [:]
                    break
                }
                parsed[parts[0]] = parts[1]
            }
            labels = parsed
        default:
            if let parameter = catalog?.parameter(named: field) {
                let (value, refusal) = parameter.value(from: text)
                problem = refusal
                var values = catalogValues ?? [:]
                values[field] = value
                catalogValues = values.isEmpty ? nil : values
            } else {
                extraParameters[field] = text.map(JSONValue.string)
            }
        }
        return problem
    }
}

extension GenerationDraft {
    /// Takes every field `other` sets (a preset over a draft): the fields of the form, the inputs, labels and extra parameters.
    public mutating func overlay(_ other: GenerationDraft) {
        for field in Self.overlaidFields {
            if let text = other.text(of: field) { set(field, text: text) }
        }
        if !other.references.isEmpty { references = other.references }
        if let video = other.video { self.video = video }
        if let referenceVideos = other.referenceVideos, !referenceVideos.isEmpty { self.referenceVideos = referenceVideos }
        for (key, value) in other.labels { labels[key] = value }
        for (key, value) in other.extraParameters { extraParameters[key] = value }
        for (key, value) in other.catalogValues ?? [:] { catalogValues = (catalogValues ?? [:]).merging([key: value]) { $1 } }
    }

    /// The fields `overlay` copies as text.
    static let overlaidFields = ["provider", "model", "prompt", "negativePrompt", "image", "lastFrame", "aspectRatio", "resolution",
                                 "durationSeconds", "sampleCount", "seed", "generateAudio", "personGeneration", "enhancePrompt",
                                 "compressionQuality", "resizeMode", "storageUri", "fps", "pubsubTopic", "safetyLevel", "autoFix", "delivery"]
}
