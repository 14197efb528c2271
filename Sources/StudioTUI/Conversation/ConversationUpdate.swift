import Foundation
import StudioCore
import TermUI

/// The conversation pane's part of `update`: opening it on a generation, typing the next
/// instruction, sending it as a refinement of the last finished turn (checked, priced and, above
/// the threshold, confirmed like the form's submit), following the new turn, closing.
enum ConversationUpdate {
    /// `t` on a generation: asks for its chain, or says at once why it has none.
    static func open(_ id: Int64, _ model: inout AppModel) -> [StudioEffect] {
        if let record = model.record(id), let refusal = ConversationPane.refusal(for: record, registry: model.registry) {
            model.toast = refusal
            return []
        }
        return [.loadConversation(id)]
    }

    /// A reading of a chain: it opens the pane, or refreshes the open one when it is the chain it
    /// follows (the journal's readings keep the open pane live).
    static func loaded(_ chain: ConversationChain?, _ model: inout AppModel) -> [StudioEffect] {
        guard let chain, let tip = chain.turns.last else {
            if model.conversation == nil { model.toast = "that generation is no longer in the journal" }
            return []
        }
        if var pane = model.conversation {
            // The chain may have grown past the followed turn (a turn sent from the CLI): follow its new tip.
            guard chain.turns.contains(where: { $0.id == pane.tipID }) else { return [] }
            pane.tipID = tip.id
            pane.refresh(chain)
            model.conversation = pane
            return []
        }
        if let refusal = ConversationPane.refusal(for: tip.record, registry: model.registry) {
            model.toast = refusal
            return []
        }
        model.conversation = ConversationPane(chain: chain)
        // An instruction typed before the pane was closed comes back.
        if let turn = chain.turns.first(where: { model.instructions[$0.id] != nil }),
           let kept = model.instructions.removeValue(forKey: turn.id) {
            model.conversation?.instruction = TextEditorState(kept)
        }
        model.toast = chain.turnInProgress.map { "#\($0.id) is \($0.record.status.rawValue): type the next instruction; it can be sent once the turn is done" }
            ?? "conversation of #\(tip.id): type what to change, Enter sends it as turn \(model.conversation?.nextTurnNumber ?? 0)"
        return []
    }

    /// Closes the pane; an instruction typed and not sent is kept for when it opens again.
    static func close(_ model: inout AppModel) {
        guard let pane = model.conversation else { return }
        let typed = pane.instruction.text.trimmingCharacters(in: .whitespacesAndNewlines)
        model.conversation = nil
        if !typed.isEmpty {
            model.instructions[pane.tipID] = pane.instruction.text
            model.toast = "the instruction you typed is kept: t on #\(pane.tipID) brings it back"
        }
    }

    /// Keys while the pane is open; nil lets the key through (help, screens, quit).
    static func handle(_ key: Key, _ model: inout AppModel) -> [StudioEffect]? {
        guard var pane = model.conversation else { return nil }
        let typing = pane.focus == .instruction
        if typing, case .character(let character) = key {
            pane.instruction.insert(String(character))
            model.conversation = pane
            return []
        }
        let binding = StudioKeymap.table.binding(for: key, in: .conversation, inTextField: typing)
        switch binding?.id {
        case "conversation.close":
            close(&model)
            return []
        case "conversation.send":
            return send(&model)
        case "conversation.focus":
            pane.focus = typing ? .turns : .instruction
        case "conversation.open":
            guard let turn = pane.selectedTurn else { return [] }
            return [.openOutput(turn.id, sample: 0)]
        case "conversation.previous_turn", "list.up": pane.moveSelection(by: -1)
        case "conversation.next_turn", "list.down": pane.moveSelection(by: 1)
        case "list.top", "list.bottom", "list.page_up", "list.page_down":
            _ = pane.turnList.apply(bindingID: binding?.id, count: pane.chain.turns.count, height: ConversationPane.visibleTurns)
        case "edit.undo": pane.instruction.undo()
        case "edit.delete_word": pane.instruction.deleteWordBackward()
        case "edit.line_start": pane.instruction.moveToLineStart(width: Int.max / 4)
        case "edit.line_end": pane.instruction.moveToLineEnd(width: Int.max / 4)
        case "screen.generate", "screen.operations", "screen.history":
            close(&model)
            return nil
        case "quit.letter":
            model.toast = "q does nothing here: Esc closes the conversation (keeping what you typed), Ctrl-Q quits"
            return []
        case "help", "help.letter", "quit":
            return nil
        default:
            guard typing else { return [] }
            switch key {
            case .backspace: pane.instruction.backspace()
            case .delete: pane.instruction.deleteForward()
            case .left: pane.instruction.moveLeft()
            case .right: pane.instruction.moveRight()
            default: return []
            }
        }
        model.conversation = pane
        return []
    }

