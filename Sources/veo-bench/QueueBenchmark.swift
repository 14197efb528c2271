import ArgumentParser
import Foundation
import Logging
import StudioCore
import StudioEmulator

/// The queue under a limit, at a fast clock shared by the dispatcher and the emulator: N jobs queued
/// at once, sent by one dispatcher; prints the time to the last submission against the floor the
/// limit sets, and the 429s the emulator answered. Then the same with the emulator's limit below the
/// configured one (its 429s honoured). Then a 1,000-line batch validated and priced.
struct QueueBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Queue pacing under a limit, and batch planning speed.")

    @Option(help: "Jobs queued at once.") var jobs = 100
    @Option(help: "Requests a minute the dispatcher is held to.") var limit = 10
    @Option(help: "How much faster than real time the shared clock runs.") var factor = 120.0
    @Option(help: "Lines of the batch that is validated and priced.") var lines = 1_000

    func run() async throws {
        let matched = try await pace(configured: limit, served: limit)
        print(String(format: "queue: %d jobs at %d/min: last submission at %.1f s simulated, floor %.1f s (%+.2f %%), 429s %d",
                     jobs, limit, matched.lastSubmit, matched.floor, (matched.lastSubmit / matched.floor - 1) * 100, matched.refusals))
        let tighter = try await pace(configured: limit * 2, served: limit)
        print(String(format: "queue: configured %d/min against a service of %d/min: %d of %d sent, last at %.1f s simulated, 429s honoured %d",
                     limit * 2, limit, tighter.sent, jobs, tighter.lastSubmit, tighter.refusals))
        try planBatch()
    }

    /// Queues `jobs` jobs, dispatches them with `configured` requests a minute against an emulator
    /// serving `served`; returns when the last was sent (seconds of the shared clock), the floor,
    /// how many were sent and how many 429s the emulator answered.
    func pace(configured: Int, served: Int) async throws -> (lastSubmit: Double, floor: Double, sent: Int, refusals: Int) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-bench-queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ScaledClock(factor: factor)
        var options = EmulatorOptions()
        options.requestsPerMinute = served
        options.speed = 1000
        options.renderWithFFmpeg = false
        options.seed = 3
        let server = EmulatorServer(options: options, logger: Logger(label: "bench.emulator", factory: { _ in SwiftLogNoOpLogHandler() }),
                                    clock: clock)
        let url = try await server.start()
        defer { Task { await server.stop() } }
        let journal = try Journal.open(at: folder.appendingPathComponent("journal.sqlite"))
        let service = GenerationService(journal: journal, registry: try CapabilityRegistry.builtIn(), prices: try PriceTable.builtIn(),
                                        assets: AssetStore(root: folder.appendingPathComponent("assets")),
                                        mediaRoot: folder.appendingPathComponent("media"), clock: clock,
                                        logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        for index in 0..<jobs {
            var draft = GenerationDraft()
            draft.provider = "gemini"
            draft.model = "veo-3.1-fast-generate-preview"
            draft.prompt = "shot \(index)"
            _ = try service.enqueue(service.prepare(draft))
        }
        let provider = GeminiAPIProvider(id: "gemini", apiKey: "bench", baseURL: url.absoluteString)
        let dispatcher = QueueDispatcher(service: service, limits: { _ in ProviderLimits(requestsPerMinute: configured) },
                                         providerFor: { _ in (provider, 1) })
        let start = clock.now()
        let sent = try await dispatcher.run(follow: false)
        let submitted = try journal.newest(limit: jobs * 2).compactMap(\.submittedAt)
        let last = (submitted.max() ?? start).timeIntervalSince(start)
        let refusals = try await Self.refusals(url)
        let floor = Double((jobs - 1) / served) * 60
        return (last, floor, sent.filter { $0.operationName != nil }.count, refusals)
    }

    /// The 429s the emulator answered (its request log).
    static func refusals(_ url: URL) async throws -> Int {
        let list = try await HTTPTransport().sendJSON(WireRequest(method: "GET", url: url.absoluteString + "/_emulator/requests", headers: [], body: nil),
                                                      stage: .poll)
        return (list.arrayValue ?? []).filter { $0["status"]?.intValue == 429 }.count
    }

    /// A batch of `lines` lines read, validated and priced (nothing sent).
    func planBatch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-bench-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = (0..<lines).map { index in
            "{\"prompt\": \"a {animal} number \(index) at dusk\", \"vars\": {\"animal\": \"fox\"}, \"duration\": 8, \"aspect_ratio\": \"16:9\", \"model\": \"veo-3.1-generate-preview\"}"
        }.joined(separator: "\n")
        let service = GenerationService(journal: try Journal.inMemory(), registry: try CapabilityRegistry.builtIn(), prices: try PriceTable.builtIn(),
                                        assets: AssetStore(root: folder.appendingPathComponent("assets")), mediaRoot: folder)
        let planner = BatchPlanner(service: service, reader: BatchSpecReader(catalog: try ParameterCatalog.shared()),
                                   loader: InputLoader(baseDirectory: folder), defaultProvider: "gemini")
        let started = Date()
        let file = try BatchFile.parse(Data(text.utf8), name: "bench.jsonl", csv: false)
        let plan = planner.plan(file)
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "batch: %d lines read, validated and priced in %.3f s (%d takes, %d problems, $%.2f)",
                     lines, seconds, plan.items.count, plan.problems.count, plan.totalUSD))
    }
}

/// Time that runs `factor` times faster than the wall clock, for the dispatcher and the emulator alike.
final class ScaledClock: StudioClock, EmulatorClock, @unchecked Sendable {
    let factor: Double
    let origin = Date()

    init(factor: Double) { self.factor = factor }

    func now() -> Date { origin.addingTimeInterval(Date().timeIntervalSince(origin) * factor) }

    func sleep(for seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds / factor * 1_000_000_000))
    }
}
