import Testing
@testable import TermUI

/// Widgets rendered into a buffer and compared with text and role pictures.
struct WidgetTests {
    @Test func frameWithTitle() {
        var buffer = CellBuffer(size: Size(width: 12, height: 4))
        let inner = Frame.draw(buffer.bounds, title: "History", focused: true, into: &buffer)
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(buffer.textPicture == [
            "┌ History ─┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        #expect(buffer.rolePicture[0] == "aaaaaaaaaaaa")
    }

    @Test func hintBarStopsAtAWholeHint() {
        var buffer = CellBuffer(size: Size(width: 24, height: 1))
        let bindings = [KeyBinding(id: "help", keys: [.function(1)], summary: "Help", scope: .global),
                        KeyBinding(id: "submit", keys: [.control("s")], summary: "Submit", scope: .global),
                        KeyBinding(id: "quit", keys: [.control("q")], summary: "Quit", scope: .global)]
        HintBar.draw(bindings, in: buffer.bounds, into: &buffer)
        #expect(buffer.textPicture == ["F1 Help  Ctrl-S Submit  "])
        #expect(buffer.rolePicture == ["aammmmmmmaaaaaammmmmmmmm"])
    }

    @Test func listScrollsToKeepTheSelectionVisible() {
        var state = ListState()
        let rows = (1...10).map { "row \($0)" }
        state.move(by: 4, count: rows.count, height: 3)
        #expect(state.selected == 4 && state.offset == 2)
        state.move(by: 99, count: rows.count, height: 3)
        #expect(state.selected == 9 && state.offset == 7)
        var buffer = CellBuffer(size: Size(width: 8, height: 3))
        var built: [Int] = []
        ListView.draw(count: rows.count, state: state, in: buffer.bounds, into: &buffer) { index in
            built.append(index)
            return (rows[index], .text)
        }
        #expect(built == [7, 8, 9], "only visible rows are built")
        #expect(buffer.textPicture == ["  row 8 ", "  row 9 ", "▸ row 10"], "the cursor row is marked without colour too")
        #expect(buffer.rolePicture[2] == "SSSSSSSS")
        state.clamp(count: 2, height: 3)
        #expect(state.selected == 1 && state.offset == 1)
    }

    @Test func tabsHighlightTheActiveOne() {
        var buffer = CellBuffer(size: Size(width: 30, height: 1))
        TabBar.draw(["Text", "Image", "Frames"], selected: 1, in: buffer.bounds, into: &buffer)
        #expect(buffer.textPicture == [" Text  [Image]  Frames        "], "the active tab reads without colour")
        #expect(buffer.rolePicture == ["mmmmmm.SSSSSSS.mmmmmmmm......."])
    }
}
