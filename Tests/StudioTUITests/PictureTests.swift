import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// Every screen this studio changed, as text and role pictures at 80×24 and 120×40 (the other
/// tests hold some at one size; these complete the pair). `VEO_STUDIO_RECORD=1` re-records them.
@MainActor
struct PictureTests {
    typealias Screens = StudioScreenTests
    nonisolated static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    @Test(arguments: sizes)
    func theQuitQuestion(_ size: Size) throws {
        var model = Screens.model(size: size)
        _ = StudioUpdate.apply(.key(.control("q")), to: &model)
        try Snapshot.check(StudioView.render(model), named: "quit-\(size)")
    }

    @Test(arguments: sizes)
    func theSampleChooser(_ size: Size) throws {
        var model = Screens.model(size: size)
        _ = StudioUpdate.apply(.samplesFound(7, [(0, "veo-7-a-lighthouse.mp4"), (1, "veo-7-a-lighthouse-2.mp4")]), to: &model)
        try Snapshot.check(StudioView.render(model), named: "samples-\(size)")
    }

    @Test(arguments: sizes)
    func operationsWithAFinishedJob(_ size: Size) throws {
        var model = Screens.model(size: size)
        var child = Screens.record(9, .done, "a lighthouse, take two", seconds: 80)
        child.parentID = 7
        child.parentKind = "rerun"
        Readings.read(&model, operations: [Screens.record(7, .running, "a lighthouse in a storm, waves crash", seconds: 40),
                                           Screens.record(4, .filtered, "a famous actor", seconds: 50), child])
        try Snapshot.check(StudioView.render(model), named: "operations-finished-\(size)")
    }

    @Test(arguments: sizes)
    func historyWithAFilterThatMatchesNothing(_ size: Size) throws {
        var model = Screens.model(size: size)
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        model.historyFilter = HistoryFilter(status: .cancelled)
        Readings.read(&model, history: [])
        try Snapshot.check(StudioView.render(model), named: "history-no-match-\(size)")
    }

    @Test func theProblemsAt120x40() throws {
        let (model, _) = try FormSafetyTests.threeProblems(size: Size(width: 120, height: 40))
        try Snapshot.check(StudioView.render(model), named: "problems-120x40")
    }

    @Test func helpAt120x40() throws {
        var model = Screens.model(size: Size(width: 120, height: 40))
        _ = StudioUpdate.apply(.key(.function(1)), to: &model)
        try Snapshot.check(StudioView.render(model), named: "help-operations-120x40")
    }

    @Test func theConversationAt120x40() throws {
        var chain = ConversationTests.finishedChain()
        chain.turns.append(ConversationTests.turn(18, .running, "make the car red", parent: 15))
        var model = ConversationTests.openModel(chain)
        _ = StudioUpdate.apply(.resized(Size(width: 120, height: 40)), to: &model)
        try Snapshot.check(StudioView.render(model), named: "conversation-120x40")
    }

    @Test func theDetailAt120x40() throws {
        var model = Screens.model(size: Size(width: 120, height: 40))
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        var record = Screens.record(7, .done, "a lighthouse in a storm, waves crash", seconds: 40)
        record.serverAnswerJSON = #"{"done": true, "name": "models/veo/operations/7", "response": {"videos": [{"uri": "https://example.invalid/7.mp4"}]}}"#
        let output = OutputRecord(generationID: 7, sampleIndex: 0, path: "/media/7.mp4", bytes: 4_194_304, sha256: String(repeating: "d", count: 64),
                                  remoteURI: "https://example.invalid/7.mp4", expiresAt: nil, mimeType: "video/mp4", createdAt: Screens.now)
        Readings.read(&model, detail: GenerationDetail(record: record, outputs: [output], events: [], children: [], inputs: []))
        try Snapshot.check(StudioView.render(model), named: "detail-120x40")
    }
}