    /// A paste into the instruction: one line; a line end at its close sends it (typed text and Enter read at once).
    static func paste(_ text: String, _ model: inout AppModel) -> [StudioEffect] {
        guard model.conversation?.focus == .instruction else { return [] }
        let sends = text.hasSuffix("\n") || text.hasSuffix("\r")
        let line = text.trimmingCharacters(in: .newlines).replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        model.conversation?.instruction.insert(line)
        return sends ? send(&model) : []
    }

    /// Enter: the instruction becomes the next turn, refining the last finished one. While the newest
    /// turn is still being made nothing is queued: the pane says the next turn waits for it.
    static func send(_ model: inout AppModel) -> [StudioEffect] {
        guard var pane = model.conversation else { return [] }
        let instruction = pane.instruction.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if pane.sending || pane.pending != nil {
            model.toast = "already sending the last instruction: wait for the answer"
            return []
        }
        if let running = pane.chain.turnInProgress {
            model.toast = "#\(running.id) is still \(running.record.status.rawValue): the next turn waits for it — "
                + "nothing was sent; press Enter again once it is done"
            return []
        }
        guard !instruction.isEmpty else {
            model.toast = "type what to change first (\"make the car red\"), then Enter"
            return []
        }
        guard var draft = pane.chain.nextDraft, let base = pane.chain.lastFinished else {
            model.toast = "no turn of this conversation finished with a video, so there is nothing to refine"
            return []
        }
        draft.prompt = instruction
        draft.continues = base.id
        pane.pending = draft
        model.conversation = pane
        return [.checkForm(draft)]
    }

    /// The core checked and priced the next turn: refused with its first problem, confirmed above
    /// the threshold, else sent — as a child of the turn it refines.
    static func checked(_ check: FormCheck, _ model: inout AppModel) -> [StudioEffect] {
        guard var pane = model.conversation, let draft = pane.pending else { return [] }
        pane.pending = nil
        defer { model.conversation = pane }
        if let first = check.report.errors.first {
            model.toast = "not sent: \(first.message) — \(StudioAdvice.fix(first, registry: model.registry))"
            return []
        }
        let parent = draft.continues ?? pane.tipID
        let effect = StudioEffect.submit(draft, parentID: parent, parentKind: "refine")
        if let cost = check.report.cost, cost.usd > model.confirmCostAboveUSD {
            model.confirmation = Confirmation(
                question: "Send turn \(pane.nextTurnNumber) for \(CostEstimate.dollars(cost.usd))?",
                detail: "A refinement of #\(parent): \(cost.summary) — above the confirm threshold of "
                    + "\(CostEstimate.dollars(model.confirmCostAboveUSD)) (confirm_cost_above_usd in the config).",
                onYes: effect)
            return []
        }
        pane.sending = true
        return [effect]
    }

    /// The core recorded the new turn (or refused it): the pane follows the new turn at once.
    static func submitted(_ id: Int64?, _ text: String, _ model: inout AppModel) -> [StudioEffect] {
        model.toast = text
        guard var pane = model.conversation else { return [] }
        pane.sending = false
        guard let id else {
            model.conversation = pane
            return []
        }
        pane.instruction = TextEditorState()
        pane.tipID = id
        model.conversation = pane
        return []
    }
}
