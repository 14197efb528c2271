import Testing
@testable import StudioCore

/// Forms grey out what the registry forbids, with the reason.
struct ChoiceAdvisorTests {
    static let advisor = ChoiceAdvisor(validator: Fixtures.validator)

    static func draft(_ build: (inout GenerationDraft) -> Void = { _ in }) -> GenerationDraft {
        var draft = GenerationDraft()
        draft.provider = "gemini"
        draft.model = "veo-3.1-generate-preview"
        draft.prompt = "x"
        build(&draft)
        return draft
    }

    @Test func fourKIsGreyedOnLiteWithTheReason() {
        let choices = Self.advisor.choices(for: .resolution, draft: Self.draft { $0.model = "veo-3.1-lite-generate-preview" })
        #expect(choices.map(\.isAllowed) == [true, true, false])
        #expect(choices[2].blockedBy == "4k: not on Veo 3.1 Lite")
    }

    @Test func highResolutionNeedsEightSeconds() {
        let choices = Self.advisor.choices(for: .durationSeconds, draft: Self.draft { $0.resolution = "1080p" })
        #expect(choices.filter(\.isAllowed).map(\.value) == ["8"])
    }

    @Test func referenceImagesGreyOutModelsAndPortrait() {
        let draft = Self.draft { $0.references = [.init(path: "r.png")] }
        let media = ["referenceImages[0]": LoadedMedia(path: "r.png", data: TestImages.png(width: 8, height: 8))]
        let models = Self.advisor.choices(for: .model, draft: draft, media: media)
        #expect(models.first { $0.value == "veo-3.1-generate-preview" }?.isAllowed == true)
        #expect(models.first { $0.value == "veo-3.1-fast-generate-preview" }?.isAllowed == false)
        let aspect = Self.advisor.choices(for: .aspectRatio, draft: draft, media: media)
        #expect(aspect.map(\.isAllowed) == [true, false])
        #expect(aspect[1].blockedBy?.contains("16:9") == true)
    }
}
