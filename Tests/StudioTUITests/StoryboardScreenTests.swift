import Foundation
import Testing
import StudioCore
import TermUI
@testable import StudioTUI

/// The Storyboard screen (F8): the boards and the selected board's shots as rows (how each continues,
/// its state, take, cost), and the keys that retake, choose a take, edit a shot in the form and save
/// it back, add, move and stitch.
@MainActor
struct StoryboardScreenTests {
    static let boardID = "s20261206-101500-ab12"

    static func state() throws -> StoryboardState {
        let shots = [
            StoryboardShot(index: 1, line: 6, continuation: .cut, takes: 2, values: ["prompt": .string("a lighthouse at dusk")]),
            StoryboardShot(index: 2, line: 10, continuation: .extend, takes: 1, values: ["prompt": .string("the beam sweeps the sea")]),
            StoryboardShot(index: 3, line: 14, continuation: .lastFrame, takes: 1, values: ["prompt": .string("a boat turns towards it")]),
        ]
        let document = StoryboardDocument(title: "Harbour at night", fileName: "harbour.toml", directory: "/films", shots: shots)
        let board = try StoryboardRecord(id: boardID, createdAt: StudioScreenTests.now, title: document.title, fileName: document.fileName,
                                         fileSHA256: String(repeating: "0", count: 64), document: document)
        func take(_ shot: Int, _ take: Int, _ job: GenerationRecord?, note: String? = nil) -> (row: StoryboardTakeRecord, job: GenerationRecord?) {
            var row = StoryboardTakeRecord(storyboardID: boardID, shot: shot, take: take)
            row.id = Int64(shot * 10 + take)
            row.generationID = job?.id
            row.note = note
            return (row, job)
        }
        let first = [take(1, 1, StudioScreenTests.record(11, .done, "a lighthouse at dusk", seconds: 60)),
                     take(1, 2, StudioScreenTests.record(12, .done, "a lighthouse at dusk", seconds: 50))]
        let second = [take(2, 1, StudioScreenTests.record(13, .running, "the beam sweeps the sea", seconds: 20))]
        let third = [take(3, 1, nil)]
        return StoryboardState(board: board, document: document, shots: [
            .init(shot: shots[0], takes: first, chosen: first[0]),
            .init(shot: shots[1], takes: second, chosen: second[0]),
            .init(shot: shots[2], takes: third, chosen: third[0]),
        ])
    }

    static func model(size: Size = Size(width: 80, height: 24)) throws -> AppModel {
        var model = StudioScreenTests.model(size: size)
        _ = StudioUpdate.apply(.key(.function(8)), to: &model)
        var snapshot = model.journal
        let state = try state()
        snapshot.storyboards = [state.board]
        snapshot.board = state
        snapshot.query = model.journalQuery
        _ = StudioUpdate.apply(.journalRead(snapshot), to: &model)
        return model
    }

