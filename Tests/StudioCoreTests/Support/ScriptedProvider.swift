import Foundation
@testable import StudioCore

/// A provider that answers from a script: submit outcomes, poll answers in order, download results.
final class ScriptedProvider: VideoProvider, @unchecked Sendable {
    let id = "gemini"
    let isSynthetic = false
    private let lock = NSLock()
    private var submitResults: [Result<String, ProviderFailure>]
    private var pollResults: [Result<OperationSnapshot, ProviderFailure>]
    private var downloadFailures: [ProviderFailure]
    private(set) var submits = 0
    private(set) var polls = 0
    private(set) var downloads = 0

    init(submit: [Result<String, ProviderFailure>] = [.success("models/veo-3.1-generate-preview/operations/op1")],
         polls: [Result<OperationSnapshot, ProviderFailure>], downloadFailures: [ProviderFailure] = []) {
        submitResults = submit
        pollResults = polls
        self.downloadFailures = downloadFailures
    }

    func submitRequest(for spec: GenerationSpec, media: MediaSource) throws -> WireRequest {
        try GeminiAPIProvider(apiKey: "secret-key-123", baseURL: "http://127.0.0.1:9").submitRequest(for: spec, media: media)
    }

    func submit(_ request: WireRequest) async throws -> String {
        let result: Result<String, ProviderFailure> = lock.withLock {
            submits += 1
            return submitResults.count > 1 ? submitResults.removeFirst() : submitResults[0]
        }
        return try result.get()
    }

    func poll(operation: String) async throws -> OperationSnapshot {
        let result: Result<OperationSnapshot, ProviderFailure> = lock.withLock {
            polls += 1
            return pollResults.count > 1 ? pollResults.removeFirst() : pollResults[0]
        }
        return try result.get()
    }

    func download(_ video: RemoteVideo, to destination: URL) async throws -> DownloadedFile {
        let failure: ProviderFailure? = lock.withLock {
            downloads += 1
            return downloadFailures.isEmpty ? nil : downloadFailures.removeFirst()
        }
        if let failure { throw failure }
        let writer = try AtomicFileWriter(destination: destination)
        try writer.write(Data("video of \(video.uri)".utf8))
        return try writer.commit()
    }

    static func done(_ count: Int = 1) -> Result<OperationSnapshot, ProviderFailure> {
        .success(OperationSnapshot(name: "op1", done: true,
                                   videos: (0..<count).map { RemoteVideo(uri: "https://h/v1beta/files/f\($0):download?alt=media") }))
    }
    static let running: Result<OperationSnapshot, ProviderFailure> = .success(OperationSnapshot(name: "op1", done: false))
    static func http(_ status: Int, retryAfter: Double? = nil) -> Result<OperationSnapshot, ProviderFailure> {
        .failure(.http(ServerAnswer(stage: .poll, httpStatus: status, message: "status \(status)"), retryAfterSeconds: retryAfter))
    }
}

/// A journal, asset store and service in a temporary folder, driven by a manual clock.
struct ServiceHarness: Sendable {
    let folder = TemporaryFolder()
    let clock = ManualClock()
    let journal: Journal
    var service: GenerationService

    init(policy: TrackerPolicy = TrackerPolicy()) throws {
        journal = try Journal.open(at: folder.url.appendingPathComponent("journal.sqlite"))
        service = GenerationService(journal: journal, registry: Fixtures.registry, prices: Fixtures.prices,
                                    assets: AssetStore(root: folder.url.appendingPathComponent("assets")),
                                    mediaRoot: folder.url.appendingPathComponent("media"), clock: clock, policy: policy,
                                    random: { 1 })
    }

    func prepare(prompt: String = "a lighthouse in a storm", _ build: (inout GenerationDraft) -> Void = { _ in }) -> PreparedGeneration {
        var draft = GenerationDraft()
        draft.provider = "gemini"
        // The Gemini API's default is Gemini Omni now; these scripted jobs are Veo's.
        draft.model = "veo-3.1-generate-preview"
        draft.prompt = prompt
        build(&draft)
        return service.prepare(draft, loader: InputLoader(baseDirectory: folder.url))
    }

    /// Runs `body` while advancing the manual clock each time the tracker sleeps (bounded, no real sleeping).
    /// Returns the body's value and the waits the tracker asked for.
    func drive<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> (T, [Double]) {
        let task = Task { try await body() }
        let clock = self.clock
        let watcher = Task { () -> [Double] in
            var waits: [Double] = []
            for _ in 0..<2_000_000 {
                if Task.isCancelled { break }
                if await clock.sleeperCount > 0 {
                    let before = clock.now()
                    await clock.advanceToNextSleeper()
                    waits.append(clock.now().timeIntervalSince(before))
                } else {
                    await Task.yield()
                }
            }
            return waits
        }
        do {
            let value = try await task.value
            watcher.cancel()
            return (value, await watcher.value)
        } catch {
            watcher.cancel()
            _ = await watcher.value
            throw error
        }
    }
}
