import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// update() scripts (keys in, state and effects out) and the screens as text pictures.
struct StudioScreenTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_100)
    static let registry = try! CapabilityRegistry.builtIn()

    static func record(_ id: Int64, _ status: JobStatus, _ prompt: String, seconds: Double, model: String = "veo-3.1-generate-preview",
                       synthetic: Bool = true) -> GenerationRecord {
        GenerationRecord(id: id, createdAt: now.addingTimeInterval(-seconds), updatedAt: now, provider: "sandbox",
                         model: model, mode: id % 2 == 0 ? .textToVideo : .referenceImages, status: status,
                         prompt: prompt, specJSON: "{}", submittedAt: now.addingTimeInterval(-seconds),
                         finishedAt: status.isFinal ? now : nil, costEstimateUSD: 3.2, synthetic: synthetic)
    }

    static func model(size: Size = Size(width: 80, height: 24)) -> AppModel {
        var model = AppModel(registry: registry)
        model.now = now
        model.sessionStart = now
        _ = StudioUpdate.apply(.resized(size), to: &model)
        Readings.read(&model, operations: [record(7, .running, "a lighthouse in a storm, waves crash", seconds: 40),
                                           record(8, .queued, "三つの材料が踊る 🎬", seconds: 3)])
        return model
    }

    @Test func keysMoveBetweenScreensAndSearchAsYouType() {
        var model = Self.model()
        #expect(StudioUpdate.apply(.key(.function(4)), to: &model).isEmpty)
        #expect(model.screen == .history)
        _ = StudioUpdate.apply(.key(.character("/")), to: &model)
        #expect(model.inTextField)
        for character in "fox" { _ = StudioUpdate.apply(.key(.character(character)), to: &model) }
        #expect(model.journalQuery.historyText == "fox", "search as you type: the views ask the journal for it")
        _ = StudioUpdate.apply(.key(.character("q")), to: &model)
        #expect(model.journalQuery.historyText == "foxq", "q types inside the search field")
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(!model.inTextField)
    }

    @Test func quittingWithJobsRunningAsksAndSaysTheyResume() {
        var model = Self.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        #expect(StudioUpdate.apply(.key(.character("q")), to: &model).isEmpty, "two jobs run: q asks first")
        let question = try? #require(model.confirmation)
        #expect(question?.question == "Quit Veo Studio?")
        #expect(question?.detail.contains("2 jobs are still being made") == true && question?.detail.contains("next start") == true)
        #expect(StudioUpdate.apply(.key(.character("n")), to: &model).isEmpty && model.confirmation == nil)
        _ = StudioUpdate.apply(.key(.control("q")), to: &model)
        #expect(StudioUpdate.apply(.key(.control("q")), to: &model) == [.quit], "Ctrl-Q twice quits")
    }

    @Test func quittingWithNothingToLoseIsImmediate() {
        var model = Self.model()
        Readings.read(&model, operations: [])
        #expect(StudioUpdate.apply(.key(.function(3)), to: &model).isEmpty)
        #expect(StudioUpdate.apply(.key(.control("q")), to: &model) == [.quit])
    }

    @Test func theFirstScreenIsTheFormWhenNothingRuns() {
        var model = AppModel(registry: Self.registry)
        _ = StudioUpdate.apply(.resized(Size(width: 80, height: 24)), to: &model)
        let effects = Readings.read(&model, operations: [])
        #expect(model.screen == .generate, "nothing to watch: the studio opens on the form")
        #expect(effects.contains { if case .checkForm = $0 { return true }; return false })
        var watching = AppModel(registry: Self.registry)
        Readings.read(&watching, operations: [Self.record(7, .running, "a lighthouse", seconds: 4)])
        #expect(watching.screen == .operations, "a running job: the studio opens on Operations")
        Readings.read(&watching, operations: [])
        #expect(StudioView.hints(watching).first?.id == "screen.generate", "an empty Operations says F2 first")
    }

    @Test func listSelectionFollowsJAndK() {
        var model = Self.model()
        _ = StudioUpdate.apply(.key(.character("j")), to: &model)
        #expect(model.operationsList.selected == 1)
        _ = StudioUpdate.apply(.key(.character("j")), to: &model)
        #expect(model.operationsList.selected == 1, "stops at the last row")
        _ = StudioUpdate.apply(.key(.up), to: &model)
        #expect(model.operationsList.selected == 0)
    }

    @Test func helpHasHeadingsAndScrolls() {
        var model = Self.model()
        _ = StudioUpdate.apply(.key(.function(1)), to: &model)
        #expect(model.showingHelp)
        let rows = StudioView.render(model).textPicture
        #expect(rows.contains { $0.contains("── Operations ──") } && rows.contains { $0.contains("── Everywhere ──") })
        #expect(rows.contains { $0.contains("↓ more (j)") }, "more keys than rows: it says it scrolls")
        let firstRow = rows[2]
        _ = StudioUpdate.apply(.key(.character("j")), to: &model)
        #expect(StudioView.render(model).textPicture[2] != firstRow, "j scrolls")
        _ = StudioUpdate.apply(.key(.character("G")), to: &model)
        #expect(StudioView.render(model).textPicture.contains { $0.contains("── Text fields ──") || $0.contains("A new line in the prompt") })
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(!model.showingHelp)
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func operationsScreen(_ size: Size) throws {
        var model = Self.model(size: size)
        var snapshot = model.journal
        snapshot.latencies[JournalSnapshot.latencyKey(Self.record(7, .running, "", seconds: 0))] = LatencyModel(medianSeconds: 75, sigma: 0.3)
        _ = StudioUpdate.apply(.journalRead(snapshot), to: &model)
        try Snapshot.check(StudioView.render(model), named: "operations-\(size)")
    }

    @Test func tooSmallAsksForMoreRoom() throws {
        try Snapshot.check(StudioView.render(Self.model(size: Size(width: 60, height: 16))), named: "too-small-60x16")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func historyWithSearch(_ size: Size) throws {
        var model = Self.model(size: size)
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: [Self.record(5, .done, "a red fox in snow", seconds: 90),
                                        Self.record(4, .filtered, "a famous actor", seconds: 50)])
        _ = StudioUpdate.apply(.key(.character("/")), to: &model)
        _ = StudioUpdate.apply(.key(.character("f")), to: &model)
        try Snapshot.check(StudioView.render(model), named: size.width == 80 ? "history-80x24" : "history-\(size)")
    }

    @Test func enterOpensTheDetailWithTheExplanation() throws {
        var model = Self.model()
        #expect(StudioUpdate.apply(.key(.enter), to: &model).isEmpty)
        #expect(model.journalQuery.detailID == 7, "the pane asks the journal for #7")
        var failed = Self.record(7, .failed, "a lighthouse in a storm", seconds: 40)
        failed.errorMessage = "HTTP 400 INVALID_ARGUMENT: Your use case is currently not supported."
        failed.errorExplanation = "the service refused this combination — check the likely causes"
        Readings.read(&model, detail: GenerationDetail(record: failed, outputs: [], events: [], children: [], inputs: []))
        let buffer = StudioView.render(model)
        try Snapshot.check(buffer, named: "detail-80x24")
        #expect(buffer.textPicture.contains { $0.contains("Your use case is currently not supported") })
        #expect(buffer.textPicture.contains { $0.contains("it failed without a video") }, "the money follows the outcome")
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(model.panel == nil && model.journalQuery.detailID == nil)
    }
}
