import Foundation
import Logging
import Testing
import StudioEmulator
@testable import StudioCore

/// Gemini Omni end to end against the emulator's interactions profile (written from the API's
/// documents and the SDK's traffic, not from this client): every mode, uploads, uri delivery,
/// refinements two turns deep, cancel, failures explained, and a restart that never submits twice.
@Suite(.serialized)
struct OmniEndToEndTests {
    static let speed = 2000.0
    static let key = "omni-test-key-5d1e8b"
    static let omni = "gemini-omni-1.1-flash"

    struct Stack {
        let folder: TemporaryFolder
        let server: EmulatorServer
        let app: StudioApp
        let service: GenerationService
        let baseURL: String
        /// The sandbox as the app builds it: Veo and Omni behind one provider id.
        let provider: VideoProvider

        static func start(region: String? = nil, speed: Double = OmniEndToEndTests.speed) async throws -> Stack {
            let folder = TemporaryFolder()
            var options = EmulatorOptions()
            options.speed = speed
            options.seed = 17
            options.requestsPerMinute = 1000
            let server = EmulatorServer(options: options, logger: Logger(label: "test.emulator"))
            let url = try await server.start()
            let app = try TestApp.open(folder)
            var service = try app.service(policy: TestApp.policy())
            service.region = region
            let (provider, _) = try await app.provider("sandbox", baseURL: url.absoluteString)
            folder.write("first.png", TestImages.png(width: 64, height: 36))
            folder.write("last.png", TestImages.png(width: 64, height: 36, rgb: (20, 90, 200)))
            folder.write("ref.png", TestImages.png(width: 40, height: 40, rgb: (10, 200, 10)))
            return Stack(folder: folder, server: server, app: app, service: service, baseURL: url.absoluteString, provider: provider)
        }

        func prepare(_ build: (inout GenerationDraft) -> Void) -> PreparedGeneration {
            var draft = GenerationDraft()
            draft.provider = "sandbox"
            draft.model = OmniEndToEndTests.omni
            build(&draft)
            return service.prepare(draft, loader: InputLoader(baseDirectory: folder.url))
        }

        func submit(_ build: (inout GenerationDraft) -> Void) async throws -> GenerationRecord {
            let prepared = prepare(build)
            #expect(prepared.report.isValid, "\(prepared.report.errors.map(\.line))")
            return try await service.submit(prepared, provider: provider)
        }

        func run(_ build: (inout GenerationDraft) -> Void) async throws -> GenerationRecord {
            let submitted = try await submit(build)
            guard submitted.status == .queued else { return submitted }
            return try await service.track(try #require(submitted.id), provider: provider, latencyScale: 1 / OmniEndToEndTests.speed)
        }

        /// The emulator's log of requests whose path ends so, oldest first.
        func requests(pathSuffix: String, method: String = "POST") async throws -> [StudioCore.JSONValue] {
            let list = try await HTTPTransport().sendJSON(WireRequest(method: "GET", url: "\(baseURL)/_emulator/requests", headers: [], body: nil),
                                                          stage: .poll)
            return (list.arrayValue ?? list["requests"]?.arrayValue ?? []).filter {
                ($0["path"]?.stringValue ?? "").hasSuffix(pathSuffix) && $0["method"]?.stringValue == method
            }
        }

        func stop() async { await server.stop() }
    }

