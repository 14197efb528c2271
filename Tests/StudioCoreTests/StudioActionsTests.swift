import Foundation
import Testing
@testable import StudioCore

/// What the studio's screens ask of the core: form fields as data, History's filters, delete,
/// cancel, and drafts for re-runs and extensions.
struct StudioActionsTests {
    @Test func formFieldsFollowModeAndProvider() {
        let registry = Fixtures.registry
        let text = registry.formFields(mode: .textToVideo, provider: "sandbox").map(\.id)
        #expect(text.first == "prompt" && !text.contains("image") && !text.contains("storageUri"))
        let vertexImage = registry.formFields(mode: .imageToVideo, provider: "vertex").map(\.id)
        #expect(vertexImage.contains("image") && vertexImage.contains("resizeMode") && vertexImage.contains("labels"))
        #expect(!registry.formFields(mode: .extendVideo, provider: "sandbox").map(\.id).contains("durationSeconds"),
                "a Veo extension is always 7 s")
        #expect(!registry.formFields(mode: .extendVideo, provider: "gemini", model: "veo-3.1-generate-preview").map(\.id).contains("durationSeconds"))
        #expect(registry.formFields(mode: .extendVideo, provider: "gemini").map(\.id).contains("durationSeconds"),
                "the Gemini API's default, Gemini Omni, adds the seconds asked for")
        #expect(ChoiceAdvisor.candidates(for: "durationSeconds", draft: { var d = GenerationDraft(); d.model = "veo-2.0"; return d }(),
                                         registry: registry) == ["5", "6", "7", "8"])
    }

    @Test func draftFieldsReadAndWriteAsText() {
        var draft = GenerationDraft()
        #expect(draft.set("durationSeconds", text: "6") == nil && draft.durationSeconds == 6)
        #expect(draft.set("seed", text: "12x")?.contains("not a whole number") == true && draft.seed == nil)
        #expect(draft.set("generateAudio", text: "off") == nil && draft.generateAudio == false)
        #expect(draft.set("labels", text: "team=promo, shot=12") == nil && draft.labels == ["team": "promo", "shot": "12"])
        #expect(draft.text(of: "labels") == "shot=12, team=promo")
        #expect(draft.set("labels", text: "broken") != nil && draft.labels.isEmpty, "a bad label list sets nothing")
        #expect(draft.set("video", text: "#12") == nil && draft.video == .generation(id: 12) && draft.text(of: "video") == "#12")
        draft.set("durationSeconds", text: "  ")
        #expect(draft.durationSeconds == nil, "blank unsets")
    }

    @Test func historyFiltersDeleteAndLibrary() async throws {
        let harness = try ServiceHarness()
        let provider = ScriptedProvider(polls: [ScriptedProvider.done()])
        let first = try await harness.service.submit(harness.prepare(prompt: "a red fox"), provider: provider)
        _ = try await harness.service.submit(harness.prepare(prompt: "a red boat") { $0.durationSeconds = 4 }, provider: provider)
        let journal = harness.journal
        #expect(try journal.history(matching: "red", filter: HistoryFilter(), limit: 10).count == 2)
        #expect(try journal.history(matching: "red", filter: HistoryFilter(status: .queued, age: .today), limit: 10, now: harness.clock.now()).count == 2)
        #expect(try journal.history(matching: "fox", filter: HistoryFilter(mode: .textToVideo), limit: 10).map(\.prompt) == ["a red fox"])
        #expect(try journal.history(matching: "", filter: HistoryFilter(mode: .referenceImages), limit: 10).isEmpty)
        #expect(try journal.knownModelsAndProviders().providers == ["gemini"])
        let id = try #require(first.id)
        try journal.delete(id)
        #expect(try journal.generation(id) == nil && (try journal.events(of: id)).isEmpty)
        #expect(try journal.search("fox", limit: 10).isEmpty, "the search index forgets it too")
    }

    @Test func cancelSaysWhetherItCanStillBeCharged() async throws {
        let harness = try ServiceHarness()
        let provider = ScriptedProvider(polls: [ScriptedProvider.running])
        let record = try await harness.service.submit(harness.prepare(), provider: provider)
        let id = try #require(record.id)
        let outcome = try harness.service.cancel(id)
        #expect(outcome.cancelled && outcome.message.contains("may still finish and be charged"))
        #expect(try harness.journal.generation(id)?.status == .cancelled)
        #expect(try harness.service.cancel(id).cancelled == false, "a cancelled job cannot be cancelled again")
        let tracked = try await harness.service.track(id, provider: provider)
        #expect(tracked.status == .cancelled, "tracking stops for a cancelled job")
    }

    @Test func rerunAndExtensionDrafts() async throws {
        let harness = try ServiceHarness()
        let provider = ScriptedProvider(polls: [ScriptedProvider.done()])
        let record = try await harness.service.submit(harness.prepare { $0.durationSeconds = 6 }, provider: provider)
        let id = try #require(record.id)
        let parent = try harness.service.parentDraft(of: id)
        #expect(parent.draft.durationSeconds == 6 && parent.draft.prompt == "a lighthouse in a storm")
        let extension_ = try harness.service.extensionDraft(of: id)
        #expect(extension_.video == .generation(id: id) && extension_.model == record.model && extension_.mode == .extendVideo)
        #expect(throws: StudioError.self) { try harness.service.parentDraft(of: 999) }
    }
}
