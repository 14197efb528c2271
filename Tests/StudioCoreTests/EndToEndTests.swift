import Foundation
import Logging
import Testing
import StudioEmulator
@testable import StudioCore

/// Each mode end to end against the emulator on port 0: submit → poll → download → history → sidecar.
/// The emulator plays the server with its own rules, so these also check the client's rules against it.
@Suite(.serialized)
struct EndToEndTests {
    static let speed = 2000.0

    struct Stack {
        let folder: TemporaryFolder
        let server: EmulatorServer
        let service: GenerationService
        /// The sandbox as the app builds it (its plugin, Veo and Omni behind one id), sent to the test's emulator.
        let provider: VideoProvider
        let baseURL: String

        static func start(stateDirectory: URL? = nil, folder: TemporaryFolder? = nil, faults: String? = nil) async throws -> Stack {
            let folder = folder ?? TemporaryFolder()
            var options = EmulatorOptions()
            if let faults { options.faults = try FaultPlan(spec: faults) }
            options.speed = EndToEndTests.speed
            options.seed = 7
            options.requestsPerMinute = 1000
            options.stateDirectory = stateDirectory
            let server = EmulatorServer(options: options, logger: Logger(label: "test.emulator"))
            let url = try await server.start()
            let app = try TestApp.open(folder)
            let service = try app.service(policy: TestApp.policy())
            let (provider, _) = try await app.provider("sandbox", baseURL: url.absoluteString)
            return Stack(folder: folder, server: server, service: service, provider: provider, baseURL: url.absoluteString)
        }

        func run(_ build: (inout GenerationDraft) -> Void) async throws -> GenerationRecord {
            var draft = GenerationDraft()
            draft.provider = "sandbox"
            build(&draft)
            let prepared = service.prepare(draft, loader: InputLoader(baseDirectory: folder.url))
            #expect(prepared.report.isValid, "\(prepared.report.errors.map(\.line))")
            let submitted = try await service.submit(prepared, provider: provider)
            return try await service.track(try #require(submitted.id), provider: provider, latencyScale: 1 / EndToEndTests.speed)
        }
    }

