import StudioCore
import TermUI

/// A refinement chain as the journal holds it: the turns from the first generation to the one the
/// conversation follows, oldest first, and the draft of the next turn (a refinement of the last
/// finished turn, its instruction still to be typed).
public struct ConversationChain: Sendable {
    public var turns: [ConversationTurn]
    /// The core's refinement draft of the last finished turn (no prompt yet), or nil when no turn finished.
    public var nextDraft: GenerationDraft?

    public init(turns: [ConversationTurn], nextDraft: GenerationDraft? = nil) {
        self.turns = turns
        self.nextDraft = nextDraft
    }

    /// Reads the chain ending with `id` from the journal; nil when it is not there.
    public static func load(_ id: Int64, service: GenerationService) -> ConversationChain? {
        guard let chain = try? service.refinementChain(of: id), !chain.isEmpty else { return nil }
        let turns = chain.map { link in
            let outputs = link.record.id.flatMap { try? service.journal.outputs(of: $0) } ?? []
            return ConversationTurn(record: link.record, outputPath: outputs.first { $0.path != nil }?.path)
        }
        let base = turns.last { $0.record.status == .done }
        return ConversationChain(turns: turns, nextDraft: base.flatMap { try? service.refineDraft(of: $0.id, prompt: nil) })
    }

    /// The turn the next instruction refines: the newest that finished with a video.
    public var lastFinished: ConversationTurn? { turns.last { $0.record.status == .done } }

    /// The newest turn, when it is still being made.
    public var turnInProgress: ConversationTurn? { turns.last.flatMap { $0.isInProgress ? $0 : nil } }

    /// True while a turn can still change (the pane then reads the journal again as time passes).
    public var isLive: Bool { turns.contains { !$0.record.status.isFinal } }

    /// "#12 → #15 → #18", shortened at the front to fit `width` cells.
    public func lineage(fitting width: Int) -> String {
        let ids = turns.map { "#\($0.id)" }
        var shown = ids.joined(separator: " → ")
        var dropped = 0
        while DisplayWidth.of(shown) > width, dropped < ids.count - 1 {
            dropped += 1
            shown = "… → " + ids.dropFirst(dropped).joined(separator: " → ")
        }
        return shown
    }
}
