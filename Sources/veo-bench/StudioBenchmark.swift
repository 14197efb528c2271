import ArgumentParser
import Foundation
import StudioCore
import StudioTUI
import Synchronization
import TermUI

/// The studio over a journal of N generations, every view drawn from the observed journal as the
/// studio draws it: journal open to first frame, a History frame, search as you type per keystroke
/// (the journal read for the new question + update + frame), and a job's change made by another
/// connection (as another process makes it) until it is on every open view, and memory.
struct StudioBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "studio", abstract: "Studio frames over a large journal.")

    @Option(help: "Generations in the journal.") var rows = 100_000
    @Option(help: "Frames and keystrokes per measurement.") var samples = 300
    @Option(help: "Changes made by another connection.") var changes = 40

    @MainActor
    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("journal.sqlite")
        try JournalBenchmark.fill(try Journal.open(at: path), rows: 0..<rows, withOutputs: true)
        print("journal with \(rows) generations (each with its video), 120×40 terminal")

        var model = AppModel(registry: try CapabilityRegistry.builtIn())
        var mirror: JournalMirror?
        let start = try Stopwatch.seconds {
            let journal = try Journal.open(at: path)
            let service = GenerationService(journal: journal, registry: model.registry, prices: try PriceTable.builtIn(),
                                            assets: AssetStore(root: folder.appendingPathComponent("assets")),
                                            mediaRoot: folder.appendingPathComponent("media"))
            let opened = JournalMirror(service: service)
            mirror = opened
            _ = StudioUpdate.apply(.resized(Size(width: 120, height: 40)), to: &model)
            _ = StudioUpdate.apply(.journalRead(opened.read(model.journalQuery, previous: nil, journalChanged: true)), to: &model)
            _ = StudioView.render(model)
        }
        print("journal open to first frame (no terminal): \(Stopwatch.ms(start))  (target ≤ 150 ms with the terminal)")
        guard let mirror else { return }
        func observe(changed: Bool) {
            _ = StudioUpdate.apply(.journalRead(mirror.read(model.journalQuery, previous: model.journal, journalChanged: changed)), to: &model)
        }

        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        observe(changed: false)
        var renders: [Double] = []
        for index in 0..<samples {
            _ = StudioUpdate.apply(.key(index % 2 == 0 ? .down : .up), to: &model)
            renders.append(Stopwatch.seconds { _ = StudioView.render(model) })
        }
        print("History frame render: p50 \(Stopwatch.ms(Stopwatch.percentile(renders, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(renders, 0.99)))  (target ≤ 5 ms)")

        try measureQueue(path: path, mirror: mirror, model: &model)

        _ = StudioUpdate.apply(.key(.character("/")), to: &model)
        let typed = Array("fox river dawn")
        var keystrokes: [Double] = []
        var reads: [Double] = []
        var updates: [Double] = []
        for index in 0..<samples {
            let character = typed[index % typed.count]
            if index % typed.count == 0 { model.historySearch = TextEditorState() }
            var reading: JournalSnapshot?
            let read = Stopwatch.seconds {
                _ = StudioUpdate.apply(.key(.character(character)), to: &model)
                reading = mirror.read(model.journalQuery, previous: model.journal, journalChanged: false)
            }
            let update = Stopwatch.seconds { if let reading { _ = StudioUpdate.apply(.journalRead(reading), to: &model) } }
            let frame = Stopwatch.seconds { _ = StudioView.render(model) }
            reads.append(read)
            updates.append(update)
            keystrokes.append(read + update + frame)
        }
        print("search as you type, per keystroke (journal read + update + frame): p50 \(Stopwatch.ms(Stopwatch.percentile(keystrokes, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(keystrokes, 0.99)))  (target ≤ 10 ms)")
        print("  of which the journal read p50 \(Stopwatch.ms(Stopwatch.percentile(reads, 0.5))), the update (tables laid out) p50 \(Stopwatch.ms(Stopwatch.percentile(updates, 0.5)))")
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        model.historySearch = TextEditorState()
        try measureChanges(path: path, mirror: mirror, model: &model)
        print(String(format: "resident memory: %.1f MB  (target ≤ 60 MB)", Stopwatch.residentMB()))
    }

    /// 100 jobs waiting in the queue (20 of them a batch): Operations read and drawn with each one's
    /// place and reason, and History filtered to the batch, at the journal's size.
    @MainActor
    private func measureQueue(path: URL, mirror: JournalMirror, model: inout AppModel) throws {
        let journal = try Journal.open(at: path)
        let now = Date()
        let batch = BatchRecord(id: BatchRecord.newID(at: now), createdAt: now, name: "bench.jsonl", lines: 20, jobs: 20, estimateUSD: 64)
        let jobs = (0..<100).map { index in
            (record: GenerationRecord(createdAt: now, updatedAt: now, provider: "vertex", model: "veo-3.1-generate-001", mode: .textToVideo,
                                      status: .waiting, prompt: "queued shot \(index)", specJSON: "{}", costEstimateUSD: 3.2),
             assets: [(role: String, asset: AssetRecord)](),
             entry: QueueEntry(reason: index % 3 == 0 ? "quota: 10 requests a minute" : nil, batchID: index < 20 ? batch.id : nil, queuedAt: now))
        }
        _ = try journal.enqueue(batch: batch, jobs: jobs)
        _ = StudioUpdate.apply(.key(.function(3)), to: &model)
        var frames: [Double] = []
        for _ in 0..<samples {
            frames.append(Stopwatch.seconds {
                _ = StudioUpdate.apply(.journalRead(mirror.read(model.journalQuery, previous: model.journal, journalChanged: true)), to: &model)
                _ = StudioView.render(model)
            })
        }
        let drawn = (0..<samples).map { _ in Stopwatch.seconds { _ = StudioView.render(model) } }
        print("Operations with 100 queued jobs: frame p50 \(Stopwatch.ms(Stopwatch.percentile(drawn, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(drawn, 0.99)))  (target ≤ 5 ms); "
              + "with the whole journal read after a change p50 \(Stopwatch.ms(Stopwatch.percentile(frames, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(frames, 0.99)))")
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        var filtered: [Double] = []
        for _ in 0..<samples {
            filtered.append(try Stopwatch.seconds {
                let rows = try journal.historySummaries(matching: "", filter: HistoryFilter(batch: batch.id), limit: 200)
                var snapshot = model.journal
                snapshot.history = rows
                _ = StudioUpdate.apply(.journalRead(snapshot), to: &model)
                _ = StudioView.render(model)
            })
        }
        print("History filtered to a batch (journal read + update + frame): p50 \(Stopwatch.ms(Stopwatch.percentile(filtered, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(filtered, 0.99)))  (target ≤ 5 ms)")
    }

    /// A running job changed by another connection, History and its detail pane open: the time from
    /// the commit until the change signal fired and the frame shows the new state.
    @MainActor
    private func measureChanges(path: URL, mirror: JournalMirror, model: inout AppModel) throws {
        let other = try Journal.open(at: path)
        let date = Date()
        let job = try other.recordNewGeneration(GenerationRecord(
            createdAt: date, updatedAt: date, provider: "sandbox", model: "veo-3.1-generate-preview", mode: .textToVideo,
            status: .running, prompt: "a lighthouse watched live", specJSON: "{}", submittedAt: date, costEstimateUSD: 3.2), assets: [])
        guard let id = job.id else { return }
        let fired = Mutex<ContinuousClock.Instant?>(nil)
        let signal = JournalChangeSignal(journal: try Journal.open(at: path)) {
            fired.withLock { if $0 == nil { $0 = .now } }
        }
        defer { signal.stop() }
        _ = StudioUpdate.apply(.journalRead(mirror.read(model.journalQuery, previous: model.journal, journalChanged: true)), to: &model)
        _ = StudioUpdate.apply(.key(.home), to: &model)
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        var latencies: [Double] = []
        for index in 0..<changes {
            fired.withLock { $0 = nil }
            let status: JobStatus = index % 2 == 0 ? .downloading : .running
            let committed = ContinuousClock.now
            try other.update(id, status: status, detail: "benchmark change \(index)", at: Date())
            let deadline = committed + .seconds(2)
            var firedAt: ContinuousClock.Instant?
            while firedAt == nil, ContinuousClock.now < deadline {
                firedAt = fired.withLock { $0 }
                if firedAt == nil { Thread.sleep(forTimeInterval: 0.002) }
            }
            _ = StudioUpdate.apply(.journalRead(mirror.read(model.journalQuery, previous: model.journal, journalChanged: true)), to: &model)
            let frame = StudioView.render(model).textPicture.joined(separator: "\n")
            let shown = ContinuousClock.now
            guard firedAt != nil, frame.contains("#\(id) \(status.rawValue)") else {
                print("change \(index) did not reach the detail pane within 2 s")
                continue
            }
            latencies.append(Double((shown - committed).components.attoseconds) / 1e18 + Double((shown - committed).components.seconds))
        }
        print("a job's change by another connection until every open view shows it (signal + read + frame): p50 \(Stopwatch.ms(Stopwatch.percentile(latencies, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(latencies, 0.99))), \(latencies.count)/\(changes) seen  (target ≤ 1 s)")
    }
}
