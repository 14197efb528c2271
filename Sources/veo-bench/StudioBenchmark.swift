import ArgumentParser
import Foundation
import StudioCore
import StudioTUI
import TermUI

/// The studio over a journal of N generations: model ready to first frame, a History frame render,
/// search as you type per keystroke (journal query + update + render), and memory.
struct StudioBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "studio", abstract: "Studio frames over a large journal.")

    @Option(help: "Generations in the journal.") var rows = 100_000
    @Option(help: "Frames and keystrokes per measurement.") var samples = 300

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("journal.sqlite")
        try JournalBenchmark.fill(try Journal.open(at: path), rows: 0..<rows)
        print("journal with \(rows) generations, 120×40 terminal")

        var model = AppModel(registry: try CapabilityRegistry.builtIn())
        var journal: Journal?
        let start = try Stopwatch.seconds {
            let opened = try Journal.open(at: path)
            journal = opened
            _ = StudioUpdate.apply(.resized(Size(width: 120, height: 40)), to: &model)
            _ = StudioUpdate.apply(.operationsChanged(try opened.unfinished()), to: &model)
            _ = StudioView.render(model)
        }
        print("journal open to first frame (no terminal): \(Stopwatch.ms(start))  (target ≤ 150 ms with the terminal)")
        guard let journal else { return }

        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        _ = StudioUpdate.apply(.historyLoaded(try journal.newest(limit: StudioRuntime.historyPage)), to: &model)
        var renders: [Double] = []
        for index in 0..<samples {
            _ = StudioUpdate.apply(.key(index % 2 == 0 ? .down : .up), to: &model)
            renders.append(Stopwatch.seconds { _ = StudioView.render(model) })
        }
        print("History frame render: p50 \(Stopwatch.ms(Stopwatch.percentile(renders, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(renders, 0.99)))  (target ≤ 5 ms)")

        _ = StudioUpdate.apply(.key(.character("/")), to: &model)
        let typed = Array("fox river dawn")
        var keystrokes: [Double] = []
        for index in 0..<samples {
            let character = typed[index % typed.count]
            if index % typed.count == 0 { model.historySearch = TextEditorState() }
            keystrokes.append(try Stopwatch.seconds {
                for effect in StudioUpdate.apply(.key(.character(character)), to: &model) {
                    if case .loadHistory(let text, let filter) = effect {
                        _ = StudioUpdate.apply(.historyLoaded(try journal.history(matching: text, filter: filter, limit: StudioRuntime.historyPage)), to: &model)
                    }
                }
                _ = StudioView.render(model)
            })
        }
        print("search as you type, per keystroke (query + update + frame): p50 \(Stopwatch.ms(Stopwatch.percentile(keystrokes, 0.5))), p99 \(Stopwatch.ms(Stopwatch.percentile(keystrokes, 0.99)))  (target ≤ 10 ms)")
        print(String(format: "resident memory: %.1f MB  (target ≤ 60 MB)", Stopwatch.residentMB()))
    }
}