    func checkDone(_ record: GenerationRecord, _ stack: Stack, mode: GenerationMode) throws {
        #expect(record.status == .done, "\(record.errorMessage ?? "")")
        #expect(record.mode == mode)
        let outputs = try stack.service.journal.outputs(of: try #require(record.id))
        #expect(outputs.count == 1)
        let path = try #require(outputs.first?.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(ImageInspector.isMP4([UInt8](bytes.prefix(16))), "an MP4 arrives")
        #expect(outputs.first?.bytes == bytes.count)
        let sidecar = try JSONValue.decode(Data(contentsOf: SidecarWriter.sidecarURL(for: URL(fileURLWithPath: path))))
        #expect(sidecar["mode"]?.stringValue == mode.rawValue)
        #expect(sidecar["synthetic"]?.boolValue == true)
        #expect(!sidecar.encodedString().contains("test-key"))
        #expect(try stack.service.journal.newest(limit: 1).first?.id == record.id)
    }

    @Test func allFiveModes() async throws {
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        stack.folder.write("first.png", TestImages.png(width: 64, height: 36))
        stack.folder.write("last.png", TestImages.png(width: 64, height: 36, rgb: (20, 90, 200)))
        stack.folder.write("ref.png", TestImages.png(width: 40, height: 40, rgb: (10, 200, 10)))

        let text = try await stack.run { $0.prompt = "a lighthouse in a storm" }
        try checkDone(text, stack, mode: .textToVideo)
        let image = try await stack.run { $0.prompt = "the picture comes alive"; $0.image = "first.png" }
        try checkDone(image, stack, mode: .imageToVideo)
        let frames = try await stack.run { $0.prompt = "from red to blue"; $0.image = "first.png"; $0.lastFrame = "last.png" }
        try checkDone(frames, stack, mode: .firstLastFrame)
        let refs = try await stack.run {
            $0.prompt = "two things meet"; $0.references = [.init(path: "first.png"), .init(path: "ref.png")]
        }
        try checkDone(refs, stack, mode: .referenceImages)
        let extended = try await stack.run { $0.prompt = "the storm clears"; $0.video = .generation(id: text.id ?? 0) }
        try checkDone(extended, stack, mode: .extendVideo)
        #expect(extended.hops == 1 && extended.outputSeconds == 15 && extended.parentID == text.id)
        #expect(try stack.service.journal.search("storm", limit: 10).map(\.id) == [extended.id, text.id])
    }

    @Test func safetyFilterAndOperationErrorAreExplained() async throws {
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        let filtered = try await stack.run { $0.prompt = "[[rai:celebrity]] a famous actor" }
        #expect(filtered.status == .filtered)
        #expect(filtered.raiReasonsJSON?.contains("Celebrity") == true, "\(filtered.raiReasonsJSON ?? "")")
        let failed = try await stack.run { $0.prompt = "[[op_error]]" }
        #expect(failed.status == .failed && failed.errorMessage?.contains("operation error") == true)
    }

    @Test func serverRulesCatchWhatTheClientLetsThrough() async throws {
        // The client only warns about a model it does not know; the server's own table refuses it.
        let stack = try await Stack.start()
        defer { Task { [server = stack.server] in await server.stop() } }
        let record = try await stack.run { $0.prompt = "x"; $0.model = "veo-9-ultra-generate-preview" }
        #expect(record.status == .failed)
        #expect(record.errorCode == "server.model_not_found", "\(record.errorMessage ?? "")")
    }

    @Test func faultyAnswersLoseNothing() async throws {
        // A 429 with Retry-After, a 500, a garbled poll answer and a cut-off download, once each.
        let stack = try await Stack.start(faults: "429@poll:1x1,500@poll:1x1,malformed@poll:1x1,truncated@download:1x1")
        defer { Task { [server = stack.server] in await server.stop() } }
        let record = try await stack.run { $0.prompt = "survives a bad network" }
        #expect(record.status == .done, "\(record.errorMessage ?? "")")
        #expect(record.pollCount >= 4, "three faulty polls were retried (\(record.pollCount) polls)")
        let downloads = try await Self.requestCount(stack, pathSuffix: ":download")
        #expect(downloads == 2, "the cut-off download was fetched again")
        let media = stack.folder.url.appendingPathComponent("media")
        let files = FileManager.default.enumerator(atPath: media.path)?.allObjects as? [String] ?? []
        #expect(files.contains { $0.hasSuffix(".mp4") })
        #expect(!files.contains { $0.hasSuffix(".part") }, "no half-written file is left: \(files)")
        let output = try #require(try stack.service.journal.outputs(of: record.id ?? 0).first)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try #require(output.path)))
        #expect(bytes.count == output.bytes && ImageInspector.isMP4([UInt8](bytes.prefix(16))))
    }

    /// How many requests the emulator received whose path ends with a suffix (its control endpoint).
    static func requestCount(_ stack: Stack, pathSuffix: String) async throws -> Int {
        let base = stack.baseURL
        let request = WireRequest(method: "GET", url: "\(base)/_emulator/requests", headers: [], body: nil)
        let list = try await HTTPTransport().sendJSON(request, stage: .poll)
        let entries = list.arrayValue ?? list["requests"]?.arrayValue ?? []
        return entries.filter { ($0["path"]?.stringValue ?? "").hasSuffix(pathSuffix) }.count
    }

    @Test func restartResumesAnUnfinishedJob() async throws {
        let folder = TemporaryFolder()
        let state = folder.url.appendingPathComponent("sandbox")
        let first = try await Stack.start(stateDirectory: state, folder: folder)
        var draft = GenerationDraft()
        draft.provider = "sandbox"
        draft.prompt = "survives a restart"
        let submitted = try await first.service.submit(first.service.prepare(draft), provider: first.provider)
        let id = try #require(submitted.id)
        #expect(submitted.status == .queued)
        await first.server.stop()

        let second = try await Stack.start(stateDirectory: state, folder: folder)
        defer { Task { [server = second.server] in await server.stop() } }
        let resumed = try await second.service.resumeAll(providerFor: { _ in (second.provider, 1 / EndToEndTests.speed) })
        #expect(resumed.map(\.id) == [id])
        #expect(resumed.first?.status == .done, "\(resumed.first?.errorMessage ?? "")")
    }
}
