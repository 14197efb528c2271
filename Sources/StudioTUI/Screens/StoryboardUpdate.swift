import Foundation
import StudioCore
import TermUI

/// Keys of the Storyboard screen (F8): move between the boards and the shots of the one selected,
/// run it, edit, retake, add or move a shot, choose a take, stitch, play.
enum StoryboardUpdate {
    /// Rows the boards list gets above the shots.
    static func boardRows(_ model: AppModel) -> Int { min(5, max(1, model.journal.storyboards.count)) }

    /// Rows the shots list gets.
    static func shotRows(_ model: AppModel) -> Int { max(1, model.listHeight - boardRows(model) - 4) }

    static func handle(_ binding: KeyBinding?, _ model: inout AppModel) -> [StudioEffect] {
        let boards = model.journal.storyboards
        if binding?.id == "story.focus" {
            model.shotsFocused.toggle()
            return []
        }
        if model.shotsFocused {
            if model.shotsList.apply(bindingID: binding?.id, count: model.journal.board?.shots.count ?? 0, height: shotRows(model)) { return [] }
        } else if model.boardsList.apply(bindingID: binding?.id, count: boards.count, height: boardRows(model)) {
            model.shotsList = ListState()
            return []
        }
        guard let state = model.journal.board, let boardID = model.selectedBoardID, state.board.id == boardID else {
            if binding?.id.hasPrefix("story.") == true {
                model.toast = boards.isEmpty ? "no storyboard yet: write one (README: Storyboards) and run veo-studio story FILE" : "reading the storyboard…"
            }
            return []
        }
        if binding?.id == "story.history" {
            model.historyFilter = HistoryFilter(batch: boardID)
            model.historyLimit = JournalQuery.historyPage
            model.toast = "History of \(state.board.title): every take of its shots (f changes the filter)"
            return StudioUpdate.show(.history, &model)
        }
        guard let shot = model.selectedShot else { return [] }
        let ref = StoryboardAction.Shot(board: boardID, index: shot.shot.index)
        switch binding?.id {
        case "story.run": return [.storyboard(.price(boardID))]
        case "story.edit": return [.storyboard(.edit(ref))]
        case "story.detail":
            guard let id = shot.chosen?.job?.id else {
                model.toast = "shot \(shot.shot.index) has not been sent yet\(shot.note.map { ": \($0)" } ?? "")"
                return []
            }
            return StudioUpdate.openDetail(id, &model)
        case "story.retake":
            let stale = state.document.staleShots(from: shot.shot.index)
            let cost = stale.compactMap { index in state.shots[index - 1].chosen?.job?.costEstimateUSD }.reduce(0, +)
            model.confirmation = Confirmation(
                question: "Retake shot \(shot.shot.index)\(stale.count > 1 ? " and the \(stale.count - 1) chained after it" : "")?",
                detail: "Shot\(stale.count > 1 ? "s" : "") \(stale.map(String.init).joined(separator: ", ")) \(stale.count > 1 ? "are" : "is") made again"
                    + (cost > 0 ? ", about \(CostEstimate.dollars(cost))" : "") + " once r runs the board; the shots before are kept.",
                onYes: .storyboard(.retake(ref)), whenDeclined: "shot \(shot.shot.index) is kept as it is")
            return []
        case "story.take":
            let done = shot.takes.filter { $0.job?.status == .done }.map(\.row.take)
            guard done.count > 1 || (done.count == 1 && done.first != shot.chosen?.row.take) else {
                model.toast = shot.takes.count > 1 ? "shot \(shot.shot.index) has no other finished take yet" : "shot \(shot.shot.index) has one take (takes = N in the file makes more)"
                return []
            }
            let current = shot.chosen?.row.take ?? 0
            let next = done.first { $0 > current } ?? done[0]
            return [.storyboard(.choose(ref, take: next))]
        case "story.add":
            model.shotsList.move(by: 1, count: state.shots.count + 1, height: shotRows(model))
            return [.storyboard(.add(after: ref))]
        case "story.up", "story.down":
            let delta = binding?.id == "story.up" ? -1 : 1
            model.shotsList.move(by: delta, count: state.shots.count, height: shotRows(model))
            return [.storyboard(.move(ref, by: delta))]
        case "story.stitch":
            guard state.isComplete else {
                let missing = state.shots.filter { !$0.isDone }.map { String($0.shot.index) }
                model.toast = "not every shot has its video yet (shot\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))): r runs the board"
                return []
            }
            model.toast = "stitching \(state.board.title)…"
            return [.storyboard(.stitch(boardID))]
        case "story.play": return [.storyboard(.play(ref))]
        default: return []
        }
    }

    /// The selected shot's first and last frame, asked once its video is made (where they can be shown).
    static func framesEffect(_ model: inout AppModel) -> [StudioEffect] {
        guard model.screen == .storyboard, model.size.width >= StoryboardView.picturesFromWidth,
              let job = model.selectedShot?.chosen?.job, job.status == .done, let id = job.id,
              !model.shotFramesAsked.contains(id) else { return [] }
        model.shotFramesAsked.insert(id)
        return [.loadShotFrames(id)]
    }

    /// Running a board that sends more than the confirm threshold asks first, like the form's submit.
    static func priced(_ id: String, usd: Double, sandbox: Bool, _ model: inout AppModel) -> [StudioEffect] {
        guard usd > model.confirmCostAboveUSD else { return [.storyboard(.run(id))] }
        model.confirmation = Confirmation(
            question: "Run the board for \(CostEstimate.dollars(usd))\(sandbox ? " (estimate)" : "")?",
            detail: (sandbox ? "This is the sandbox: nothing is charged. On the real service the shots not made yet would cost " : "The shots not made yet cost ")
                + "\(CostEstimate.dollars(usd)) if every take succeeds — above the confirm threshold of \(CostEstimate.dollars(model.confirmCostAboveUSD)).",
            onYes: .storyboard(.run(id)), whenDeclined: "the board was not run")
        return []
    }

    /// A shot saved from the form: back to the Storyboard screen.
    static func saved(_ text: String, _ model: inout AppModel) -> [StudioEffect] {
        model.toast = text
        model.form.submitting = false
        model.form.afterSubmit()
        StudioUpdate.go(to: .storyboard, &model)
        return []
    }
}
