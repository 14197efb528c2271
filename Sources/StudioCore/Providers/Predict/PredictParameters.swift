/// The `parameters` object of a `:predictLongRunning` body: only what the draft sets,
/// with the wire's names and enum spellings (shared by the Gemini API and Vertex encoders).
enum PredictParameters {
    static func build(_ draft: GenerationDraft) -> [String: JSONValue] {
        var parameters: [String: JSONValue] = [:]
        func put(_ key: String, _ value: JSONValue?) { if let value { parameters[key] = value } }
        put("sampleCount", draft.sampleCount.map { .number(Double($0)) })
        put("durationSeconds", draft.durationSeconds.map { .number(Double($0)) })
        put("aspectRatio", draft.aspectRatio.map(JSONValue.string))
        put("resolution", draft.resolution.map(JSONValue.string))
        put("personGeneration", draft.personGeneration.map(JSONValue.string))
        put("negativePrompt", draft.negativePrompt.map(JSONValue.string))
        put("enhancePrompt", draft.enhancePrompt.map(JSONValue.bool))
        put("storageUri", draft.storageUri.map(JSONValue.string))
        put("fps", draft.fps.map { .number(Double($0)) })
        put("seed", draft.seed.map { .number(Double($0)) })
        put("pubsubTopic", draft.pubsubTopic.map(JSONValue.string))
        put("generateAudio", draft.generateAudio.map(JSONValue.bool))
        put("compressionQuality", draft.compressionQuality.map { .string($0.uppercased()) })
        put("resizeMode", draft.resizeMode.map { .string($0.uppercased()) })
        for (key, value) in draft.extraParameters { parameters[key] = value }
        return parameters
    }
}
