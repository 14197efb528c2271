import Foundation
import StudioCore
import TermUI

/// Draws the conversation pane: the lineage, each turn (number, generation, live status, cost,
/// instruction, then its video or what went wrong) with the newest at the bottom, a line on what
/// Enter does now, and the instruction field.
enum ConversationView {
    /// Rows of the instruction field.
    static let instructionRows = 2

    static func draw(_ pane: ConversationPane, model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        buffer.fill(rect)
        let inner = Frame.draw(rect, title: "Conversation — Gemini Omni — Tab: turns ↔ instruction · Esc closes", focused: true,
                               into: &buffer)
        guard inner.height > instructionRows + 5 else { return }
        let (header, rest) = inner.splitTop(2)
        let (body, field) = rest.splitBottom(instructionRows + 2)
        let (turnsArea, notice) = body.splitBottom(1)
        drawHeader(pane.chain, in: header.inset(dx: 1, dy: 0), into: &buffer)
        drawTurns(pane, now: model.now, in: turnsArea.inset(dx: 1, dy: 0), into: &buffer)
        let (text, role) = noticeLine(pane)
        buffer.write(text, at: Point(x: notice.x + 1, y: notice.y), role: role, clip: notice)
        let fieldInner = Frame.draw(field, title: "Turn \(pane.nextTurnNumber) — what to change — Enter sends",
                                    focused: pane.focus == .instruction, into: &buffer)
        GenerateView.drawEditor(pane.instruction, placeholder: "e.g. make the car red. Keep everything else the same.",
                                focused: pane.focus == .instruction, in: fieldInner.inset(dx: 1, dy: 0), into: &buffer)
    }

    /// The lineage and what the chain is: model, provider, turns, estimated cost in all.
    static func drawHeader(_ chain: ConversationChain, in rect: Rect, into buffer: inout CellBuffer) {
        let label = "lineage: "
        let used = buffer.write(label, at: rect.origin, role: .muted, clip: rect)
        buffer.write(chain.lineage(fitting: rect.width - used), at: Point(x: rect.x + used, y: rect.y), role: .accent, clip: rect)
        guard let first = chain.turns.first?.record else { return }
        let charges = chain.turns.map { Charge(record: $0.record, samplesAsked: 1, videosMade: $0.outputPath == nil ? 0 : 1) }
        let spent = charges.reduce(0) { $0 + $1.spentUSD }
        let money = first.synthetic ? "sandbox: nothing charged" : "\(CostEstimate.dollars(spent)) charged"
        let facts = "\(first.model) on \(first.provider) · \(chain.turns.count) turn(s) · \(money)"
        buffer.write(facts, at: Point(x: rect.x, y: rect.y + 1), role: .muted, clip: rect)
    }

    /// Two rows a turn, the newest at the bottom, just above the instruction (as a conversation
    /// reads); the window keeps the selected turn in view.
    static func drawTurns(_ pane: ConversationPane, now: Date, in rect: Rect, into buffer: inout CellBuffer) {
        let turns = pane.chain.turns
        let fitting = max(1, rect.height / 2)
        let selected = pane.turnList.selected
        let first = max(0, min(selected, turns.count - fitting))
        let shown = first..<min(turns.count, first + fitting)
        let top = rect.maxY - shown.count * 2
        for (row, index) in shown.enumerated() {
            let y = top + row * 2
            let turn = turns[index]
            let job = JobRow(record: turn.record, now: now, latency: nil)
            let isSelected = index == selected
            let head = (isSelected ? "▸ " : "  ") + "turn \(index + 1)".padding(toLength: 8, withPad: " ", startingAt: 0)
                + "#\(turn.id)".padding(toLength: 6, withPad: " ", startingAt: 0)
                + turn.record.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                + job.cost.padding(toLength: 8, withPad: " ", startingAt: 0)
            let used = buffer.write(head, at: Point(x: rect.x, y: y), role: job.statusRole, clip: rect)
            let instruction = turn.record.prompt.replacingOccurrences(of: "\n", with: " ")
            buffer.write(instruction, at: Point(x: rect.x + used, y: y), clip: rect)
            if isSelected, pane.focus == .turns {
                buffer.paint(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection)
            }
            let (detail, role) = detailLine(turn, job: job)
            buffer.write(String(repeating: " ", count: 10) + TableLayout.fit(detail, width: max(1, rect.width - 10)),
                         at: Point(x: rect.x, y: y + 1), role: role, clip: rect)
        }
    }

    /// Under a turn: its video, how long it has been running, or what went wrong.
    static func detailLine(_ turn: ConversationTurn, job: JobRow) -> (String, StyleRole) {
        let record = turn.record
        switch record.status {
        case .done:
            return turn.outputPath.map { ("→ \(($0 as NSString).lastPathComponent) (Tab, then o opens it)", .success) }
                ?? ("done, the video is not downloaded", .warning)
        case .waiting:
            return ("waiting in the queue (Operations says why)", .running)
        case .queued, .running, .downloading, .submitting:
            return ("\(record.status.rawValue) for \(job.elapsedSeconds) s", .running)
        case .failed, .filtered, .unknown, .cancelled:
            return (record.errorMessage ?? record.status.rawValue, job.statusRole)
        }
    }

    /// What Enter does now.
    static func noticeLine(_ pane: ConversationPane) -> (String, StyleRole) {
        if pane.sending || pane.pending != nil { return ("sending the instruction…", .running) }
        if let running = pane.chain.turnInProgress {
            return ("#\(running.id) is \(running.record.status.rawValue): the next turn waits for it (Enter sends once it is done)", .running)
        }
        guard let base = pane.chain.lastFinished else { return ("no turn finished with a video: nothing to refine yet", .warning) }
        return ("Enter sends turn \(pane.nextTurnNumber): a refinement of #\(base.id)", .muted)
    }
}
