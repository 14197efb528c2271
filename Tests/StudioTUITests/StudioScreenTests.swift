import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// update() scripts (keys in, state and effects out) and the screens as text pictures.
struct StudioScreenTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_100)
    static let registry = try! CapabilityRegistry.builtIn()

    static func record(_ id: Int64, _ status: JobStatus, _ prompt: String, seconds: Double) -> GenerationRecord {
        GenerationRecord(id: id, createdAt: now.addingTimeInterval(-seconds), updatedAt: now, provider: "sandbox",
                         model: "veo-3.1-generate-preview", mode: id % 2 == 0 ? .textToVideo : .referenceImages, status: status,
                         prompt: prompt, specJSON: "{}", submittedAt: now.addingTimeInterval(-seconds),
                         finishedAt: status.isFinal ? now : nil, costEstimateUSD: 3.2, synthetic: true)
    }

    static func model(size: Size = Size(width: 80, height: 24)) -> AppModel {
        var model = AppModel(registry: registry)
        model.now = now
        _ = StudioUpdate.apply(.resized(size), to: &model)
        _ = StudioUpdate.apply(.operationsChanged([record(7, .running, "a lighthouse in a storm, waves crash", seconds: 40),
                                                   record(8, .queued, "三つの材料が踊る 🎬", seconds: 3)]), to: &model)
        return model
    }

    @Test func keysMoveBetweenScreensAndQuit() {
        var model = Self.model()
        #expect(StudioUpdate.apply(.key(.function(4)), to: &model) == [.loadHistory("", HistoryFilter())])
        #expect(model.screen == .history)
        _ = StudioUpdate.apply(.key(.character("/")), to: &model)
        #expect(model.inTextField)
        var effects: [StudioEffect] = []
        for character in "fox" { effects = StudioUpdate.apply(.key(.character(character)), to: &model) }
        #expect(effects == [.loadHistory("fox", HistoryFilter())], "search as you type")
        #expect(StudioUpdate.apply(.key(.character("q")), to: &model) == [.loadHistory("foxq", HistoryFilter())], "q types inside the search field")
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(!model.inTextField)
        #expect(StudioUpdate.apply(.key(.character("q")), to: &model) == [.quit])
        #expect(StudioUpdate.apply(.key(.control("q")), to: &model) == [.quit])
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

    @Test func helpOpensAndCloses() {
        var model = Self.model()
        _ = StudioUpdate.apply(.key(.function(1)), to: &model)
        #expect(model.showingHelp)
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(!model.showingHelp)
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func operationsScreen(_ size: Size) throws {
        let model = Self.model(size: size)
        let buffer = StudioView.render(model, latency: { _ in LatencyModel(medianSeconds: 75, sigma: 0.3) })
        try Snapshot.check(buffer, named: "operations-\(size)")
    }

    @Test func tooSmallAsksForMoreRoom() throws {
        try Snapshot.check(StudioView.render(Self.model(size: Size(width: 60, height: 16))), named: "too-small-60x16")
    }

    @Test func historyWithSearch() throws {
        var model = Self.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        _ = StudioUpdate.apply(.historyLoaded([Self.record(5, .done, "a red fox in snow", seconds: 90),
                                               Self.record(4, .filtered, "a famous actor", seconds: 50)]), to: &model)
        _ = StudioUpdate.apply(.key(.character("/")), to: &model)
        _ = StudioUpdate.apply(.key(.character("f")), to: &model)
        try Snapshot.check(StudioView.render(model), named: "history-80x24")
    }

    @Test func enterOpensTheDetailWithTheExplanation() throws {
        var model = Self.model()
        #expect(StudioUpdate.apply(.key(.enter), to: &model) == [.loadDetail(7)])
        var failed = Self.record(7, .failed, "a lighthouse in a storm", seconds: 40)
        failed.errorMessage = "HTTP 400 INVALID_ARGUMENT: Your use case is currently not supported."
        failed.errorExplanation = "the service refused this combination — check the likely causes"
        _ = StudioUpdate.apply(.detailLoaded(GenerationDetail(record: failed, outputs: [], events: [], children: [], inputs: [])),
                               to: &model)
        let buffer = StudioView.render(model)
        try Snapshot.check(buffer, named: "detail-80x24")
        #expect(buffer.textPicture.contains { $0.contains("Your use case is currently not supported") })
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(model.panel == nil)
    }
}
