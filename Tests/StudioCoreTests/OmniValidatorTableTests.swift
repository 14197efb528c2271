import Foundation
import Testing
@testable import StudioCore

/// Every Gemini Omni rule as a table (run by `ValidatorTableTests.rule`), and the warnings that send
/// Veo users on the Gemini API to Omni.
struct OmniValidatorTableTests {
    typealias Case = ValidatorTableTests.Case
    static let omni = "gemini-omni-1.1-flash"
    static let png = ValidatorTableTests.png
    /// The head of an MP4 (an `ftyp` box): enough for the loader to take it as one.
    static let mp4 = Data([0, 0, 0, 0x18] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2".utf8))
    static func parent(model: String = omni, status: JobStatus = .done, interaction: String? = "v1_parent",
                       provider: String = "gemini") -> ContinuationSource {
        ContinuationSource(generationID: 5, provider: provider, model: model, status: status, interactionID: interaction,
                           durationSeconds: 6, aspectRatio: "9:16", resolution: "720p")
    }

    static let cases: [Case] = [
        Case(name: "Omni text to video", model: omni),
        Case(name: "Omni 3 s", model: omni, build: { $0.durationSeconds = 3 }),
        Case(name: "Omni 2 s", model: omni, build: { $0.durationSeconds = 2 }, errors: ["duration.unsupported"]),
        Case(name: "Omni 11 s", model: omni, build: { $0.durationSeconds = 11 }, errors: ["duration.unsupported"]),
        Case(name: "Omni 360p", model: omni, build: { $0.resolution = "360p" }),
        Case(name: "Omni 4k at 5 s (no Veo 8 s rule)", model: omni, build: { $0.resolution = "4k"; $0.durationSeconds = 5 }),
        Case(name: "Omni 8k", model: omni, build: { $0.resolution = "8k" }, errors: ["resolution.unsupported"]),
        Case(name: "Omni preview is shut down and refused", model: "gemini-omni-flash-preview", errors: ["model.shut_down"]),
        Case(name: "Omni 1.2 text", model: "gemini-omni-1.2-flash"),
        Case(name: "Omni image to video", model: omni, build: { $0.image = "a.png" }, files: ["a.png": png]),
        Case(name: "Omni first and last frame at 5 s", model: omni, build: { $0.image = "a.png"; $0.lastFrame = "b.png"; $0.durationSeconds = 5 },
             files: ["a.png": png, "b.png": png]),
        Case(name: "Omni refs at 9:16 and 6 s (no Veo refs rules)", model: omni,
             build: { $0.references = [.init(path: "r1")]; $0.aspectRatio = "9:16"; $0.durationSeconds = 6; $0.prompt = "<IMAGE_REF_0> waves" },
             files: ["r1": png]),
        Case(name: "Omni five refs", model: omni, build: { $0.references = (1...5).map { .init(path: "r\($0)") } },
             files: ["r1": png, "r2": png, "r3": png, "r4": png, "r5": png]),
        Case(name: "Omni six refs", model: omni, build: { $0.references = (1...6).map { .init(path: "r\($0)") } },
             files: ["r1": png, "r2": png, "r3": png, "r4": png, "r5": png, "r6": png], errors: ["reference_images.too_many"]),
        Case(name: "Omni style ref", model: omni, build: { $0.references = [.init(path: "r1", kind: .style)] }, files: ["r1": png],
             errors: ["reference_images.style_unsupported"]),
        Case(name: "Omni three reference videos", model: omni, build: { $0.referenceVideos = ["files/a", "files/b", "files/c"] }),
        Case(name: "Omni four reference videos", model: omni, build: { $0.referenceVideos = ["files/a", "files/b", "files/c", "files/d"] },
             errors: ["reference_videos.too_many"]),
        Case(name: "Omni reference video of 4 s", model: omni, build: { $0.referenceVideos = ["r.mp4"] }, files: ["r.mp4": mp4],
             seconds: ["referenceVideos[0]": 4], errors: ["reference_videos.too_long"]),
        Case(name: "Omni reference video of 3 s", model: omni, build: { $0.referenceVideos = ["r.mp4"] }, files: ["r.mp4": mp4],
             seconds: ["referenceVideos[0]": 3]),
        Case(name: "a reference video that is no MP4", model: omni, build: { $0.referenceVideos = ["r.png"] }, files: ["r.png": png],
             errors: ["video.not_mp4"]),
        Case(name: "reference videos on Veo", build: { $0.referenceVideos = ["files/a"] }, errors: ["reference_videos.unsupported"]),
        Case(name: "Omni edit of 8 s", model: omni, build: { $0.video = .file(path: "v.mp4"); $0.edit = true }, files: ["v.mp4": mp4],
             seconds: ["video": 8]),
        Case(name: "Omni edit of 12 s", model: omni, build: { $0.video = .file(path: "v.mp4"); $0.edit = true }, files: ["v.mp4": mp4],
             seconds: ["video": 12], errors: ["edit.source_too_long"]),
        Case(name: "Omni edit without a prompt", model: omni, prompt: nil, build: { $0.video = .file(path: "v.mp4"); $0.edit = true },
             files: ["v.mp4": mp4], seconds: ["video": 5], errors: ["prompt.required"]),
        Case(name: "Omni upscale to 4k", model: omni, build: { $0.video = .file(path: "v.mp4"); $0.upscale = true; $0.resolution = "4k" },
             files: ["v.mp4": mp4], seconds: ["video": 8]),
        Case(name: "Omni upscale to 720p", model: omni, build: { $0.video = .file(path: "v.mp4"); $0.upscale = true; $0.resolution = "720p" },
             files: ["v.mp4": mp4], seconds: ["video": 8], errors: ["resolution.upscale"]),
        Case(name: "upscale on Veo", build: { $0.video = .file(path: "v.mp4"); $0.upscale = true }, files: ["v.mp4": mp4],
             errors: ["mode.unsupported"]),
        Case(name: "edit on Veo", build: { $0.video = .file(path: "v.mp4"); $0.edit = true }, files: ["v.mp4": mp4],
             errors: ["mode.unsupported"]),
        Case(name: "Omni extend 10 s + 8 s", model: omni, build: { $0.video = .file(path: "v.mp4") }, files: ["v.mp4": mp4],
             seconds: ["video": 10]),
        Case(name: "Omni extend 35 s + 8 s is over 40 s", model: omni, build: { $0.video = .file(path: "v.mp4") }, files: ["v.mp4": mp4],
             seconds: ["video": 35], errors: ["extension.output_too_long"]),
        Case(name: "Omni extend on Vertex takes at most 30 s in", provider: "vertex", model: omni,
             build: { $0.video = .file(path: "v.mp4"); $0.durationSeconds = 3 }, files: ["v.mp4": mp4], seconds: ["video": 32],
             errors: ["extension.input_too_long"]),
        Case(name: "Omni video upload in the EEA warns", model: omni, build: { $0.video = .file(path: "v.mp4"); $0.edit = true },
             files: ["v.mp4": mp4], seconds: ["video": 5], region: "eu", warnings: ["region.video_upload_unavailable"]),
        Case(name: "Omni text in the EEA", model: omni, region: "de"),
        Case(name: "Omni video upload in the US", model: omni, build: { $0.video = .file(path: "v.mp4"); $0.edit = true },
             files: ["v.mp4": mp4], seconds: ["video": 5], region: "us"),
        Case(name: "Omni delivery uri", model: omni, build: { $0.delivery = "uri" }),
        Case(name: "Omni delivery by mail", model: omni, build: { $0.delivery = "mail" }, errors: ["delivery.unsupported"]),
        Case(name: "Omni uri delivery on Vertex", provider: "vertex", model: omni, build: { $0.delivery = "uri" },
             errors: ["delivery.uri_needs_bucket"]),
        Case(name: "delivery on Veo", build: { $0.delivery = "inline" }, errors: ["parameter.omni_only"]),
        Case(name: "Omni two samples on Vertex", provider: "vertex", model: omni, build: { $0.sampleCount = 2 }, errors: ["samples.unsupported"]),
        Case(name: "Omni negative prompt", provider: "vertex", model: omni, build: { $0.negativePrompt = "rain" }, errors: ["parameter.not_on_omni"]),
        Case(name: "Omni seed on Vertex", provider: "vertex", model: omni, build: { $0.seed = 7 }, errors: ["parameter.not_on_omni"]),
        Case(name: "Omni on Vertex text", provider: "vertex", model: omni),
        Case(name: "refine a finished Omni job", model: omni, prompt: "Make the cat ginger.", build: { $0.continues = 5 },
             continuation: parent()),
        Case(name: "refine with no parent in the journal", model: omni, build: { $0.continues = 5 }, errors: ["refine.parent_unknown"]),
        Case(name: "refine a Veo job", model: omni, build: { $0.continues = 5 },
             continuation: parent(model: "veo-3.1-generate-preview"), errors: ["refine.parent_not_omni"]),
        Case(name: "refine a running job", model: omni, build: { $0.continues = 5 }, continuation: parent(status: .running),
             errors: ["refine.parent_not_done"]),
        Case(name: "refine a job without an interaction", model: omni, build: { $0.continues = 5 }, continuation: parent(interaction: nil),
             errors: ["refine.parent_without_interaction"]),
        Case(name: "refine on another provider", provider: "vertex", model: omni, build: { $0.continues = 5 },
             continuation: parent(provider: "gemini"), errors: ["refine.provider_mismatch"]),
        Case(name: "refine with an image", model: omni, build: { $0.continues = 5; $0.image = "a.png" }, files: ["a.png": png],
             continuation: parent(), errors: ["refine.inputs_not_taken"]),
        Case(name: "refine on Veo", build: { $0.continues = 5 }, continuation: parent(model: "veo-3.1-generate-preview"),
             errors: ["refine.parent_not_omni", "mode.unsupported"]),
    ]

    @Test(arguments: cases)
    func rule(_ testCase: Case) throws {
        try ValidatorTableTests().rule(testCase)
    }

    static func validate(_ build: (inout GenerationDraft) -> Void, continuation: ContinuationSource? = nil) -> ValidationReport {
        var draft = GenerationDraft()
        draft.prompt = "a red fox runs through snow"
        build(&draft)
        let (media, issues) = InputLoader().load(draft)
        return Fixtures.validator.validate(draft, media: media, loadIssues: issues, continuation: continuation)
    }

    @Test func veoOnTheGeminiAPIWarnsAndNamesOmniAsTheFix() throws {
        let report = Self.validate { $0.provider = "gemini"; $0.model = "veo-3.1-generate-preview" }
        #expect(report.isValid, "Veo requests stay possible")
        let warning = try #require(report.warnings.first { $0.code == "model.shut_down" })
        #expect(warning.message.contains("2026-10-22"))
        #expect(warning.fix.contains("gemini-omni-1.1-flash"))
    }

    @Test func theGeminiAPIsDefaultModelIsOmniAndVertexKeepsVeo() {
        #expect(Self.validate { $0.provider = "gemini" }.spec?.model == "gemini-omni-1.1-flash")
        #expect(Self.validate { $0.provider = "vertex" }.spec?.model == "veo-3.1-generate-001")
    }

    @Test func aVeoModelRefusesEditNamingOmni() throws {
        let report = Self.validate { $0.provider = "vertex"; $0.model = "veo-3.1-generate-001"; $0.video = .uri("gs://b/v.mp4"); $0.edit = true }
        let issue = try #require(report.errors.first { $0.code == "mode.unsupported" })
        #expect(issue.message.contains("video edit"))
        #expect(issue.fix.contains("gemini-omni-1.1-flash"))
    }

    @Test func theShutDownPreviewIsRefusedNamingItsReplacement() throws {
        let report = Self.validate { $0.provider = "gemini"; $0.model = "gemini-omni-flash-preview" }
        let issue = try #require(report.errors.first { $0.code == "model.shut_down" })
        #expect(issue.fix.contains("gemini-omni-1.1-flash"))
        #expect(issue.fix.contains("nothing was sent"))
    }

    @Test func aRefinementKeepsTheEarlierTurnsShapeAndSendsItsInteraction() throws {
        let report = Self.validate({ $0.provider = "gemini"; $0.continues = 5; $0.prompt = "Make it night." }, continuation: Self.parent())
        let spec = try #require(report.spec)
        #expect(spec.mode == .refine)
        #expect(spec.model == "gemini-omni-1.1-flash")
        #expect(spec.previousInteraction == "v1_parent")
        #expect(spec.effective.durationSeconds == 6)
        #expect(spec.effective.aspectRatio == "9:16")
    }

    @Test func anEditKeepsItsSourcesLengthUnlessTold() throws {
        let folder = TemporaryFolder()
        folder.write("v.mp4", Self.mp4)
        var draft = GenerationDraft()
        draft.provider = "gemini"
        draft.model = Self.omni
        draft.prompt = "Make it night."
        draft.video = .file(path: "v.mp4")
        draft.edit = true
        var (media, issues) = InputLoader(baseDirectory: folder.url).load(draft)
        media["video"]?.seconds = 4.2
        let report = Fixtures.validator.validate(draft, media: media, loadIssues: issues)
        #expect(report.spec?.effective.durationSeconds == 4)
        #expect(report.cost?.usd == 0.4)
        draft.durationSeconds = 6
        #expect(Fixtures.validator.validate(draft, media: media, loadIssues: issues).spec?.effective.durationSeconds == 6)
    }

    @Test func omniPricesTheSecondsAskedForAndAnExtensionTheSecondsItAdds() throws {
        let text = Self.validate { $0.provider = "gemini"; $0.model = "gemini-omni-1.1-flash"; $0.durationSeconds = 5 }
        #expect(text.cost?.usd == 0.5)
        #expect(text.cost?.source.contains("third-party") == true)
        let extend = Self.validate { $0.provider = "gemini"; $0.model = "gemini-omni-1.1-flash"; $0.durationSeconds = 4
            $0.video = .uri("files/abc") }
        #expect(extend.cost?.billedSeconds == 4)
    }
}
