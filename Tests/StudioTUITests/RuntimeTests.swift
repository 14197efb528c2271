import Foundation
import Glibc
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// A terminal for the runtime that a test types into and reads frames from. Its keys arrive
/// through a pipe, as a real terminal's do, so the runtime sleeps on it instead of polling.
@MainActor
final class ScriptedTerminal: TerminalBackend {
    var size = Size(width: 100, height: 30)
    private(set) var frames = 0
    private(set) var lastFrame: [String] = []
    private(set) var bells = 0
    private var keys: [Key] = []
    private let pipeEnds: (read: Int32, write: Int32)

    init() {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        pipeEnds = (fds[0], fds[1])
    }

    func close() {
        Glibc.close(pipeEnds.read)
        Glibc.close(pipeEnds.write)
    }

    func press(_ typed: Key...) {
        keys += typed
        var byte: UInt8 = 1
        _ = write(pipeEnds.write, &byte, 1)
    }

    var wakeDescriptors: [Int32] { [pipeEnds.read] }
    func start() {}
    func stop() {}
    @discardableResult func refreshSize() -> Size { size }
    func bell() { bells += 1 }

    func draw(_ buffer: CellBuffer, cursor: Point?) {
        frames += 1
        lastFrame = buffer.textPicture
    }

    func readKey() -> Key? {
        guard !keys.isEmpty else {
            var bytes = [UInt8](repeating: 0, count: 64)
            while read(pipeEnds.read, &bytes, bytes.count) > 0 {}
            return nil
        }
        return keys.removeFirst()
    }

    var screen: String { lastFrame.joined(separator: "\n") }
}

/// The runtime end to end on a journal file, with a second connection writing to it as another
/// process (a CLI `generate`, a `resume`) would: every open view shows the change without a restart
/// or a key (the bound is generous for loaded test machines; the tmux stage holds it to 1 s and
/// `veo-bench studio` measures it), and the loop draws only when something happened.
@MainActor
struct RuntimeTests {
    final class Stop: @unchecked Sendable { var requested = false }

    struct Stage {
        let folder: URL
        let other: Journal
        let terminal: ScriptedTerminal
        let runtime: StudioRuntime
        let stop: Stop
    }

    /// A studio on a new folder's journal, and a second connection to it.
    static func stage() throws -> Stage {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-runtime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try stage(in: folder, other: try Journal.open(at: folder.appendingPathComponent("journal.sqlite")))
    }

    /// A studio on the folder's journal (a second one on the same folder is a restart).
    static func stage(in folder: URL, other: Journal) throws -> Stage {
        let service = GenerationService(journal: try Journal.open(at: folder.appendingPathComponent("journal.sqlite")),
                                        registry: StudioScreenTests.registry, prices: try PriceTable.builtIn(),
                                        assets: AssetStore(root: folder.appendingPathComponent("assets")),
                                        mediaRoot: folder.appendingPathComponent("media"))
        let stop = Stop()
        let terminal = ScriptedTerminal()
        let runtime = StudioRuntime(backend: terminal, dependencies: .init(
            service: service, providerName: "sandbox", synthetic: true,
            provider: { id, _ in throw StudioError(field: "provider", code: "test.offline", message: "\(id) is not started in this test", fix: "") },
            latencyScale: { _ in 1 }, shouldStop: { stop.requested }, dataDirectory: folder, ffmpeg: nil, workingDirectory: folder))
        return Stage(folder: folder, other: other, terminal: terminal, runtime: runtime, stop: stop)
    }

