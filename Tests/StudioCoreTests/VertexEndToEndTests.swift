import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Testing
import StudioEmulator
@testable import StudioCore

/// Every mode on Vertex AI end to end against the emulator's Vertex profile: a service-account key
/// signs the token request, outputs come inline (streamed to staged files) or as gs:// objects
/// fetched through the GCS JSON API, with 1 and 4 samples.
@Suite(.serialized)
struct VertexEndToEndTests {
    static let speed = 2000.0

    /// A token source the test scripts: a stale token first, a good one when asked to renew.
    actor ScriptedTokens: AccessTokenSource {
        nonisolated let origin = "the scripted test source"
        nonisolated let fix = "renew the scripted token"
        let first: String
        let renewed: String
        private(set) var asked: [Bool] = []
        init(first: String, renewed: String) { self.first = first; self.renewed = renewed }
        func token(renew: Bool) async throws -> String {
            asked.append(renew)
            return renew ? renewed : first
        }
    }

    struct Stack {
        let folder: TemporaryFolder
        let server: EmulatorServer
        let service: GenerationService
        let provider: VertexAIProvider
        let tokens: AccessTokenSource
        let url: URL

        static func start(faults: String? = nil, clock: any StudioClock = SystemClock(),
                          configure: (inout EmulatorOptions) -> Void = { _ in },
                          tokens scripted: AccessTokenSource? = nil) async throws -> Stack {
            let folder = TemporaryFolder()
            let account = try TestServiceAccount()
            var options = EmulatorOptions()
            options.profiles = [.vertex]
            if let faults { options.faults = try FaultPlan(spec: faults) }
            options.speed = VertexEndToEndTests.speed
            options.seed = 11
            options.requestsPerMinute = 1000
            options.serviceAccountKeys = [account.publicKeyPEM]
            options.bearerTokens = []
            // The built-in MP4 is enough here; rendering is the emulator's own test.
            options.renderWithFFmpeg = false
            configure(&options)
            let server = EmulatorServer(options: options, logger: Logger(label: "test.emulator"))
            let url = try await server.start()
            let path = try account.write(tokenURI: url.absoluteString + "/token", in: folder.url.appendingPathComponent("secrets"))
            let tokens = try scripted ?? ServiceAccountTokenSource(key: ServiceAccountKey.load(path: path), path: path, clock: clock)
            // The app's wiring; the provider is built here around the token source the test scripts.
            let service = try TestApp.open(folder).service(policy: TestApp.policy())
            let provider = VertexAIProvider(endpoint: VertexEndpoint(project: "my-project", location: "us-central1", baseURL: url.absoluteString),
                                            tokens: tokens, stagingDirectory: folder.url.appendingPathComponent("staging"))
            return Stack(folder: folder, server: server, service: service, provider: provider, tokens: tokens, url: url)
        }

        func run(_ build: (inout GenerationDraft) -> Void) async throws -> GenerationRecord {
            var draft = GenerationDraft()
            draft.provider = "vertex"
            draft.model = "veo-3.1-generate-001"
            build(&draft)
            let prepared = service.prepare(draft, loader: InputLoader(baseDirectory: folder.url))
            #expect(prepared.report.isValid, "\(prepared.report.errors.map(\.line))")
            let submitted = try await service.submit(prepared, provider: provider)
            return try await service.track(try #require(submitted.id), provider: provider, latencyScale: 1 / VertexEndToEndTests.speed)
        }

        /// Puts an object into the emulator's bucket store through the GCS upload route.
        func upload(_ data: Data, bucket: String, name: String, contentType: String) async throws {
            let token = try await tokens.token(renew: false)
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
            var request = HTTPClientRequest(url: "\(url.absoluteString)/upload/storage/v1/b/\(bucket)/o?uploadType=media&name=\(encoded)")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: data))
            let response = try await HTTPTransport.sharedClient.execute(request, timeout: .seconds(10))
            #expect(response.status == .ok)
        }

