/// The OpenAI-style relay's submit body (seeds/001): `model`, `prompt`, `image` as bare base64
/// (no `data:` prefix), and the Veo fields under `metadata` with Google's camelCase names;
/// reference and last-frame images are bare base64 too.
struct OpenAIRelayRequestBody {
    let referenceTypeSpelling: [String: String]

    func body(for spec: GenerationSpec, media: MediaSource) throws -> JSONValue {
        var body: [String: JSONValue] = ["model": .string(spec.model), "prompt": .string(spec.draft.prompt ?? "")]
        if let image = spec.image { body["image"] = .string(try media.base64(for: image)) }
        var metadata: [String: JSONValue] = [:]
        let draft = spec.draft
        func put(_ key: String, _ value: JSONValue?) { if let value { metadata[key] = value } }
        put("aspectRatio", draft.aspectRatio.map(JSONValue.string))
        put("durationSeconds", draft.durationSeconds.map { .number(Double($0)) })
        put("negativePrompt", draft.negativePrompt.map(JSONValue.string))
        put("personGeneration", draft.personGeneration.map(JSONValue.string))
        put("resolution", draft.resolution.map(JSONValue.string))
        put("sampleCount", draft.sampleCount.map { .number(Double($0)) })
        put("storageUri", draft.storageUri.map(JSONValue.string))
        put("seed", draft.seed.map { .number(Double($0)) })
        put("generateAudio", draft.generateAudio.map(JSONValue.bool))
        if let last = spec.lastFrame { metadata["lastFrame"] = .string(try media.base64(for: last)) }
        if !spec.references.isEmpty {
            metadata["referenceImages"] = .array(try spec.references.map { ref in
                .object(["image": .string(try media.base64(for: ref.media)),
                         "referenceType": .string(referenceTypeSpelling[ref.kind.rawValue] ?? ref.kind.rawValue)])
            })
        }
        for (key, value) in draft.extraParameters { metadata[key] = value }
        body["metadata"] = .object(metadata)
        return .object(body)
    }
}