    /// Waits (polling the frames, bounded) until the screen shows `text`; returns the seconds it took, or nil.
    static func seconds(until text: String, on terminal: ScriptedTerminal, within bound: Double = 20) async -> Double? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .milliseconds(Int(bound * 1000)) {
            if terminal.screen.contains(text) {
                let elapsed = ContinuousClock.now - start
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }

    static func job(_ prompt: String, status: JobStatus) -> GenerationRecord {
        let now = Date()
        return GenerationRecord(createdAt: now, updatedAt: now, provider: "sandbox", model: "veo-3.1-generate-preview", mode: .textToVideo,
                                status: status, prompt: prompt, specJSON: "{}", operationName: "models/x/operations/\(prompt.count)",
                                submittedAt: now, costEstimateUSD: 3.2, synthetic: true)
    }

    @Test func thePresetsPanelNamesAPresetALineWouldRefuseAndDoesNotLoadIt() throws {
        let stage = try Self.stage()
        defer { try? FileManager.default.removeItem(at: stage.folder) }
        let folder = stage.folder.appendingPathComponent("presets")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("colour = \"red\"\n".utf8).write(to: folder.appendingPathComponent("bad.toml"))
        try Data("duration = 6\n".utf8).write(to: folder.appendingPathComponent("short.toml"))
        guard case .presetsListed(let entries, let problems)? = stage.runtime.presetEffect(.listPresets).first else {
            Issue.record("F6 lists the presets")
            return
        }
        #expect(entries.map(\.name) == ["short"], "only what can be used is offered")
        #expect(problems.count == 1 && problems[0].contains("colour: no such key"), "\(problems)")
        guard case .toast(let said)? = stage.runtime.presetEffect(.loadPreset("bad")).first else {
            Issue.record("loading it says why not")
            return
        }
        #expect(said.hasPrefix("preset bad cannot be used:"), "\(said)")
    }

    @Test func aJobFinishingElsewhereReachesHistoryAndTheOpenDetailLive() async throws {
        let stage = try Self.stage()
        defer {
            stage.terminal.close()
            try? FileManager.default.removeItem(at: stage.folder)
        }
        let id = try #require(try stage.other.recordNewGeneration(Self.job("a lighthouse watched live", status: .running), assets: []).id)
        let running = Task { await stage.runtime.run() }
        #expect(await Self.seconds(until: "Operations — 1 running", on: stage.terminal, within: 30) != nil, "\(stage.terminal.screen)")
        stage.terminal.press(.function(4))
        #expect(await Self.seconds(until: "a lighthouse watched live", on: stage.terminal) != nil, "History lists it")
        stage.terminal.press(.enter)
        #expect(await Self.seconds(until: "#\(id) running — Esc closes", on: stage.terminal) != nil, "\(stage.terminal.screen)")

        // Another process finishes the job: the open detail pane follows.
        let output = OutputRecord(generationID: id, sampleIndex: 0, path: "/media/lighthouse.mp4", bytes: 4096,
                                  sha256: String(repeating: "c", count: 64), remoteURI: nil, expiresAt: nil, mimeType: "video/mp4",
                                  createdAt: Date())
        try stage.other.recordOutput(output)
        try stage.other.update(id, status: .done, detail: "finished elsewhere", at: Date())
        let paneDelay = await Self.seconds(until: "#\(id) done — Esc closes", on: stage.terminal)
        #expect(paneDelay != nil, "the detail pane shows done: \(stage.terminal.screen)")
        #expect(stage.terminal.screen.contains("/media/lighthouse.mp4"))
        #expect(stage.terminal.bells == 0, "its own pane was in front: no bell, no notification")

        // Back in History, the row says done; a generation made elsewhere appears at the top.
        stage.terminal.press(.escape)
        #expect(await Self.seconds(until: "#\(id)  done", on: stage.terminal) != nil, "\(stage.terminal.screen)")
        let second = try #require(try stage.other.recordNewGeneration(Self.job("a kite made by the CLI", status: .queued), assets: []).id)
        #expect(await Self.seconds(until: "a kite made by the CLI", on: stage.terminal) != nil, "a CLI job appears live")
        #expect(stage.terminal.screen.contains("#\(second)"))

        // Nothing happening: the loop sleeps (only the clock's tick redraws).
        let framesBefore = stage.terminal.frames
        try? await Task.sleep(for: .milliseconds(300))
        #expect(stage.terminal.frames - framesBefore <= 1, "an idle studio does not redraw on a poll")
        stage.stop.requested = true
        stage.terminal.press(.escape)
        await running.value
    }

    @Test func theUnsentDraftOfEachTabSurvivesARestart() async throws {
        let stage = try Self.stage()
        defer {
            stage.terminal.close()
            try? FileManager.default.removeItem(at: stage.folder)
        }
        var running = Task { await stage.runtime.run() }
        #expect(await Self.seconds(until: "Generate — text to video", on: stage.terminal, within: 30) != nil, "nothing runs: the form opens")
        stage.terminal.press(.character("a"), .character(" "), .character("k"), .character("i"), .character("t"), .character("e"))
        #expect(await Self.seconds(until: "a kite", on: stage.terminal) != nil)
        stage.terminal.press(.control("q"))
        #expect(await Self.seconds(until: "Your unsent Text draft is kept for the next start.", on: stage.terminal) != nil, "\(stage.terminal.screen)")
        stage.terminal.press(.character("y"))
        await running.value

        let again = try Self.stage(in: stage.folder, other: stage.other)
        running = Task { await again.runtime.run() }
        #expect(await Self.seconds(until: "a kite", on: again.terminal, within: 30) != nil, "the draft came back: \(again.terminal.screen)")
        #expect(again.terminal.screen.contains("came back from the last session"))
        again.stop.requested = true
        again.terminal.press(.escape)
        await running.value
        again.terminal.close()
    }
}