    func expectDone(_ record: GenerationRecord, _ stack: Stack, mode: GenerationMode) throws {
        #expect(record.status == .done, "\(mode): \(record.errorMessage ?? "") \(record.errorExplanation ?? "")")
        #expect(record.mode == mode)
        let outputs = try stack.service.journal.outputs(of: try #require(record.id))
        #expect(outputs.count == 1)
        for output in outputs { try TemporaryFolder.expectWholeMP4(output) }
        for output in outputs where output.remoteURI?.hasPrefix(OmniInteractionsProvider.inlineScheme) == true {
            #expect(output.remoteLabel == "inline in the service's answer", "an inline video is named for people, not by its staging name")
        }
        #expect(record.wireProtocol == .interactions, "the journal records the protocol that took it")
        #expect(!(record.requestJSON ?? "").contains(Self.key), "the key never reaches the journal")
        #expect(record.operationName?.contains("/operations/") == false, "the interaction id is the operation name")
    }

    @Test func textImageFramesAndReferencesEachMakeAVideo() async throws {
        let stack = try await Stack.start()
        defer { Task { await stack.stop() } }
        let text = try await stack.run { $0.prompt = "A red ball rolls across a white table."; $0.durationSeconds = 5; $0.aspectRatio = "9:16" }
        try expectDone(text, stack, mode: .textToVideo)
        let image = try await stack.run { $0.prompt = "The suitcase opens."; $0.image = "first.png" }
        try expectDone(image, stack, mode: .imageToVideo)
        let frames = try await stack.run { $0.prompt = "The camera circles the bench."; $0.image = "first.png"; $0.lastFrame = "last.png" }
        try expectDone(frames, stack, mode: .firstLastFrame)
        let clip = try #require(try stack.service.journal.outputs(of: text.id ?? 0).first?.path)
        let tooLong = stack.prepare { $0.prompt = "<IMAGE_REF_0> moves like <VIDEO_REF_0>."
            $0.references = [.init(path: "ref.png")]; $0.referenceVideos = [clip] }
        if FFmpegTool.locate() != nil {
            #expect(tooLong.report.errors.map(\.code) == ["reference_videos.too_long"], "a 5 s reference video is refused before sending")
        } else {
            #expect(tooLong.report.warnings.map(\.code).contains("reference_videos.unmeasured"), "without ffprobe the unchecked length is said")
        }

        let creates = try await stack.requests(pathSuffix: "/v1beta/interactions")
        let tasks = creates.compactMap { $0["body"]?["generation_config"]?["video_config"]?["task"]?.stringValue }
        #expect(tasks.prefix(3) == ["text_to_video", "image_to_video", "image_to_video"])
        #expect(creates.first?["body"]?["response_format"]?["duration"] == .string("5s"))
        #expect(creates.first?["body"]?["background"] == .bool(true))
        #expect(creates.allSatisfy { $0["query"]?.encodedString().contains("key") != true }, "the key travels in a header only")
    }

    @Test func vertexAIServesOmniUnderItsProjectWithABearerToken() async throws {
        let stack = try await Stack.start()
        defer { Task { await stack.stop() } }
        let (provider, _) = try await stack.app.provider("vertex-sandbox", baseURL: stack.baseURL)
        for build in [{ (draft: inout GenerationDraft) in draft.prompt = "A lantern at dusk." },
                      { (draft: inout GenerationDraft) in draft.prompt = "The suitcase opens."; draft.image = "first.png" }] {
            var draft = GenerationDraft()
            draft.provider = "vertex-sandbox"
            draft.model = Self.omni
            build(&draft)
            let prepared = stack.service.prepare(draft, loader: InputLoader(baseDirectory: stack.folder.url))
            #expect(prepared.report.isValid, "\(prepared.report.errors.map(\.line))")
            let submitted = try await stack.service.submit(prepared, provider: provider)
            let record = try await stack.service.track(try #require(submitted.id), provider: provider, latencyScale: 1 / Self.speed)
            try expectDone(record, stack, mode: draft.image == nil ? .textToVideo : .imageToVideo)
        }
        let creates = try await stack.requests(pathSuffix: "/v1beta1/projects/sandbox/locations/\(VertexSettings.defaultLocation)/interactions")
        #expect(creates.count == 2, "both creates went to Vertex AI's interactions under the project")
        #expect(creates.allSatisfy { $0["headers"]?["authorization"]?.stringValue?.hasPrefix("<redacted") == true },
                "with a Bearer token")
    }

    @Test func referencesWithAShortReferenceVideoUploadedThroughTheFilesAPI() async throws {
        let stack = try await Stack.start()
        defer { Task { await stack.stop() } }
        let short = try await stack.run { $0.prompt = "A short sweep."; $0.durationSeconds = 3 }
        try expectDone(short, stack, mode: .textToVideo)
        let clip = try #require(try stack.service.journal.outputs(of: short.id ?? 0).first?.path)
        let references = try await stack.run { $0.prompt = "A robot <IMAGE_REF_0> does the moves of <VIDEO_REF_0>."
            $0.references = [.init(path: "ref.png")]; $0.referenceVideos = [clip] }
        try expectDone(references, stack, mode: .referenceImages)
        let uploads = try await stack.requests(pathSuffix: "/upload/v1beta/files")
        #expect(uploads.count == 2, "one upload: its start and its finalize")
        #expect(uploads.first?["headers"]?["x-goog-api-key"] != nil, "the start carries the key")
        #expect(uploads.last?["headers"]?["x-goog-api-key"] == nil, "the upload URL is the capability: no key is sent to it")
        let create = try #require(try await stack.requests(pathSuffix: "/v1beta/interactions").last)
        let blocks = create["body"]?["input"]?[0]?["content"]?.arrayValue ?? []
        #expect(blocks.map { $0["type"]?.stringValue ?? "" } == ["text", "image", "video"])
        #expect(blocks.last?["uri"]?.stringValue?.contains("/files/") == true)
    }

    @Test func extendAndEditAGenerationsVideo() async throws {
        let stack = try await Stack.start()
        defer { Task { await stack.stop() } }
        let source = try await stack.run { $0.prompt = "A dog sits by the office door."; $0.durationSeconds = 5 }
        try expectDone(source, stack, mode: .textToVideo)
        let sourceID = try #require(source.id)
        let extended = try await stack.run { $0.prompt = "The dog runs in and barks."; $0.video = .generation(id: sourceID); $0.durationSeconds = 4 }
        try expectDone(extended, stack, mode: .extendVideo)
        #expect(extended.parentID == sourceID && extended.parentKind == "extend")
        #expect(extended.outputSeconds == 9, "5 s in, 4 s added")
        let edited = try await stack.run { $0.prompt = "Make it night. Keep everything else the same."
            $0.video = .generation(id: sourceID); $0.edit = true }
        try expectDone(edited, stack, mode: .edit)
        #expect(edited.parentKind == "edit")
        #expect(try await stack.requests(pathSuffix: "/upload/v1beta/files").count == 4, "each video input goes up once (start and finalize)")
        let tasks = try await stack.requests(pathSuffix: "/v1beta/interactions")
            .compactMap { $0["body"]?["generation_config"]?["video_config"]?["task"]?.stringValue }
        #expect(tasks == ["text_to_video", "extend", "edit"])
    }

    @Test func upscaleAGenerationsVideoTo1080p() async throws {
        let stack = try await Stack.start()
        defer { Task { await stack.stop() } }
        let source = try await stack.run { $0.prompt = "A kite over the dunes."; $0.durationSeconds = 4 }
        try expectDone(source, stack, mode: .textToVideo)
        let sourceID = try #require(source.id)
        let upscaled = try await stack.run { $0.prompt = "Upscale it."; $0.video = .generation(id: sourceID)
            $0.upscale = true; $0.resolution = "1080p" }
        try expectDone(upscaled, stack, mode: .upscale)
        #expect(upscaled.parentID == sourceID && upscaled.parentKind == "upscale")
        let last = try #require(try await stack.requests(pathSuffix: "/v1beta/interactions").last)
        #expect(last["body"]?["generation_config"]?["video_config"]?["task"]?.stringValue == "upscale")
        #expect(last["body"]?["response_format"]?["resolution"]?.stringValue == "1080p")
    }

    @Test func refineTwoTurnsDeepKeepsTheLineage() async throws {
        let stack = try await Stack.start()
        defer { Task { await stack.stop() } }
        let first = try await stack.run { $0.prompt = "A black cat on a sofa."; $0.durationSeconds = 4 }
        try expectDone(first, stack, mode: .textToVideo)
        let second = try await stack.run { $0.prompt = "Make the cat ginger."; $0.model = nil; $0.continues = first.id }
        try expectDone(second, stack, mode: .refine)
        let third = try await stack.run { $0.prompt = "Now add a hat."; $0.model = nil; $0.continues = second.id }
        try expectDone(third, stack, mode: .refine)
        #expect(second.parentID == first.id && second.parentKind == "refine")
        #expect(third.parentID == second.id && third.parentKind == "refine")
        let chain = try stack.service.refinementChain(of: try #require(third.id))
        #expect(chain.map(\.record.id) == [first.id, second.id, third.id])
        #expect(chain.map(\.previousInteraction) == [nil, first.operationName, second.operationName])
        let creates = try await stack.requests(pathSuffix: "/v1beta/interactions")
        #expect(creates.map { $0["body"]?["previous_interaction_id"]?.stringValue } == [nil, first.operationName, second.operationName])
        #expect(creates[1]["body"]?["input"] == .string("Make the cat ginger."))
        #expect(creates[1]["body"]?["response_format"] == nil, "the earlier turn's format carries over")
        #expect(third.costEstimateUSD == 0.4, "a refinement is priced at the earlier turn's 4 s")
    }

    @Test func uriDeliveryIsDownloadedFromTheFilesAPI() async throws {
        let stack = try await Stack.start()
        defer { Task { await stack.stop() } }
        let record = try await stack.run { $0.prompt = "A paper boat on a rainy street."; $0.delivery = "uri"; $0.resolution = "360p" }
        try expectDone(record, stack, mode: .textToVideo)
        let output = try #require(try stack.service.journal.outputs(of: record.id ?? 0).first)
        #expect(output.remoteURI?.contains("/files/") == true)
        #expect(try await stack.requests(pathSuffix: ":download", method: "GET").count == 1)
        let create = try #require(try await stack.requests(pathSuffix: "/v1beta/interactions").first)
        #expect(create["body"]?["response_format"]?["delivery"] == .string("uri"))
    }

    @Test func cancelStopsTheInteractionOnTheService() async throws {
        // At real pace the interaction is still running when the cancel arrives.
        let stack = try await Stack.start(speed: 1)
        defer { Task { await stack.stop() } }
        let submitted = try await stack.submit { $0.prompt = "A long slow pan over mountains."; $0.durationSeconds = 10 }
        let id = try #require(submitted.id)
        #expect(submitted.status == .queued)
        let outcome = try await stack.service.cancel(id, provider: stack.provider)
        #expect(outcome.cancelled, "\(outcome.message)")
        #expect(outcome.message.contains("the service cancelled"))
        #expect(try stack.service.journal.generation(id)?.status == .cancelled)
        #expect(try await stack.requests(pathSuffix: "/cancel").count == 1)
        let again = try await stack.service.cancel(id, provider: stack.provider)
        #expect(!again.cancelled && again.message.contains("already cancelled"))
    }

    @Test func aFailedJobAndAnEmptyOneAreExplained() async throws {
        let stack = try await Stack.start()
        defer { Task { await stack.stop() } }
        let failed = try await stack.run { $0.prompt = "[[op_error]] a lighthouse" }
        #expect(failed.status == .failed)
        #expect(failed.errorMessage?.isEmpty == false)
        #expect(failed.errorExplanation?.isEmpty == false)

        let refused = try await stack.run { $0.prompt = "[[submit_error]] a lighthouse" }
        #expect(refused.status == .failed)
        #expect(refused.errorMessage?.hasPrefix("HTTP 400 INVALID_ARGUMENT") == true, "\(refused.errorMessage ?? "")")
        #expect(refused.operationName == nil, "refused at submit: no interaction")

        let source = try await stack.run { $0.prompt = "A tram passes."; $0.durationSeconds = 4 }
        try expectDone(source, stack, mode: .textToVideo)
        let sourceID = try #require(source.id)
        let empty = try await stack.run { $0.prompt = "[[region]] make it snow"; $0.video = .generation(id: sourceID); $0.edit = true }
        #expect(empty.status == .failed)
        #expect(empty.errorCode == "omni.empty_output")
        #expect(empty.errorExplanation?.contains("region") == true)
    }

    @Test func theRegionWarningIsShownBeforeSending() async throws {
        let stack = try await Stack.start(region: "uk")
        defer { Task { await stack.stop() } }
        let source = try await stack.run { $0.prompt = "A tram passes."; $0.durationSeconds = 4 }
        let prepared = stack.prepare { $0.prompt = "Make it snow."; $0.video = .generation(id: source.id ?? 0); $0.edit = true }
        #expect(prepared.report.warnings.contains { $0.code == "region.video_upload_unavailable" })
    }

    @Test func aRestartResumesTrackingAndNeverSubmitsTwice() async throws {
        let stack = try await Stack.start()
        defer { Task { await stack.stop() } }
        let submitted = try await stack.submit { $0.prompt = "A kite over the beach."; $0.durationSeconds = 6 }
        let id = try #require(submitted.id)
        #expect(submitted.status == .queued)
        // A new process on the same journal: it resumes what the first one left.
        let restarted = try TestApp.open(stack.folder).service(policy: TestApp.policy())
        let resumed = try await restarted.resumeAll(providerFor: { _ in (stack.provider, 1 / Self.speed) })
        let record = try #require(resumed.first { $0.id == id })
        try expectDone(record, stack, mode: .textToVideo)
        #expect(try await stack.requests(pathSuffix: "/v1beta/interactions").count == 1, "one create, however often it is resumed")
        #expect(try await stack.requests(pathSuffix: "/interactions/\(submitted.operationName ?? "")", method: "GET").count >= 1)
    }
}
