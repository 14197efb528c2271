import Foundation
import Logging
import Testing
import StudioEmulator
@testable import StudioCore

/// Every mode each gateway offers, end to end against its own emulator profile (written from the
/// gateway's document, not from this client): submit → poll → download → journal, plus each
/// gateway's own ways to fail — an error in `url`, inline base64, a wrapped operation error, a
/// 24 h link, a refusal in a chat answer, a stream cut before its link.
@Suite(.serialized)
struct GatewayEndToEndTests {
    static let speed = 2000.0
    static let key = "gw-test-key-7f3a9c"

    struct Stack {
        let folder: TemporaryFolder
        let server: EmulatorServer
        let app: StudioApp
        let service: GenerationService
        let baseURL: String
        /// How the providers talk to the emulator (a short timeout when a test stalls answers).
        var transport = HTTPTransport()

        static func start(faults: String? = nil, deadlineSeconds: Double = 15 * 60, stallSeconds: Double = 90,
                          render: Bool = true) async throws -> Stack {
            let folder = TemporaryFolder()
            var options = EmulatorOptions()
            if let faults { options.faults = try FaultPlan(spec: faults) }
            options.speed = GatewayEndToEndTests.speed
            options.seed = 11
            options.stallSeconds = stallSeconds
            options.renderWithFFmpeg = render
            options.requestsPerMinute = 1000
            let server = EmulatorServer(options: options, logger: Logger(label: "test.emulator"))
            let url = try await server.start()
            let app = try TestApp.open(folder)
            var service = try app.service(policy: TestApp.policy(deadlineSeconds: deadlineSeconds))
            // Every provider that takes images as URLs uploads them to the emulator here.
            service.uploadingProviders = Set(Fixtures.registry.providerIDs.filter { Fixtures.registry.provider($0)?.imagesAsURLs == true })
            folder.write("first.png", TestImages.png(width: 64, height: 36))
            folder.write("last.png", TestImages.png(width: 64, height: 36, rgb: (20, 90, 200)))
            folder.write("ref.png", TestImages.png(width: 40, height: 40, rgb: (10, 200, 10)))
            return Stack(folder: folder, server: server, app: app, service: service, baseURL: url.absoluteString)
        }

        /// A sandbox as the app builds it (its plugin, the sandbox's own secret); a gateway's service
        /// name with the test's key and the emulator's upload route for its images.
        func provider(_ id: String) throws -> VideoProvider {
            if app.isSandbox(id) {
                return try TestApp.provider(app, id, baseURL: baseURL, transport: transport)
            }
            return try Self.gateway(id, access: GatewayAccess(baseURL: baseURL, apiKey: GatewayEndToEndTests.key),
                                    uploads: .emulator(baseURL: baseURL), staging: app.paths.staging, transport: transport)
        }

        /// A gateway's provider as its plugin makes it, for an access of the test's choosing.
        static func gateway(_ id: String, access: GatewayAccess, uploads: ImageUploader.Method, staging: URL,
                            transport: HTTPTransport = HTTPTransport()) throws -> VideoProvider {
            let (setup, found) = try PluginSetup.setup(id, baseURL: access.baseURL, staging: staging, transport: transport)
            let plugin = try #require(found as? any GatewayPlugin)
            return plugin.makeGateway(setup, access: access, uploads: uploads)
        }

        func run(_ id: String, _ build: (inout GenerationDraft) -> Void) async throws -> GenerationRecord {
            var draft = GenerationDraft()
            draft.provider = id
            build(&draft)
            let prepared = service.prepare(draft, loader: InputLoader(baseDirectory: folder.url))
            #expect(prepared.report.isValid, "\(id): \(prepared.report.errors.map(\.line))")
            let provider = try provider(id)
            let submitted = try await service.submit(prepared, provider: provider)
            guard submitted.status == .queued else { return submitted }
            return try await service.track(try #require(submitted.id), provider: provider, latencyScale: 1 / GatewayEndToEndTests.speed)
        }

        /// The emulator's log of requests whose path ends so.
        func requests(pathSuffix: String) async throws -> [StudioCore.JSONValue] {
            let list = try await HTTPTransport().sendJSON(WireRequest(method: "GET", url: "\(baseURL)/_emulator/requests", headers: [], body: nil),
                                                          stage: .poll)
            return (list.arrayValue ?? list["requests"]?.arrayValue ?? []).filter { ($0["path"]?.stringValue ?? "").hasSuffix(pathSuffix) }
        }

        func stop() async { await server.stop() }
    }

