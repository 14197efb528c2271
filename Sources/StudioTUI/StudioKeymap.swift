import TermUI

/// The studio's keys, as data: the hint bar, the help screen and `docs/KEYBINDINGS.md` all come
/// from this table. Ids are stable; screens act on ids, never on raw keys.
public enum StudioKeymap {
    public static let table = Keymap([
        KeyBinding(id: "help", keys: [.function(1)], summary: "Help", scope: .global),
        KeyBinding(id: "help.letter", keys: [.character("?")], summary: "Help", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "screen.generate", keys: [.function(2)], summary: "Generate", scope: .global),
        KeyBinding(id: "screen.operations", keys: [.function(3)], summary: "Operations", scope: .global),
        KeyBinding(id: "screen.history", keys: [.function(4)], summary: "History", scope: .global),
        KeyBinding(id: "ledger", keys: [.function(7)], summary: "Ledger: spent today and this month against the caps, by provider and batch, and each job", scope: .global, showsInHints: false),
        KeyBinding(id: "quit", keys: [.control("q")], summary: "Quit (asks first while jobs run or a draft is unsent; running jobs go on at the service and resume at the next start, drafts are kept)", scope: .global),
        KeyBinding(id: "quit.letter", keys: [.character("q")], summary: "Quit, as Ctrl-Q (not in the form: there q does nothing)", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "back", keys: [.escape], summary: "Back / close (in the form: back to the last screen, the draft kept)", scope: .global, showsInHints: false),

        KeyBinding(id: "field.next", keys: [.tab], summary: "Next field", scope: .generate),
        KeyBinding(id: "field.previous", keys: [.backTab], summary: "Previous field", scope: .generate, showsInHints: false),
        KeyBinding(id: "mode.previous", keys: [.control("p")], summary: "Previous mode tab", scope: .generate, showsInHints: false),
        KeyBinding(id: "mode.next", keys: [.control("n")], summary: "Next mode tab", scope: .generate),
        KeyBinding(id: "choice.previous", keys: [.left], summary: "Previous choice", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "choice.next", keys: [.right, .character(" ")], summary: "Next choice", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "pick", keys: [.enter], summary: "Pick images / open the field", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "submit", keys: [.control("s")], summary: "Submit (asks above the cost threshold)", scope: .generate),
        KeyBinding(id: "submit.queue", keys: [.control("b")], summary: "Queue: sent in order under the provider's limits while the studio is open (veo-studio dispatch otherwise)", scope: .generate),
        KeyBinding(id: "seed.lock", keys: [.control("l")], summary: "Lock the seed (unlocking clears it)", scope: .generate, showsInHints: false),
        KeyBinding(id: "form.problems", keys: [.function(5)], summary: "Problems (every one in full; Enter goes to its field)", scope: .generate),
        KeyBinding(id: "form.presets", keys: [.function(6)], summary: "Presets: Enter loads one into this tab, s saves the form as one", scope: .generate),

        KeyBinding(id: "edit.undo", keys: [.control("z")], summary: "Undo", scope: .text),
        KeyBinding(id: "edit.delete_word", keys: [.control("w")], summary: "Delete the word before the cursor", scope: .text, showsInHints: false),
        KeyBinding(id: "edit.line_start", keys: [.home, .control("a")], summary: "Start of line", scope: .text, showsInHints: false),
        KeyBinding(id: "edit.line_end", keys: [.end, .control("e")], summary: "End of line", scope: .text, showsInHints: false),
        KeyBinding(id: "edit.newline", keys: [.enter], summary: "A new line in the prompt (in one-line fields: the next field)", scope: .text, showsInHints: false),

        KeyBinding(id: "list.down", keys: [.down, .character("j")], summary: "Down", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "list.up", keys: [.up, .character("k")], summary: "Up", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "list.top", keys: [.character("g"), .home], summary: "First row (the form: first field)", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "list.bottom", keys: [.character("G"), .end], summary: "Last row (the form: last field)", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "list.page_down", keys: [.pageDown, .control("d")], summary: "Page down (the form: 5 fields on; PgDn also from text fields)", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "list.page_up", keys: [.pageUp, .control("u")], summary: "Page up (the form: 5 fields back)", scope: .outsideText, showsInHints: false),

        KeyBinding(id: "picker.toggle", keys: [.character(" ")], summary: "Select or unselect the image", scope: .picker),
        KeyBinding(id: "picker.style", keys: [.character("s")], summary: "Mark as style image (where the model allows it)", scope: .picker),
        KeyBinding(id: "picker.reorder_up", keys: [.character("K")], summary: "Move the selected image earlier", scope: .picker, showsInHints: false),
        KeyBinding(id: "picker.reorder_down", keys: [.character("J")], summary: "Move the selected image later", scope: .picker, showsInHints: false),
        KeyBinding(id: "picker.library", keys: [.character("l")], summary: "Switch between files and the library of past inputs", scope: .picker),
        KeyBinding(id: "picker.convert", keys: [.character("c")], summary: "Convert or resize with ffmpeg", scope: .picker),
        KeyBinding(id: "picker.uri", keys: [.character("g")], summary: "Type a gs:// image URI (Vertex AI)", scope: .picker),
        KeyBinding(id: "picker.done", keys: [.enter], summary: "Open the folder, or use the selected images", scope: .picker),
        KeyBinding(id: "picker.parent", keys: [.backspace, .left, .character("h")], summary: "Up one folder", scope: .picker, showsInHints: false),

        KeyBinding(id: "job.cancel", keys: [.character("x")], summary: "Cancel (says whether it can still be charged)", scope: .operations),
        KeyBinding(id: "job.retry", keys: [.character("R")], summary: "Retry with the same parameters", scope: .operations),
        KeyBinding(id: "job.open", keys: [.character("o")], summary: "Open the video in the player (asks which when there are several)", scope: .operations),
        KeyBinding(id: "job.dismiss", keys: [.character("d")], summary: "Dismiss a finished job (it stays in History)", scope: .operations),
        KeyBinding(id: "job.dismiss_all", keys: [.character("D")], summary: "Dismiss every finished job", scope: .operations, showsInHints: false),
        KeyBinding(id: "job.answer", keys: [.character("a"), .enter], summary: "Details: the server's answer and its explanation", scope: .operations),
        KeyBinding(id: "job.converse", keys: [.character("t")], summary: "Turns: the conversation of a Gemini Omni job", scope: .operations),
        KeyBinding(id: "job.hold", keys: [.character("p")], summary: "Hold or release a queued job (it keeps its place)", scope: .operations),
        KeyBinding(id: "job.front", keys: [.character("K")], summary: "Move a queued job to the front of the queue", scope: .operations, showsInHints: false),
        KeyBinding(id: "job.back", keys: [.character("J")], summary: "Move a queued job to the back of the queue", scope: .operations, showsInHints: false),

        KeyBinding(id: "history.search", keys: [.character("/")], summary: "Search prompts", scope: .history),
        KeyBinding(id: "history.detail", keys: [.enter], summary: "Every detail: parameters, outputs, answer, lineage", scope: .history),
        KeyBinding(id: "history.filter", keys: [.character("f")], summary: "Filter by mode, model, provider, status, date", scope: .history),
        KeyBinding(id: "history.rerun", keys: [.character("r")], summary: "Re-run with changes (opens the form, shows the diff)", scope: .history),
        KeyBinding(id: "history.extend", keys: [.character("e")], summary: "Extend this video (+7 s)", scope: .history),
        KeyBinding(id: "history.open", keys: [.character("o")], summary: "Open in the player (asks which when there are several)", scope: .history),
        KeyBinding(id: "history.converse", keys: [.character("t")], summary: "Turns: refine a Gemini Omni video in conversation (each turn a child)", scope: .history),
        KeyBinding(id: "history.cancel", keys: [.character("x")], summary: "Cancel a job still running (says whether it can still be charged)", scope: .history, showsInHints: false),
        KeyBinding(id: "history.retry", keys: [.character("R")], summary: "Retry with the same parameters", scope: .history, showsInHints: false),
        KeyBinding(id: "history.curl", keys: [.character("c")], summary: "Show the exact request as curl", scope: .history, showsInHints: false),
        KeyBinding(id: "history.sidecar", keys: [.character("i")], summary: "Reveal the sidecar JSON", scope: .history, showsInHints: false),
        KeyBinding(id: "history.delete", keys: [.character("d"), .delete], summary: "Delete from the journal with its video files (asks first)", scope: .history, showsInHints: false),

        KeyBinding(id: "pane.close", keys: [.escape, .enter], summary: "Close the pane", scope: .pane),
        KeyBinding(id: "pane.scroll", keys: [.character("j"), .character("k")], summary: "Scroll (also ↑↓)", scope: .pane),
        KeyBinding(id: "pane.page", keys: [.pageDown, .pageUp], summary: "Page (also Space)", scope: .pane),
        KeyBinding(id: "pane.ends", keys: [.character("g"), .character("G")], summary: "Top, bottom", scope: .pane, showsInHints: false),
        KeyBinding(id: "pane.actions", keys: [.character("o"), .character("r"), .character("e")],
                   summary: "Open, re-run, extend the generation it shows (t, c, i, x and R work too)", scope: .pane),

        KeyBinding(id: "conversation.send", keys: [.enter], summary: "Send the next turn (a refinement of the last finished turn; asks above the cost threshold)", scope: .conversation),
        KeyBinding(id: "conversation.focus", keys: [.tab, .backTab], summary: "Turns ↔ instruction (moves the keyboard between them)", scope: .conversation),
        KeyBinding(id: "conversation.open", keys: [.character("o")], summary: "Open the turn's video (the selected turn, in the player; on the turns)", scope: .conversation),
        KeyBinding(id: "conversation.previous_turn", keys: [.up], summary: "Select the turn above", scope: .conversation, showsInHints: false),
        KeyBinding(id: "conversation.next_turn", keys: [.down], summary: "Select the turn below", scope: .conversation, showsInHints: false),
        KeyBinding(id: "conversation.close", keys: [.escape], summary: "Close the conversation", scope: .conversation),
    ])

    /// The text of `docs/KEYBINDINGS.md`.
    public static var markdown: String { table.markdown(title: "Veo Studio keys") }
}
