import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// Every view draws from the journal's latest reading: History's rows, the detail pane, Operations
/// and its questions change as the journal does, finished jobs are announced once and stay until
/// dismissed, and the selection stays on its generation while rows come and go.
struct LiveViewTests {
    typealias Screens = StudioScreenTests

    @Test func historyRowsFollowTheJournal() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: [Screens.record(18, .queued, "a paper boat", seconds: 5)])
        #expect(StudioView.render(model).textPicture.contains { $0.contains("#18") && $0.contains("queued") })
        Readings.read(&model, history: [Screens.record(18, .done, "a paper boat", seconds: 5)])
        let rows = StudioView.render(model).textPicture
        #expect(rows.contains { $0.contains("#18") && $0.contains("done") }, "the row says done as soon as the journal does")
        #expect(!rows.contains { $0.contains("#18") && $0.contains("queued") })
    }

    @Test func theSelectionStaysOnItsGenerationWhenNewRowsArrive() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: [5, 4, 3].map { Screens.record($0, .done, "row \($0)", seconds: 9) })
        _ = StudioUpdate.apply(.key(.down), to: &model)
        #expect(model.selectedID == 4)
        Readings.read(&model, history: [6, 5, 4, 3].map { Screens.record($0, .done, "row \($0)", seconds: 9) })
        #expect(model.selectedID == 4, "a new generation at the top does not move the cursor off #4")
        _ = StudioUpdate.apply(.key(.home), to: &model)
        Readings.read(&model, history: [7, 6, 5, 4, 3].map { Screens.record($0, .done, "row \($0)", seconds: 9) })
        #expect(model.selectedID == 7, "on the first row, History follows the newest generation")
    }

    @Test func historyReadsOlderGenerationsAsTheCursorNearsTheEnd() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: (1...100).reversed().map { Screens.record(Int64($0), .done, "row \($0)", seconds: 9) })
        #expect(model.journalQuery.historyLimit == 100)
        _ = StudioUpdate.apply(.key(.character("G")), to: &model)
        #expect(model.journalQuery.historyLimit == 200, "the last row read asks for the next page")
        _ = StudioUpdate.apply(.key(.character("/")), to: &model)
        _ = StudioUpdate.apply(.key(.character("r")), to: &model)
        #expect(model.journalQuery.historyLimit == 100, "a new search starts at one page")
    }

    @Test func theDetailPaneFollowsTheJobUntilItIsDone() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        Readings.read(&model, detail: GenerationDetail(record: Screens.record(7, .running, "a lighthouse", seconds: 40), outputs: [],
                                                       events: [], children: [], inputs: []))
        #expect(StudioView.render(model).textPicture.contains { $0.contains("#7 running") })
        let output = OutputRecord(generationID: 7, sampleIndex: 0, path: "/media/7.mp4", bytes: 4096, sha256: String(repeating: "b", count: 64),
                                  remoteURI: nil, expiresAt: nil, mimeType: "video/mp4", createdAt: Screens.now)
        Readings.read(&model, detail: GenerationDetail(record: Screens.record(7, .done, "a lighthouse", seconds: 40), outputs: [output],
                                                       events: [], children: [], inputs: []))
        let rows = StudioView.render(model).textPicture.joined(separator: "\n")
        #expect(rows.contains("#7 done") && rows.contains("/media/7.mp4"), "the pane shows the video once the job is done")
        #expect(rows.contains("sha256 " + String(repeating: "b", count: 64)), "each output's sha256, as its label promises")
        #expect(!rows.contains("#7 running"))
    }

    @Test func aDetailPaneWhoseGenerationLeftTheJournalCloses() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.enter), to: &model)
        Readings.read(&model, detail: GenerationDetail(record: Screens.record(7, .running, "x", seconds: 4), outputs: [], events: [],
                                                       children: [], inputs: []))
        var snapshot = model.journal
        snapshot.detail = nil
        _ = StudioUpdate.apply(.journalRead(snapshot), to: &model)
        #expect(model.panel == nil && model.toast == "#7 is no longer in the journal")
    }

    @Test func aFinishedJobIsAnnouncedOnceWithItsVideoAndANotificationWhenNotLookedAt() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        let effects = Readings.read(&model, operations: [Screens.record(7, .done, "a lighthouse", seconds: 40),
                                                         Screens.record(8, .queued, "x", seconds: 3)])
        #expect(effects == [.notify(JobNotice(jobID: 7, status: "done", outputPath: "/media/7.mp4", text: "#7 done: a lighthouse"))], "\(effects)")
        #expect(model.toast?.hasPrefix("#7 done → /media/7.mp4") == true, "\(model.toast ?? "")")
        #expect(Readings.read(&model, operations: [Screens.record(7, .done, "a lighthouse", seconds: 40)]).isEmpty, "once")
        _ = StudioUpdate.apply(.key(.function(3)), to: &model)
        #expect(Readings.read(&model, operations: [Screens.record(7, .done, "a lighthouse", seconds: 40),
                                                   Screens.record(9, .done, "seen ending", seconds: 2)]).isEmpty,
                "a job ending while Operations is in front is not notified: it is seen")
        #expect(model.operations.map(\.id) == [7, 9], "finished jobs stay in Operations until dismissed")
        #expect(StudioUpdate.apply(.key(.character("d")), to: &model) == [.dismiss([7])])
        #expect(StudioUpdate.apply(.key(.character("o")), to: &model) == [.openOutput(7, sample: 0)], "o works on a finished row")
    }

    @Test func aJobThatEndedBeforeTheStudioStartedIsNotAnnounced() {
        var model = Screens.model()
        var old = Screens.record(3, .done, "yesterday", seconds: 9000)
        old.finishedAt = Screens.now.addingTimeInterval(-3600)
        #expect(!Readings.read(&model, operations: [old]).contains(.bell))
    }

    @Test func theCancelQuestionGoesWhenTheJobEndsFirst() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.character("x")), to: &model)
        #expect(model.confirmation?.cancelledJob == 7)
        Readings.read(&model, operations: [Screens.record(7, .done, "a lighthouse", seconds: 40), Screens.record(8, .queued, "x", seconds: 3)])
        #expect(model.confirmation == nil)
        #expect(model.toast?.contains("#7") == true)
    }

    @Test func aDialogSaysWhichKeysAnswerAndScreenKeysMoveOn() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.character("x")), to: &model)
        #expect(StudioUpdate.apply(.key(.character("j")), to: &model).isEmpty)
        #expect(model.confirmation != nil && model.toast?.contains("y or Enter: yes · n or Esc: no") == true, "a stray key is answered")
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        #expect(model.confirmation == nil && model.screen == .history, "a screen key drops the question and goes there")
    }

    @Test func theSandboxCancelSaysNothingIsCharged() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.character("x")), to: &model)
        #expect(model.confirmation?.detail.contains("nothing is charged either way") == true)
        var real = Screens.model()
        Readings.read(&real, operations: [Screens.record(7, .running, "a lighthouse", seconds: 4, synthetic: false)])
        _ = StudioUpdate.apply(.key(.character("x")), to: &real)
        #expect(real.confirmation?.detail.contains("If it finishes, it is charged.") == true)
    }

    @Test func aFilteredJobIsRefusedAtOnceForOpenAndExtend() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: [Screens.record(4, .filtered, "a famous actor", seconds: 50)])
        #expect(StudioUpdate.apply(.key(.character("o")), to: &model).isEmpty)
        #expect(model.toast?.contains("the safety filter blocked it, so it has no video") == true)
        #expect(StudioUpdate.apply(.key(.character("e")), to: &model).isEmpty)
        #expect(model.toast?.hasPrefix("cannot extend #4") == true)
    }

    @Test func aJobWithSeveralVideosAsksWhichOneOpens() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        var snapshot = model.journal
        snapshot.history = [GenerationSummary(record: Screens.record(5, .done, "four takes", seconds: 9), samples: 4, outputs: 4,
                                              downloaded: 4, firstOutputPath: "/media/5-1.mp4")]
        _ = StudioUpdate.apply(.journalRead(snapshot), to: &model)
        #expect(StudioUpdate.apply(.key(.character("o")), to: &model) == [.openOutput(5, sample: nil)])
        _ = StudioUpdate.apply(.samplesFound(5, [(0, "a.mp4"), (1, "b.mp4"), (2, "c.mp4"), (3, "d.mp4")]), to: &model)
        #expect(StudioView.render(model).textPicture.contains { $0.contains("Open which video of #5?") })
        #expect(StudioUpdate.apply(.key(.character("3")), to: &model) == [.openOutput(5, sample: 2)])
        #expect(model.sampleChooser == nil)
    }

    @Test func theDeleteQuestionSaysWhetherTheVideoFilesGo() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        Readings.read(&model, history: [Screens.record(5, .done, "a red fox", seconds: 90)])
        #expect(StudioUpdate.apply(.key(.character("d")), to: &model) == [.askDelete(5)], "the runtime reads what goes with it")
        _ = StudioUpdate.apply(.deleteAsked(DeleteFacts(id: 5, files: ["/media/veo-5-a-red-fox.mp4"], children: [(14, "extend")], inputs: 0)),
                               to: &model)
        let detail = try? #require(model.confirmation?.detail)
        #expect(detail?.contains("Its video file is deleted from disk with its sidecar: veo-5-a-red-fox.mp4.") == true)
        #expect(detail?.contains("Made from it: #14 (extend)") == true, "a child is named before it loses its link")
        #expect(detail?.contains("library") == false, "a job with no inputs says nothing of them")
        _ = StudioUpdate.apply(.key(.character("n")), to: &model)
        #expect(model.toast == "#5 is kept")
    }

    @Test func aFilterThatMatchesNothingSaysSoAndStatusStartsAtDone() {
        var model = Screens.model()
        _ = StudioUpdate.apply(.key(.function(4)), to: &model)
        #expect(StudioUpdate.apply(.key(.character("f")), to: &model) == [.loadFilterChoices])
        for _ in 0..<3 { _ = StudioUpdate.apply(.key(.down), to: &model) }
        _ = StudioUpdate.apply(.key(.right), to: &model)
        #expect(model.historyFilter.status == .done, "the status filter starts at done")
        #expect(model.journalQuery.historyFilter.status == .done)
        Readings.read(&model, history: [])
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(StudioView.render(model).textPicture.contains { $0.contains("No generation matches the filter (status done)") })
    }

    @Test func historyMarksEveryChildAndTheDetailShowsWhatARerunChanged() throws {
        var child = Screens.record(6, .done, "a lighthouse", seconds: 9)
        child.parentID = 5
        child.parentKind = "rerun"
        #expect(JobRow(record: child, now: Screens.now, latency: nil).promptHead.hasPrefix("↳#5 "))
        var detail = GenerationDetail(record: child, outputs: [], events: [], children: [], inputs: [])
        detail.changes = [("durationSeconds", .number(8), .number(6))]
        #expect(detail.lines.contains { $0.text == "changed vs #5: durationSeconds 8 → 6" })
    }
}
