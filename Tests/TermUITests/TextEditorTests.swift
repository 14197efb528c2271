import Testing
@testable import TermUI

struct TextEditorTests {
    @Test func wrapsAtSpacesAndInsideLongWords() {
        let lines = WordWrap.lines(Array("a neon cat drives fast"), width: 10).map(\.text)
        #expect(lines == ["a neon cat ", "drives ", "fast"])
        #expect(WordWrap.lines(Array("abcdefghij"), width: 4).map(\.text) == ["abcd", "efgh", "ij"])
        #expect(WordWrap.lines(Array("one\ntwo"), width: 10).map(\.text) == ["one", "two"])
    }

    @Test func wideCharactersWrapByColumns() {
        let lines = WordWrap.lines(Array("世界世界世界"), width: 5)
        #expect(lines.map(\.text) == ["世界", "世界", "世界"])
    }

    @Test func typingPastingAndUndo() {
        var editor = TextEditorState()
        editor.insert("héllo ")
        editor.insert("世界 🎬")
        #expect(editor.text == "héllo 世界 🎬")
        editor.backspace()
        #expect(editor.text == "héllo 世界 ")
        editor.insert("line one\r\nline two")
        #expect(editor.text.hasSuffix("line one\nline two"))
        editor.undo()
        editor.undo()
        #expect(editor.text == "héllo 世界 🎬")
        editor.deleteWordBackward()
        #expect(editor.text == "héllo 世界 ")
    }

    @Test func cursorMovesByWrappedLinesAndColumns() {
        var editor = TextEditorState("abcd efgh ijkl")
        #expect(editor.position(width: 5).line == 2)
        editor.moveVertically(by: -1, width: 5)
        #expect(editor.position(width: 5).line == 1)
        editor.moveToLineStart(width: 5)
        #expect(editor.cursor == 5)
        editor.moveLeft()
        editor.moveToLineEnd(width: 5)
        #expect(editor.position(width: 5) == (line: 0, column: 4))
    }
}
