/// The task relay's submit body (seeds/004): snake_case fields, reference images as 1–3 URLs with
/// one `reference_type` for the request (ASSET/STYLE), duration fixed at 8 s. Optional fields the
/// relay asks not to send "unless necessary" are sent only when the user set them.
struct TaskRelayRequestBody {
    let referenceTypeSpelling: [String: String]

    func body(for spec: GenerationSpec, uploader: ImageUploader) throws -> JSONValue {
        let draft = spec.draft
        var body: [String: JSONValue] = ["model": .string(spec.model), "prompt": .string(draft.prompt ?? "")]
        body["reference_image_urls"] = .array(try spec.references.enumerated().map { index, ref in
            .string(try uploader.url(of: ref.media, field: "referenceImages[\(index)]"))
        })
        body["duration"] = .number(Double(draft.durationSeconds ?? 8))
        func put(_ key: String, _ value: JSONValue?) { if let value { body[key] = value } }
        put("aspect_ratio", draft.aspectRatio.map(JSONValue.string))
        put("resolution", draft.resolution.map(JSONValue.string))
        put("generate_audio", draft.generateAudio.map(JSONValue.bool))
        put("enhance_prompt", draft.enhancePrompt.map(JSONValue.bool))
        put("person_generation", draft.personGeneration.map(JSONValue.string))
        put("auto_fix", draft.autoFix.map(JSONValue.bool))
        put("safety_level", draft.safetyLevel.map { .number(Double($0)) })
        // ASSET is the relay's default: the type is sent only for style images.
        if spec.references.contains(where: { $0.kind == .style }) {
            body["reference_type"] = .string(referenceTypeSpelling["style"] ?? "STYLE")
        }
        for (key, value) in draft.extraParameters { body[key] = value }
        return .object(body)
    }
}
