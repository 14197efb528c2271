import StudioCore
import TermUI

/// The conversation pane over a Gemini Omni generation: its refinement chain with each turn's
/// live status, and the instruction of the next turn. Only `ConversationUpdate` changes it.
public struct ConversationPane: Sendable {
    /// Where the keyboard is: typing the instruction, or moving over the turns (`o` opens one).
    public enum Focus: Sendable {
        case instruction, turns
    }

    public var chain: ConversationChain
    /// The generation the pane follows: the chain's newest turn, or the turn just sent until its reading arrives.
    public var tipID: Int64
    public var instruction = TextEditorState()
    public var focus: Focus = .instruction
    /// The selected turn (its video opens with `o`); it follows the newest turn.
    public var turnList = ListState()
    /// The next turn's draft while the core checks and prices it, before anything is sent.
    public var pending: GenerationDraft?
    /// True from the send until the core has recorded the new turn (or refused it).
    public var sending = false

    public init(chain: ConversationChain) {
        self.chain = chain
        tipID = chain.turns.last?.id ?? 0
        selectNewest()
    }

    public var selectedTurn: ConversationTurn? {
        chain.turns.indices.contains(turnList.selected) ? chain.turns[turnList.selected] : nil
    }

    /// Takes a newer reading of the chain, keeping the selection on the newest turn when it was there
    /// (a new turn is always selected).
    public mutating func refresh(_ newer: ConversationChain) {
        let wasNewest = turnList.selected >= chain.turns.count - 1 || newer.turns.last?.id != chain.turns.last?.id
        chain = newer
        if wasNewest { selectNewest() } else { moveSelection(by: 0) }
    }

    public mutating func moveSelection(by delta: Int) {
        turnList.move(by: delta, count: chain.turns.count, height: Self.visibleTurns)
    }

    mutating func selectNewest() {
        turnList.select(chain.turns.count - 1, count: chain.turns.count, height: Self.visibleTurns)
    }

    /// The number the next turn gets: one after the turn it refines (after the running one, once it is done).
    public var nextTurnNumber: Int {
        guard chain.turnInProgress == nil, let base = chain.lastFinished, let index = chain.turns.firstIndex(where: { $0.id == base.id }) else {
            return chain.turns.count + 1
        }
        return index + 2
    }

    /// How many turns a page key (PgUp/PgDn) moves over; the view fits its window to the room it has.
    static let visibleTurns = 6

    /// Why a generation has no conversation (nil when it has one): only Gemini Omni takes further turns.
    public static func refusal(for record: GenerationRecord, registry: CapabilityRegistry) -> String? {
        guard !registry.usesInteractions(model: record.model, provider: record.provider) else { return nil }
        let maker = record.model.hasPrefix("veo") ? "Veo (\(record.model))" : record.model
        return "#\(record.id ?? 0) is \(maker), which has no multi-turn: a conversation needs Gemini Omni (gemini-omni-1.1-flash)"
    }
}
