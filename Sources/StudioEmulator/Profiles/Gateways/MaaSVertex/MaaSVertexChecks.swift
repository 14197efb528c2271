import Foundation

/// The MaaS gateway's own creation-phase checks (seeds/003), made before the shared Vertex parser:
/// `durationSeconds` required, `generateAudio` required on `MaaS_Veo_3_generate_preview`,
/// `enhancePrompt` only on Veo 2 (no Veo 2 endpoint is served), `mimeType` on every media object.
struct MaaSVertexChecks {
    let rules: ServerRules
    let endpoint: String

    /// Endpoints that need `generateAudio`.
    static let audioRequired: Set<String> = ["MaaS_Veo_3_generate_preview"]

    private func reject(_ id: String, _ values: [String: String] = [:]) -> GoogleAPIError {
        GoogleAPIError(rule: rules.rule(id), values)
    }

    func check(_ body: Data) throws(GoogleAPIError) {
        // Malformed JSON is left to the shared parser, which answers Google's text.
        guard let json = try? JSONValue(parsing: body), json.isObject else { return }
        guard rules.models[endpoint] != nil else { return }
        let parameters = json["parameters"] ?? .null
        if parameters["durationSeconds"] == nil || parameters["durationSeconds"] == .null {
            throw reject("maas-vertex.duration.required")
        }
        if Self.audioRequired.contains(endpoint), parameters["generateAudio"] == nil || parameters["generateAudio"] == .null {
            throw reject("maas-vertex.generate_audio.required", ["model": endpoint])
        }
        if let enhance = parameters["enhancePrompt"], enhance != .null {
            throw reject("maas-vertex.enhance_prompt.unsupported", ["model": endpoint])
        }
        guard let instance = json["instances"]?.arrayValue?.first else { return }
        for key in ["image", "lastFrame"] {
            if let media = instance[key], media.isObject, media["mimeType"]?.stringValue == nil {
                throw reject("maas-vertex.mime_type.required", ["path": "instances[0].\(key)"])
            }
        }
        for (index, reference) in (instance["referenceImages"]?.arrayValue ?? []).enumerated() {
            if let media = reference["image"], media.isObject, media["mimeType"]?.stringValue == nil {
                throw reject("maas-vertex.mime_type.required", ["path": "instances[0].referenceImages[\(index)].image"])
            }
        }
    }
}
