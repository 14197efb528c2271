/// The task relay's submit body (seeds/004): snake_case fields, reference images as 1–3 URLs with
/// one `reference_type` for the request (ASSET/STYLE), the duration always. Optional fields the
/// relay asks not to send "unless necessary" are sent only when the user set them (the catalog says which).
struct TaskRelayRequestBody {
    let referenceTypeSpelling: [String: String]

    func body(for spec: GenerationSpec, uploader: ImageUploader) throws -> JSONValue {
        var body: [String: JSONValue] = ["model": .string(spec.model), "prompt": .string(spec.draft.prompt ?? "")]
        body["reference_image_urls"] = .array(try spec.references.enumerated().map { index, ref in
            .string(try uploader.url(of: ref.media, field: "referenceImages[\(index)]"))
        })
        try WireParameterWriter(wire: .taskRelay).write(spec, into: &body)
        // ASSET is the relay's default: the type is sent only for style images.
        if spec.references.contains(where: { $0.kind == .style }) {
            body["reference_type"] = .string(referenceTypeSpelling["style"] ?? "STYLE")
        }
        return .object(body)
    }
}