    func expectDone(_ record: GenerationRecord, _ stack: Stack, mode: GenerationMode, samples: Int = 1) throws {
        #expect(record.status == .done, "\(record.provider) \(mode): \(record.errorMessage ?? "")")
        #expect(record.mode == mode)
        let outputs = try stack.service.journal.outputs(of: try #require(record.id))
        #expect(outputs.count == samples)
        for output in outputs { try TemporaryFolder.expectWholeMP4(output) }
        #expect(!(record.requestJSON ?? "").contains(Self.key), "the key never reaches the journal")
    }

    @Test func openAIRelayEveryModeInlineAndErrorInURL() async throws {
        let stack = try await Stack.start()
        let id = "openai-relay"
        try expectDone(try await stack.run(id) { $0.prompt = "a lighthouse" }, stack, mode: .textToVideo)
        try expectDone(try await stack.run(id) { $0.prompt = "comes alive"; $0.image = "first.png" }, stack, mode: .imageToVideo)
        try expectDone(try await stack.run(id) { $0.prompt = "red to blue"; $0.image = "first.png"; $0.lastFrame = "last.png"
            $0.model = "veo-3.1-generate-preview" }, stack, mode: .firstLastFrame)
        try expectDone(try await stack.run(id) { $0.prompt = "two meet"; $0.model = "veo-3.1-generate-preview"
            $0.references = [.init(path: "first.png"), .init(path: "ref.png")] }, stack, mode: .referenceImages)
        let inline = try await stack.run(id) { $0.prompt = "inline please [[inline]] [[status:completed]]" }
        try expectDone(inline, stack, mode: .textToVideo)
        let inlineID = try #require(inline.id)
        let output = try #require(try stack.service.journal.outputs(of: inlineID).first)
        #expect(output.remoteURI?.hasPrefix(OpenAIRelayProvider.inlineScheme) == true, "\(output.remoteURI ?? "")")
        #expect(output.remoteLabel == "inline in the service's answer")
        let body = try #require(try await stack.requests(pathSuffix: "/v1/video/generations").first?["body"])
        #expect(body["image"] == nil && body["model"]?.stringValue != nil, "text to video sends no image")

        let failed = try await stack.run(id) { $0.prompt = "[[op_error]]" }
        #expect(failed.status == .failed)
        let message = try #require(failed.errorMessage)
        #expect(!message.isEmpty && !message.hasPrefix("http"), "the error text in url is the message, not a link: \(message)")
        let failedID = try #require(failed.id)
        #expect(try stack.service.journal.outputs(of: failedID).isEmpty, "no download of an error text")
        await stack.stop()
    }

    @Test func maasVertexEveryModeAndItsWrappedErrors() async throws {
        let stack = try await Stack.start()
        let id = "maas-vertex"
        try expectDone(try await stack.run(id) { $0.prompt = "a harbour" }, stack, mode: .textToVideo)
        try expectDone(try await stack.run(id) { $0.prompt = "moves"; $0.image = "first.png" }, stack, mode: .imageToVideo)
        try expectDone(try await stack.run(id) { $0.prompt = "fades"; $0.image = "first.png"; $0.lastFrame = "last.png" }, stack, mode: .firstLastFrame)
        try expectDone(try await stack.run(id) { $0.prompt = "an ingredient"; $0.references = [.init(path: "ref.png")] },
                       stack, mode: .referenceImages)
        try expectDone(try await stack.run(id) { $0.prompt = "two"; $0.sampleCount = 2; $0.compressionQuality = "lossless" },
                       stack, mode: .textToVideo, samples: 2)
        let veo3 = try await stack.run(id) { $0.prompt = "with sound by default"; $0.model = "MaaS_Veo_3_generate_preview" }
        try expectDone(veo3, stack, mode: .textToVideo)
        let sent = try await stack.requests(pathSuffix: "/veo/videos/generate")
        #expect(sent.contains { $0["path"]?.stringValue?.contains("/v1/ai/MaaS_Veo_3_generate_preview/") == true
            && $0["body"]?["parameters"]?["generateAudio"] != nil }, "generateAudio is always sent where it is required")
        #expect(sent.contains { $0["body"]?["parameters"]?["compressionQuality"]?.stringValue == "lossless" }, "lowercase as the seed writes it")

        let failed = try await stack.run(id) { $0.prompt = "[[op_error]]" }
        #expect(failed.status == .failed && failed.errorMessage?.isEmpty == false, "\(failed.errorMessage ?? "")")
        let filtered = try await stack.run(id) { $0.prompt = "[[rai:celebrity]] a famous face" }
        #expect(filtered.status == .filtered, "\(filtered.status)")
        await stack.stop()
    }

    @Test func cometChatEveryModeARefusalAndACutStream() async throws {
        let stack = try await Stack.start()
        let id = "comet-chat"
        try expectDone(try await stack.run(id) { $0.prompt = "a kitten on a cloud" }, stack, mode: .textToVideo)
        try expectDone(try await stack.run(id) { $0.prompt = "moves"; $0.image = "first.png" }, stack, mode: .imageToVideo)
        try expectDone(try await stack.run(id) { $0.prompt = "fades"; $0.image = "first.png"; $0.lastFrame = "last.png" }, stack, mode: .firstLastFrame)
        try expectDone(try await stack.run(id) { $0.prompt = "ingredients"; $0.references = [.init(path: "first.png"), .init(path: "ref.png")] },
                       stack, mode: .referenceImages)
        let chat = try #require(try await stack.requests(pathSuffix: "/v1/chat/completions").last?["body"])
        let refs = chat["extra_body"]?["google"]?["referenceImages"]?.arrayValue ?? []
        #expect(refs.count == 2 && refs.allSatisfy { $0["image"]?["uri"]?.stringValue?.contains("/_emulator/uploads/") == true },
                "local images are uploaded and sent by URL: \(chat.encodedString().prefix(300))")

