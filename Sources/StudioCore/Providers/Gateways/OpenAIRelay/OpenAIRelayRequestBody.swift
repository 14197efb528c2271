/// The OpenAI-style relay's submit body (seeds/001): `model`, `prompt`, `image` as bare base64
/// (no `data:` prefix), and the Veo fields under `metadata` with Google's camelCase names;
/// reference and last-frame images are bare base64 too.
struct OpenAIRelayRequestBody {
    let referenceTypeSpelling: [String: String]

    func body(for spec: GenerationSpec, media: MediaSource) throws -> JSONValue {
        var body: [String: JSONValue] = ["model": .string(spec.model), "prompt": .string(spec.draft.prompt ?? "")]
        if let image = spec.image { body["image"] = .string(try media.base64(for: image)) }
        var metadata: [String: JSONValue] = [:]
        if let last = spec.lastFrame { metadata["lastFrame"] = .string(try media.base64(for: last)) }
        if !spec.references.isEmpty {
            metadata["referenceImages"] = .array(try spec.references.map { ref in
                .object(["image": .string(try media.base64(for: ref.media)),
                         "referenceType": .string(referenceTypeSpelling[ref.kind.rawValue] ?? ref.kind.rawValue)])
            })
        }
        body["metadata"] = .object(metadata)
        try WireParameterWriter(wire: .openAIRelay).write(spec, into: &body)
        return .object(body)
    }
}
