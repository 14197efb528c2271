import Testing
@testable import TermUI

struct KeymapTests {
    static let keymap = Keymap([
        KeyBinding(id: "help", keys: [.function(1), .character("?")], summary: "Help", scope: .outsideText),
        KeyBinding(id: "quit", keys: [.control("q")], summary: "Quit", scope: .global),
        KeyBinding(id: "quit-letter", keys: [.character("q")], summary: "Quit", scope: .outsideText, showsInHints: false),
        KeyBinding(id: "submit", keys: [.control("s")], summary: "Submit", scope: .generate),
        KeyBinding(id: "search", keys: [.character("/")], summary: "Search", scope: .history),
    ])

    @Test func lettersReachTextFields() {
        #expect(Self.keymap.binding(for: .character("q"), in: .generate, inTextField: true) == nil)
        #expect(Self.keymap.binding(for: .character("q"), in: .generate, inTextField: false)?.id == "quit-letter")
        #expect(Self.keymap.binding(for: .control("q"), in: .history, inTextField: true)?.id == "quit")
    }

    @Test func scopesAreRespected() {
        #expect(Self.keymap.binding(for: .control("s"), in: .history, inTextField: false) == nil)
        #expect(Self.keymap.binding(for: .character("/"), in: .history, inTextField: false)?.id == "search")
    }

    @Test func hintsAndMarkdownComeFromTheSameTable() {
        #expect(Self.keymap.hints(for: .generate, inTextField: false).map(\.id) == ["submit", "help", "quit"], "the screen's own keys first")
        let markdown = Self.keymap.markdown(title: "Keys")
        #expect(markdown.contains("| F1/? | Help |") && markdown.contains("| Ctrl-S | Submit |"))
    }
}