        func stagingIsEmpty() -> Bool {
            let staging = folder.url.appendingPathComponent("staging")
            let left = FileManager.default.enumerator(atPath: staging.path)?.allObjects as? [String] ?? []
            return left.filter { $0.hasSuffix(".mp4") || $0.hasSuffix(".part") }.isEmpty
        }
    }

    func checkDone(_ record: GenerationRecord, _ stack: Stack, mode: GenerationMode, samples: Int = 1, gcs: Bool = false) throws {
        #expect(record.status == .done, "\(record.errorMessage ?? "")")
        #expect(record.mode == mode)
        let outputs = try stack.service.journal.outputs(of: try #require(record.id))
        #expect(outputs.count == samples)
        for output in outputs {
            try TemporaryFolder.expectWholeMP4(output)
            if gcs {
                #expect(output.remoteURI?.hasPrefix("gs://studio-out/veo/") == true, "the gs:// URI is kept: \(output.remoteURI ?? "nil")")
            } else {
                #expect(output.remoteURI?.hasPrefix(VertexAIProvider.inlineScheme) == true)
            }
            let sidecar = try String(contentsOf: SidecarWriter.sidecarURL(for: URL(fileURLWithPath: try #require(output.path))), encoding: .utf8)
            #expect(!sidecar.contains("BEGIN PRIVATE KEY") && !sidecar.contains("Bearer"), "no key, no token in the sidecar")
        }
        #expect(stack.stagingIsEmpty())
    }

    @Test func everyModeInlineAndInCloudStorage() async throws {
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        stack.folder.write("first.png", TestImages.png(width: 64, height: 36))
        stack.folder.write("last.png", TestImages.png(width: 64, height: 36, rgb: (20, 90, 200)))
        stack.folder.write("ref.png", TestImages.png(width: 40, height: 40, rgb: (10, 200, 10)))
        try await stack.upload(TestImages.png(width: 64, height: 36, rgb: (200, 20, 20)), bucket: "studio-in", name: "frames/first.png",
                               contentType: "image/png")

        let inline = try await stack.run { $0.prompt = "a lighthouse in a storm" }
        try checkDone(inline, stack, mode: .textToVideo)
        let four = try await stack.run { $0.prompt = "four takes of a harbour"; $0.sampleCount = 4; $0.storageUri = "gs://studio-out/veo/" }
        try checkDone(four, stack, mode: .textToVideo, samples: 4, gcs: true)
        let fourInline = try await stack.run { $0.prompt = "four inline takes"; $0.sampleCount = 4; $0.seed = 42; $0.generateAudio = false }
        try checkDone(fourInline, stack, mode: .textToVideo, samples: 4)
        let image = try await stack.run { $0.prompt = "the picture comes alive"; $0.image = "first.png" }
        try checkDone(image, stack, mode: .imageToVideo)
        let fromBucket = try await stack.run { $0.prompt = "from the bucket"; $0.image = "gs://studio-in/frames/first.png"
            $0.storageUri = "gs://studio-out/veo/" }
        try checkDone(fromBucket, stack, mode: .imageToVideo, gcs: true)
        let frames = try await stack.run { $0.prompt = "from red to blue"; $0.image = "first.png"; $0.lastFrame = "last.png" }
        try checkDone(frames, stack, mode: .firstLastFrame)
        let refs = try await stack.run {
            $0.prompt = "three things meet"; $0.references = [.init(path: "first.png"), .init(path: "ref.png"), .init(path: "last.png")]
        }
        try checkDone(refs, stack, mode: .referenceImages)
        let byURI = try await stack.run { $0.prompt = "the harbour at night"; $0.video = .generation(id: four.id ?? 0)
            $0.storageUri = "gs://studio-out/veo/" }
        try checkDone(byURI, stack, mode: .extendVideo, gcs: true)
        #expect(byURI.hops == 1 && byURI.outputSeconds == 15 && byURI.parentID == four.id)
        let byBytes = try await stack.run { $0.prompt = "the storm clears"; $0.video = .generation(id: inline.id ?? 0) }
        try checkDone(byBytes, stack, mode: .extendVideo)
        let sent = try await Self.requests(stack, pathSuffix: ":predictLongRunning")
        let bodies = sent.compactMap { $0["body"] }
        #expect(bodies.contains { $0["instances"]?[0]?["video"]?["gcsUri"]?.stringValue?.hasPrefix("gs://studio-out/veo/") == true })
        #expect(bodies.contains { $0["instances"]?[0]?["video"]?["bytesBase64Encoded"] != nil })
        #expect(bodies.contains { $0["instances"]?[0]?["image"]?["gcsUri"]?.stringValue == "gs://studio-in/frames/first.png" })
        let token = try await stack.tokens.token(renew: false)
        #expect(!sent.map { $0.encodedString() }.joined().contains(token), "the emulator's log shows no token")
    }

    @Test func theServiceAccountTokenIsCachedAndRenewedBeforeItExpires() async throws {
        // Tokens live 330 s and are renewed 300 s before expiry: reused for 30 s, then exchanged again.
        let clock = ManualClock(start: Date())
        let stack = try await Stack.start(clock: clock, configure: { $0.tokenLifetime = .seconds(330) })
        defer { Task { [server = stack.server] in await server.stop() } }
        let source = try #require(stack.tokens as? ServiceAccountTokenSource)
        let first = try await source.token(renew: false)
        #expect(try await source.token(renew: false) == first)
        let exchangedOnce = await source.exchanges
        #expect(exchangedOnce == 1)
        await clock.advance(by: 31)
        let second = try await source.token(renew: false)
        let exchangedTwice = await source.exchanges
        #expect(second != first && exchangedTwice == 2)
        let record = try await stack.run { $0.prompt = "signed by a service account" }
        #expect(record.status == .done, "\(record.errorMessage ?? "")")
        let exchanges = try await Self.requests(stack, pathSuffix: "/token")
        #expect(exchanges.count == 2, "the job reused the cached token")
    }

    @Test func aRefusedTokenIsRenewedOnceThenNamed() async throws {
        let stale = ScriptedTokens(first: "stale", renewed: "good")
        let stack = try await Stack.start(configure: { $0.bearerTokens = ["good"] }, tokens: stale)
        defer { Task { [server = stack.server] in await server.stop() } }
        let record = try await stack.run { $0.prompt = "a second try with a fresh token" }
        #expect(record.status == .done, "\(record.errorMessage ?? "")")
        let asked = await stale.asked
        #expect(asked.prefix(2) == [false, true])

        let hopeless = VertexAIProvider(endpoint: stack.provider.endpoint, tokens: ScriptedTokens(first: "stale", renewed: "still-stale"),
                                        stagingDirectory: stack.folder.url.appendingPathComponent("staging"))
        var draft = GenerationDraft()
        draft.provider = "vertex"
        draft.prompt = "refused"
        let spec = try #require(stack.service.prepare(draft).report.spec)
        let request = try hopeless.submitRequest(for: spec, media: stack.service.assets)
        var message = ""
        do { _ = try await hopeless.submit(request) } catch { message = "\(error)" }
        #expect(message.contains("credentials") && message.contains("the scripted test source") && message.contains("renew the scripted token"))
        #expect(!message.contains("still-stale"), "the token never appears in a message")
    }

    @Test func aCutOffInlineAnswerLeavesNoHalfFileAndIsFetchedAgain() async throws {
        let stack = try await Stack.start(faults: "truncated@poll:1x1,malformed@poll:1x1")
        defer { Task { [server = stack.server] in await server.stop() } }
        let record = try await stack.run { $0.prompt = "survives a cut-off answer"; $0.sampleCount = 2 }
        try checkDone(record, stack, mode: .textToVideo, samples: 2)
        #expect(record.pollCount >= 3)
    }

    @Test func aCutOffDoneAnswerLeavesNothingAndAVanishedStagedVideoIsFetchedAgain() async throws {
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        var draft = GenerationDraft()
        draft.provider = "vertex"
        draft.prompt = "two inline takes"
        draft.sampleCount = 2
        let spec = try #require(stack.service.prepare(draft).report.spec)
        let operation = try await stack.provider.submit(try stack.provider.submitRequest(for: spec, media: stack.service.assets))
        var snapshot = try await stack.provider.poll(operation: operation)
        for _ in 0..<5000 where !snapshot.done { snapshot = try await stack.provider.poll(operation: operation) }
        #expect(snapshot.done && snapshot.videos.count == 2)
        let staging = stack.folder.url.appendingPathComponent("staging")
        try FileManager.default.removeItem(at: staging)

        let faults = WireRequest(method: "POST", url: "\(stack.url.absoluteString)/_emulator/faults", headers: [],
                                 body: .object(["spec": .string("truncated@poll:1x1")]))
        _ = try await HTTPTransport().sendJSON(faults, stage: .poll)
        await #expect(throws: ProviderFailure.self) { _ = try await stack.provider.poll(operation: operation) }
        #expect(stack.stagingIsEmpty(), "a cut-off answer leaves no file")

        let destination = stack.folder.url.appendingPathComponent("media/first.mp4")
        let file = try await stack.provider.download(snapshot.videos[0], to: destination)
        let bytes = try Data(contentsOf: destination)
        #expect(file.bytes == bytes.count && ImageInspector.isMP4([UInt8](bytes.prefix(16))))
        let left = (FileManager.default.enumerator(atPath: staging.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".mp4") }
        #expect(left.count == 1 && left.first?.hasSuffix("sample_1.mp4") == true, "the other sample waits in staging: \(left)")
    }

    @Test func theV1APIVersionWorksToo() async throws {
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        var endpoint = stack.provider.endpoint
        endpoint.apiVersion = "v1"
        let v1 = VertexAIProvider(endpoint: endpoint, tokens: stack.tokens, stagingDirectory: stack.folder.url.appendingPathComponent("staging"))
        var draft = GenerationDraft()
        draft.provider = "vertex"
        draft.prompt = "on the v1 surface"
        let submitted = try await stack.service.submit(stack.service.prepare(draft), provider: v1)
        let record = try await stack.service.track(try #require(submitted.id), provider: v1, latencyScale: 1 / Self.speed)
        try checkDone(record, stack, mode: .textToVideo)
        let polls = try await Self.requests(stack, pathSuffix: ":fetchPredictOperation")
        #expect(!polls.isEmpty && polls.allSatisfy { ($0["path"]?.stringValue ?? "").hasPrefix("/v1/projects/my-project/") })
    }

    @Test func expressModeWithAnAPIKey() async throws {
        let stack = try await Stack.start(configure: { $0.apiKeys = ["express-key"] })
        defer { Task { [server = stack.server] in await server.stop() } }
        func express(_ key: String) -> VertexAIProvider {
            VertexAIProvider(endpoint: VertexEndpoint(project: nil, location: "us-central1", baseURL: stack.url.absoluteString),
                             apiKey: key, stagingDirectory: stack.folder.url.appendingPathComponent("staging"))
        }
        var draft = GenerationDraft()
        draft.provider = "vertex"
        draft.prompt = "with nothing but a key"
        let submitted = try await stack.service.submit(stack.service.prepare(draft), provider: express("express-key"))
        #expect(submitted.operationName?.hasPrefix("projects/") == true, "the service names the operation with its project")
        let record = try await stack.service.track(try #require(submitted.id), provider: express("express-key"), latencyScale: 1 / Self.speed)
        try checkDone(record, stack, mode: .textToVideo)
        let refused = try await stack.service.submit(stack.service.prepare(draft), provider: express("wrong-key"))
        #expect(refused.status == .failed, "\(refused.errorMessage ?? "")")
    }

    @Test func vertexRefusalsAreExplained() async throws {
        let stack = try await Stack.start(configure: { $0.deniedBuckets = ["locked"]; $0.inlineLimitBytes = 10 })
        defer { Task { [server = stack.server] in await server.stop() } }
        let denied = try await stack.run { $0.prompt = "to a locked bucket"; $0.storageUri = "gs://locked/out/" }
        #expect(denied.status == .failed && denied.errorMessage?.contains("operation error 7") == true, "\(denied.errorMessage ?? "")")
        let large = try await stack.run { $0.prompt = "too large to come inline" }
        #expect(large.status == .failed && large.errorMessage?.contains("output storage uri is required") == true, "\(large.errorMessage ?? "")")
        #expect(large.errorExplanation?.contains("--storage-uri") == true, "\(large.errorExplanation ?? "")")
    }

    /// The emulator's log of requests whose path ends with a suffix.
    static func requests(_ stack: Stack, pathSuffix: String) async throws -> [StudioCore.JSONValue] {
        let request = WireRequest(method: "GET", url: "\(stack.url.absoluteString)/_emulator/requests", headers: [], body: nil)
        let list = try await HTTPTransport().sendJSON(request, stage: .poll)
        let entries = list.arrayValue ?? list["requests"]?.arrayValue ?? []
        return entries.filter { ($0["path"]?.stringValue ?? "").hasSuffix(pathSuffix) }
    }
}
