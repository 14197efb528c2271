import Foundation
import Testing
@testable import StudioCore

/// One provider id, two wire protocols: each request, poll and download goes to the right one.
struct ModelWireRouterTests {
    static let staging = FileManager.default.temporaryDirectory
    static let router = ModelWireRouter(
        predict: GeminiAPIProvider(id: "gemini", apiKey: "k", baseURL: "http://127.0.0.1:9"),
        interactions: OmniInteractionsProvider(id: "gemini", endpoint: InteractionsEndpoint(baseURL: "http://127.0.0.1:9"),
                                               credentials: .apiKey("k"), stagingDirectory: staging)
    ) { Fixtures.registry.usesInteractions(model: $0, provider: "gemini") }

    static func spec(model: String) -> GenerationSpec {
        var draft = GenerationDraft()
        draft.prompt = "x"
        return GenerationSpec(draft: draft, provider: "gemini", model: model, mode: .textToVideo,
                              effective: EffectiveParameters(durationSeconds: 8, aspectRatio: "16:9", resolution: "720p",
                                                             sampleCount: 1, generateAudio: true))
    }

    @Test func requestsGoByModel() throws {
        let omni = try Self.router.submitRequest(for: Self.spec(model: "gemini-omni-1.1-flash"), media: GoldenWireTests.media)
        #expect(omni.url == "http://127.0.0.1:9/v1beta/interactions")
        let veo = try Self.router.submitRequest(for: Self.spec(model: "veo-3.1-generate-preview"), media: GoldenWireTests.media)
        #expect(veo.url == "http://127.0.0.1:9/v1beta/models/veo-3.1-generate-preview:predictLongRunning")
    }

    @Test func jobsAreTrackedByTheirJournaledProtocolNeverByTheirOperationName() throws {
        var record = GenerationRecord(createdAt: Date(), updatedAt: Date(), provider: "gemini", model: "veo-3.1-generate-preview",
                                      mode: .textToVideo, status: .running, prompt: "x", specJSON: "{}")
        // An interaction id looks nothing like a Veo operation, yet the journal, not the name, decides.
        record.operationName = "v1_UlG05sq33uDGlXIvSja9g75w"
        record.wire = WireProtocol.geminiPredict.rawValue
        #expect(GenerationService.provider(Self.router, for: record) is GeminiAPIProvider)
        record.operationName = "models/veo-3.1-generate-preview/operations/op1"
        record.wire = WireProtocol.interactions.rawValue
        #expect(GenerationService.provider(Self.router, for: record) is OmniInteractionsProvider)
        // A wire this build does not know: the model decides, as it did for the submit.
        record.wire = "retired-wire"
        record.model = "gemini-omni-1.1-flash"
        #expect(GenerationService.provider(Self.router, for: record) is OmniInteractionsProvider)
        record.model = "veo-3.1-generate-preview"
        #expect(GenerationService.provider(Self.router, for: record) is GeminiAPIProvider)
        #expect(Self.router.interactions.endpoint.interactionURL("interactions/v1_abc") == "http://127.0.0.1:9/v1beta/interactions/v1_abc?stream=false")
    }

    @Test func veoHasNoCancelOnTheService() async throws {
        #expect(try await Self.router.cancel(operation: "models/veo-3.1-generate-preview/operations/op1") == false)
    }
}
