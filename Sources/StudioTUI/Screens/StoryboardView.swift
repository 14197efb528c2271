import Foundation
import StudioCore
import TermUI

/// The Storyboard screen (F8): the boards (newest first, from the studio or `veo-studio story`),
/// then the shots of the one selected as rows — how each continues, its state, its take, its cost —
/// with the board's total and its film.
enum StoryboardView {
    /// From this width the selected shot's first and last frame are drawn beside the shots.
    static let picturesFromWidth = 100
    /// Cells the pictures' column takes.
    static let picturesWidth = 18

    static func draw(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let boards = model.journal.storyboards
        guard !boards.isEmpty else {
            let inner = Frame.draw(rect, title: "Storyboard", focused: true, into: &buffer)
            let paragraphs = [
                ("No storyboard yet.", StyleRole.text),
                ("A storyboard is a TOML file of shots, each continuing from the one before: extend (the video extended), "
                    + "last-frame (its last frame starts the next shot), ingredients (the same reference images) or cut (independent).", .muted),
                ("veo-studio story FILE --dry-run prices it; veo-studio story FILE runs it, and it shows here.", .muted),
            ]
            var y = inner.y
            for (text, role) in paragraphs {
                for line in WordWrap.lines(Array(text), width: max(1, inner.width - 2)) where y <= inner.maxY {
                    buffer.write(line.text.trimmingCharacters(in: .whitespaces), at: Point(x: inner.x + 1, y: y), role: role, clip: inner)
                    y += 1
                }
            }
            return
        }
        let (top, rest) = rect.splitTop(StoryboardUpdate.boardRows(model) + 2)
        let boardsInner = Frame.draw(top, title: "Storyboards — \(boards.count) (Tab: boards ↔ shots)", focused: !model.shotsFocused, into: &buffer)
        ListView.draw(count: boards.count, state: model.boardsList, in: boardsInner, into: &buffer) { index in
            let board = boards[index]
            return ("\(TableLayout.fit(board.title, width: 28))  \(TableLayout.fit(board.status, width: 8))  \(board.id)  \(board.fileName)",
                    board.hasFilm ? .success : .text)
        }
        guard let state = model.journal.board, state.board.id == model.selectedBoardID else {
            let inner = Frame.draw(rest, title: "Shots", focused: model.shotsFocused, into: &buffer)
            buffer.write("reading the storyboard…", at: Point(x: inner.x + 1, y: inner.y), role: .muted, clip: inner)
            return
        }
        let synthetic = state.shots.contains { $0.chosen?.job?.synthetic == true }
        let total = (synthetic ? "~" : "") + CostEstimate.dollars(state.costUSD)
        let title = "\(state.board.title) — \(state.shots.count) shots, \(status(state)), \(total)"
        let (list, footer) = rest.splitBottom(2)
        let inner = Frame.draw(list, title: title, focused: model.shotsFocused, into: &buffer)
        var table = inner
        if model.size.width >= picturesFromWidth, let id = model.selectedShot?.chosen?.job?.id, let frames = model.shotFrames[id], !frames.isEmpty {
            let (left, pictures) = inner.splitLeft(inner.width - picturesWidth)
            table = left
            drawFrames(frames, colors: model.colors, in: Rect(x: pictures.x + 1, y: pictures.y, width: pictures.width - 1, height: pictures.height),
                       into: &buffer)
        }
        let (header, rows) = table.splitTop(1)
        buffer.write("  #  continues    state       take  cost    video  prompt", at: header.origin, role: .muted, clip: header)
        ListView.draw(count: state.shots.count, state: model.shotsList, in: rows, into: &buffer) { index in
            row(state.shots[index])
        }
        drawFooter(state, model: model, in: footer, into: &buffer)
    }

    /// The selected shot's first and last frame, one under the other, each with its label.
    static func drawFrames(_ frames: [HalfBlockImage], colors: Int, in rect: Rect, into buffer: inout CellBuffer) {
        var y = rect.y
        for (image, label) in zip(frames, ["first frame", "last frame"]) {
            let rows = (image.height + 1) / 2
            guard y + rows + 1 <= rect.maxY + 1 else { break }
            buffer.write(label, at: Point(x: rect.x, y: y), role: .muted, clip: rect)
            image.draw(in: Rect(x: rect.x, y: y + 1, width: min(image.width, rect.width), height: rows), colors: colors, into: &buffer)
            y += rows + 2
        }
    }

    /// One shot as a row.
    static func row(_ shot: StoryboardState.Shot) -> (text: String, role: StyleRole) {
        let job = shot.chosen?.job
        let take = shot.takes.count > 1 ? "\(shot.chosen?.row.take ?? 1)/\(shot.takes.count)" : "1"
        let cost = job?.costEstimateUSD.map { (job?.synthetic == true ? "~" : "") + CostEstimate.dollars($0) } ?? ""
        let video = job.map { "#\($0.id ?? 0)" } ?? "—"
        let text = "\(TableLayout.fit(String(shot.shot.index), width: 2)) \(TableLayout.fit(shot.shot.continuation.rawValue, width: 12)) "
            + "\(TableLayout.fit(shot.status, width: 11)) \(TableLayout.fit(take, width: 5)) \(TableLayout.fit(cost, width: 7)) "
            + "\(TableLayout.fit(video, width: 6)) \(shot.shot.prompt)"
        let role: StyleRole
        switch shot.status {
        case "done": role = .success
        case "failed", "filtered", "unknown", "blocked": role = .error
        case "planned": role = .muted
        default: role = .running
        }
        return (text, role)
    }

    /// The board's state in a few words.
    static func status(_ state: StoryboardState) -> String {
        if state.board.hasFilm { return "film made" }
        if state.board.status == StoryboardRecord.editing { return "edited: r runs it" }
        let done = state.shots.filter(\.isDone).count
        if state.isComplete { return "every shot made, s stitches" }
        if state.isSettled { return "stuck: a shot has no video" }
        return "\(done) of \(state.shots.count) made"
    }

    /// Under the shots: the selected shot's note (why it waits) or the film.
    static func drawFooter(_ state: StoryboardState, model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        var lines: [(String, StyleRole)] = []
        if let note = model.selectedShot?.note { lines.append(("shot \(model.selectedShot?.shot.index ?? 0): \(note)", .error)) }
        if let path = state.board.filmPath {
            let name = (path as NSString).lastPathComponent
            lines.append(("film: \(name), \(String(format: "%.1f", state.board.filmSeconds ?? 0)) s — o plays it · in \((path as NSString).deletingLastPathComponent)", .success))
        } else if lines.isEmpty {
            lines.append(("e edits a shot · R retakes · t takes · a adds · K/J move · s stitches · o plays", .muted))
        }
        for (index, line) in lines.prefix(rect.height).enumerated() {
            buffer.write(line.0, at: Point(x: rect.x + 1, y: rect.y + index), role: line.1, clip: rect)
        }
    }
}