        let refused = try await stack.run(id) { $0.prompt = "[[rai]] not allowed" }
        #expect(refused.status == .failed && refused.errorMessage?.contains("Generation failed") == true, "\(refused.errorMessage ?? "")")

        let before = try await stack.requests(pathSuffix: "/v1/chat/completions").count
        let cut = try await stack.run(id) { $0.prompt = "cut me off [[cut]]" }
        #expect(cut.status == .unknown, "a stream cut before the link leaves the outcome unknown: \(cut.status)")
        #expect(cut.errorExplanation?.isEmpty == false)
        let resumed = try await stack.service.resumeAll(includeUnknown: true, providerFor: { _ in (try stack.provider(id), 1 / Self.speed) })
        #expect(resumed.allSatisfy { $0.id != cut.id || $0.status == .unknown })
        #expect(try await stack.requests(pathSuffix: "/v1/chat/completions").count == before + 1, "never sent a second time")
        await stack.stop()
    }

    @Test func cometChatExtendsItsOwnVideoByItsLink() async throws {
        let stack = try await Stack.start()
        let id = "comet-chat"
        let first = try await stack.run(id) { $0.prompt = "a kite over a beach" }
        try expectDone(first, stack, mode: .textToVideo)
        let firstID = try #require(first.id)
        let link = try #require(try stack.service.journal.outputs(of: firstID).first?.remoteURI)
        let extended = try await stack.run(id) { $0.prompt = "the kite climbs"; $0.video = .generation(id: firstID) }
        try expectDone(extended, stack, mode: .extendVideo)
        let chat = try #require(try await stack.requests(pathSuffix: "/v1/chat/completions").last?["body"])
        #expect(chat["extra_body"]?["google"]?["video"]?["uri"]?.stringValue == link,
                "the video to extend is named by the gateway's own link (seeds/002 §3): \(chat.encodedString().prefix(300))")
        #expect(extended.outputSeconds == 15 && extended.hops == 1)
        let extendedID = try #require(extended.id)
        let path = try #require(try stack.service.journal.outputs(of: extendedID).first?.path)
        if let tool = FFmpegTool.locate() {
            #expect(abs(try tool.clipFormat(path).seconds - 15) < 0.1, "the extended video holds the 8 s it extends and 7 s more")
        }
        await stack.stop()
    }

    @Test func taskRelayReferencesProgressAndTheTwentyFourHourLink() async throws {
        let stack = try await Stack.start()
        let id = "task-relay"
        let one = try await stack.run(id) { $0.prompt = "a woman in a garden"; $0.references = [.init(path: "ref.png")] }
        try expectDone(one, stack, mode: .referenceImages)
        #expect(one.progress == 1, "the relay's own progress is kept: \(String(describing: one.progress))")
        let oneID = try #require(one.id)
        let output = try #require(try stack.service.journal.outputs(of: oneID).first)
        let expires = try #require(output.expiresAt)
        #expect(abs(expires.timeIntervalSince(output.createdAt) - 24 * 3600) < 5, "links live 24 h")
        var undownloaded = output
        undownloaded.path = nil
        #expect(undownloaded.linkExpiry(now: output.createdAt)?.contains("link expires") == true)
        #expect(undownloaded.linkExpiry(now: expires.addingTimeInterval(1))?.contains("link expired") == true)

        try expectDone(try await stack.run(id) { $0.prompt = "three"; $0.model = "veo-3.1-fast-reference-to-video"
            $0.references = [.init(path: "first.png"), .init(path: "last.png"), .init(path: "ref.png")] }, stack, mode: .referenceImages)
        let sent = try #require(try await stack.requests(pathSuffix: "/v1/videos/generations").last?["body"])
        #expect(sent["reference_image_urls"]?.arrayValue?.count == 3 && sent["duration"]?.intValue == 8)
        let failed = try await stack.run(id) { $0.prompt = "[[op_error]]"; $0.references = [.init(path: "ref.png")] }
        #expect(failed.status == .failed && failed.errorMessage?.isEmpty == false)
        await stack.stop()
    }

    @Test func anEmptyKeyIsRefusedAndExplainedByEveryGateway() async throws {
        let stack = try await Stack.start()
        for id in ["openai-relay", "maas-vertex", "comet-chat", "task-relay"] {
            let provider = try Stack.gateway(id, access: GatewayAccess(baseURL: stack.baseURL, apiKey: ""), uploads: .none,
                                             staging: stack.folder.url)
            var draft = GenerationDraft()
            draft.provider = id
            draft.prompt = "no key"
            if id == "task-relay" { draft.references = [.init(path: "https://example.com/ref.png")] }
            let record = try await stack.service.submit(stack.service.prepare(draft), provider: provider)
            #expect([.failed, .unknown].contains(record.status), "\(id): \(record.status)")
            #expect(record.errorMessage?.isEmpty == false, "\(id) explains the refusal")
        }
        await stack.stop()
    }
}
