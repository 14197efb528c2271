import Testing
@testable import StudioCore

/// Every answer of veo-rules §6 is recognised; safety support codes name their category.
struct ExplainerTests {
    static let explainer = ErrorExplainer(registry: Fixtures.registry)

    static let answers: [(String, ServerAnswer.Stage, Int?, String)] = [
        ("Your use case is currently not supported. Please refer to Gemini API documentation for current model offering.", .submit, 400, "server.use_case_not_supported"),
        ("models/veo-3.1-generate-001 is not found", .submit, 404, "server.model_not_found"),
        ("models/veo-3.1-generate-preview is no longer available", .submit, 404, "server.model_shut_down"),
        ("`inlineData` isn't supported by this model.", .submit, 400, "server.inline_data"),
        ("`fileUri` isn't supported by this model.", .submit, 400, "server.file_uri"),
        ("Invalid JSON payload received. Unknown name \"image\": Cannot find field.", .submit, 400, "server.invalid_payload"),
        ("Invalid value at 'parameters.lastFrame'", .submit, 400, "server.last_frame_misplaced"),
        ("Invalid resize mode", .submit, 400, "server.resize_mode"),
        ("Invalid compression quality type: BEST", .submit, 400, "server.compression_quality"),
        ("No inputs provided", .submit, 400, "server.no_inputs"),
        ("Invalid referenceType", .submit, 400, "server.reference_type"),
        ("image is empty", .submit, 400, "server.image_empty"),
        ("Invalid resolution", .submit, 400, "server.resolution"),
        ("Unsupported output video duration 4 seconds, supported durations are [8] for feature reference_to_video.", .operation, nil, "server.duration"),
        ("Reference to video does not support this mix of reference images.", .operation, nil, "server.reference_mix"),
        ("Invalid sample count 6. The sample count should be in the range of [1, 4].", .operation, nil, "server.sample_count"),
        ("Service account x does not have storage.objects.create access to the bucket", .operation, nil, "server.bucket_permission"),
        ("Generated video is large, an output storage uri is required.", .operation, nil, "server.storage_uri_required"),
        ("Unsupported output storage uri", .submit, 400, "server.storage_uri_invalid"),
        ("request frequency exceeds the upper limit", .submit, 429, "quota.exceeded"),
        ("Resource has been exhausted (e.g. check quota).", .poll, 429, "quota.exceeded"),
        ("Internal error encountered.", .poll, 500, "server.internal"),
        ("The service is currently unavailable.", .poll, 503, "server.unavailable"),
        ("Request had invalid authentication credentials.", .submit, 401, "auth.unauthenticated"),
        ("API key not valid. Please pass a valid API key.", .submit, 400, "auth.key_invalid"),
    ]

    @Test(arguments: answers.indices)
    func explains(_ index: Int) {
        let (message, stage, status, code) = Self.answers[index]
        let explanation = Self.explainer.explain(ServerAnswer(stage: stage, httpStatus: status, message: message))
        #expect(explanation.code == code, "\(message)")
        #expect(!explanation.cause.isEmpty && !explanation.fix.isEmpty)
        #expect(explanation.retryable == ((status ?? 0) == 429 || (status ?? 0) >= 500))
    }

    @Test func useCaseNotSupportedListsTheLikelyCausesOfThisRequest() {
        var draft = GenerationDraft()
        draft.prompt = "x"
        let spec = GenerationSpec(draft: draft, provider: "gemini", model: "veo-3.1-fast-generate-preview",
                                  mode: .referenceImages,
                                  references: [ReferenceRef(media: MediaRef(sha256: "a", mimeType: "image/png", width: 1, height: 1,
                                                                            byteCount: 1, originalPath: "a"), kind: .asset)],
                                  effective: EffectiveParameters(durationSeconds: 8, aspectRatio: "9:16", resolution: "720p",
                                                                 sampleCount: 1, generateAudio: true))
        let explanation = Self.explainer.explain(
            ServerAnswer(stage: .submit, httpStatus: 400, message: "Your use case is currently not supported."), spec: spec)
        #expect(explanation.likelyCauses.contains { $0.contains("9:16") })
        #expect(explanation.likelyCauses.contains { $0.contains("Veo 3.1 Fast") })
    }

    @Test(arguments: [("58061214", "Children"), ("29310472", "Celebrity"), ("62263041", "Dangerous content"),
                      ("90789179", "Sexual content"), ("61493863", "Violence"), ("32635315", "Vulgar"),
                      ("92201652", "Personal information"), ("74803281", "Other")])
    func safetyCodes(_ code: String, _ category: String) {
        let findings = Self.explainer.explainSafety(reasons: ["The video was blocked. Support codes: \(code)"])
        #expect(findings.first?.category == category)
        #expect(findings.first?.supportCodes == [code])
    }

    @Test func unknownSupportCodeIsStillExplained() {
        let finding = Self.explainer.explainSafety(reasons: ["blocked, no code"]).first
        #expect(finding?.category == "Unspecified" && finding?.advice.isEmpty == false)
    }
}