    @Test func theShotsAreRowsWithHowEachContinuesItsStateTakeAndCost() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let model = try Self.model(size: size)
            #expect(model.screen == .storyboard && model.journalQuery.storyboards && model.journalQuery.boardID == Self.boardID)
            let lines = Snapshot.text(StudioView.render(model)).split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.contains("[F8 Storyboard]") }, "the screen's tab")
            #expect(lines.contains { $0.contains("Harbour at night") && $0.contains("editing") == false && $0.contains("running") })
            let one = lines.first { $0.contains("1  cut") } ?? ""
            #expect(one.contains("done") && one.contains("1/2") && one.contains("#11"), "\(one)")
            let two = lines.first { $0.contains("2  extend") } ?? ""
            #expect(two.contains("running") && two.contains("#13"), "\(two)")
            let three = lines.first { $0.contains("3  last-frame") } ?? ""
            #expect(three.contains("planned") && three.contains("—"), "\(three)")
            #expect(lines.contains { $0.contains("1 of 3 made") }, "the board's state in its title")
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= size.width })
        }
    }

    @Test func withNoBoardTheScreenSaysWhatOneIsInWholeWords() {
        var model = StudioScreenTests.model()
        _ = StudioUpdate.apply(.key(.function(8)), to: &model)
        let screen = Snapshot.text(StudioView.render(model))
        #expect(screen.contains("No storyboard yet."))
        #expect(screen.contains("and it shows here."), "the last words are not cut at 80 columns")
        #expect(screen.contains("(its last frame starts the next"), "\(screen)")
        #expect(StudioUpdate.apply(.key(.character("r")), to: &model).isEmpty)
        #expect(model.toast?.contains("no storyboard yet") == true)
    }

    @Test func retakeAsksAndNamesTheShotsMadeAgain() throws {
        var model = try Self.model()
        _ = StudioUpdate.apply(.key(.character("j")), to: &model)
        #expect(StudioUpdate.apply(.key(.character("R")), to: &model).isEmpty)
        #expect(model.confirmation?.question == "Retake shot 2 and the 1 chained after it?", "\(model.confirmation?.question ?? "")")
        #expect(model.confirmation?.detail.contains("Shots 2, 3") == true)
        #expect(StudioUpdate.apply(.key(.character("y")), to: &model) == [.storyboard(.retake(.init(board: Self.boardID, index: 2)))])
    }

    @Test func aTakeIsChosenAnotherShotEditedAddedOrMovedAndStitchWaitsForEveryShot() throws {
        var model = try Self.model()
        let first = StoryboardAction.Shot(board: Self.boardID, index: 1)
        #expect(StudioUpdate.apply(.key(.character("t")), to: &model) == [.storyboard(.choose(first, take: 2))], "the next finished take")
        #expect(StudioUpdate.apply(.key(.character("e")), to: &model) == [.storyboard(.edit(first))])
        #expect(StudioUpdate.apply(.key(.enter), to: &model).isEmpty)
        #expect(model.panel?.generationID == 11, "Enter opens the shot's chosen take in the detail pane")
        _ = StudioUpdate.apply(.key(.escape), to: &model)
        #expect(StudioUpdate.apply(.key(.character("a")), to: &model) == [.storyboard(.add(after: first))])
        #expect(model.shotsList.selected == 1, "the cursor goes to the new shot")
        _ = StudioUpdate.apply(.key(.character("k")), to: &model)
        #expect(StudioUpdate.apply(.key(.character("J")), to: &model) == [.storyboard(.move(first, by: 1))])
        #expect(model.shotsList.selected == 1, "the cursor follows the moved shot")
        #expect(StudioUpdate.apply(.key(.character("s")), to: &model).isEmpty)
        #expect(model.toast?.contains("shots 2, 3") == true, "\(model.toast ?? "")")
        #expect(StudioUpdate.apply(.key(.character("r")), to: &model) == [.storyboard(.price(Self.boardID))], "r prices the run first")
        #expect(StudioUpdate.apply(.storyboardPriced(Self.boardID, usd: 1.2, sandbox: true), to: &model) == [.storyboard(.run(Self.boardID))])
        #expect(StudioUpdate.apply(.storyboardPriced(Self.boardID, usd: 9.6, sandbox: true), to: &model).isEmpty)
        #expect(model.confirmation?.question == "Run the board for $9.60 (estimate)?", "above the threshold it asks, as the form does")
        #expect(StudioUpdate.apply(.key(.character("y")), to: &model) == [.storyboard(.run(Self.boardID))])
        _ = StudioUpdate.apply(.key(.character("j")), to: &model)
        #expect(StudioUpdate.apply(.key(.character("t")), to: &model).isEmpty)
        #expect(model.toast?.contains("one take") == true, "\(model.toast ?? "")")
        _ = StudioUpdate.apply(.key(.character("h")), to: &model)
        #expect(model.screen == .history && model.historyFilter.batch == Self.boardID, "h: the board's shots in History")
        _ = StudioUpdate.apply(.key(.function(8)), to: &model)
        _ = StudioUpdate.apply(.key(.tab), to: &model)
        #expect(!model.shotsFocused, "Tab moves the cursor to the boards")
        for stray in ["x", "z", "9", "!"] {
            #expect(StudioUpdate.apply(.key(.character(Character(stray))), to: &model).isEmpty, "a stray \(stray) does nothing")
        }
    }

    @Test func aShotEditedInTheFormIsSavedBackToItsBoardNotSubmitted() throws {
        var (model, checker) = try GenerateFormTests.harness()
        var draft = GenerationDraft()
        draft.provider = "sandbox"
        draft.model = "veo-3.1-generate-preview"
        draft.prompt = "the beam sweeps the sea"
        let shot = StoryboardAction.Shot(board: Self.boardID, index: 2)
        _ = GenerateFormTests.send(.formPrefilled(draft, FormParent(id: 0, kind: "shot", draft: draft, shot: shot), replacing: true), &model, checker)
        #expect(model.screen == .generate && model.toast?.contains("Ctrl-S saves it to the storyboard") == true, "\(model.toast ?? "")")
        let screen = Snapshot.text(StudioView.render(model))
        #expect(screen.contains("shot 2 of storyboard \(Self.boardID)"), "\(screen)")
        _ = GenerateFormTests.send(.key(.end), &model, checker)
        _ = GenerateFormTests.send(.paste(" tonight"), &model, checker)
        #expect(Snapshot.text(StudioView.render(model)).contains("prompt … the sea → … the sea tonight"),
                "the diff shows where a long prompt changed, not its unchanged start")
        _ = GenerateFormTests.send(.key(.function(5)), &model, checker)
        #expect(model.toast == "no problems: Ctrl-S saves the shot to its storyboard", "\(model.toast ?? "")")
        let effects = GenerateFormTests.send(.key(.control("s")), &model, checker)
        let saved = effects.compactMap { effect -> GenerationDraft? in
            if case .storyboard(.save(let target, let draft)) = effect, target == shot { return draft }
            return nil
        }
        #expect(saved.first?.prompt == "the beam sweeps the sea tonight", "\(effects)")
        #expect(!effects.contains { if case .submit = $0 { return true } else { return false } }, "nothing is sent from the form")
        _ = GenerateFormTests.send(.key(.control("n")), &model, checker)
        #expect(Snapshot.text(StudioView.render(model)).contains("shot 2 of storyboard"), "another mode's tab still edits the shot")
        _ = StudioUpdate.apply(.shotSaved("shot 2 saved"), to: &model)
        #expect(model.screen == .storyboard && model.toast == "shot 2 saved")
    }
}
