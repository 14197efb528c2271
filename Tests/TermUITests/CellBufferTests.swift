import Testing
@testable import TermUI

struct CellBufferTests {
    @Test func wideCharactersTakeTwoCells() {
        var buffer = CellBuffer(size: Size(width: 10, height: 1))
        let used = buffer.write("a世界🎬b", at: Point(x: 0, y: 0))
        #expect(used == 8)
        #expect(buffer.textPicture == ["a世界🎬b  "])
        #expect(buffer[2, 0].isContinuation && buffer[1, 0].text == "世")
    }

    @Test func wideCharacterCutAtTheEdgeBecomesASpace() {
        var buffer = CellBuffer(size: Size(width: 4, height: 1))
        buffer.write("ab世", at: Point(x: 1, y: 0))
        #expect(buffer.textPicture == [" ab "])
    }

    @Test func overwritingHalfAWideCharacterClearsBothHalves() {
        var buffer = CellBuffer(size: Size(width: 6, height: 1))
        buffer.write("世界", at: Point(x: 0, y: 0))
        buffer.write("x", at: Point(x: 1, y: 0))
        #expect(buffer.textPicture == [" x界  "])
    }

    @Test func clippingAndRoles() {
        var buffer = CellBuffer(size: Size(width: 8, height: 2))
        buffer.write("hello world", at: Point(x: 2, y: 1), role: .accent, clip: Rect(x: 0, y: 1, width: 6, height: 1))
        #expect(buffer.textPicture == ["        ", "  hell  "])
        #expect(buffer.rolePicture == ["........", "..aaaa.."])
        buffer.paint(Rect(x: 0, y: 0, width: 3, height: 1), role: .selection)
        #expect(buffer.rolePicture[0] == "SSS.....")
    }

    @Test func diffNamesOnlyChangedCells() {
        var before = CellBuffer(size: Size(width: 5, height: 2))
        before.write("abc", at: Point(x: 0, y: 0))
        var after = before
        after.write("X", at: Point(x: 1, y: 0))
        after.write("世", at: Point(x: 2, y: 1))
        let changes = after.changes(since: before)
        #expect(changes.map(\.point) == [Point(x: 1, y: 0), Point(x: 2, y: 1)])
        #expect(after.changes(since: CellBuffer(size: Size(width: 4, height: 2))).count == 9, "a resize redraws every cell (10 cells, one the right half of 世)")
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("héllo") == 5)
        #expect(DisplayWidth.of("世界") == 4)
        #expect(DisplayWidth.of("🎬") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.prefix("ab世界", fitting: 4) == "ab世")
    }
}
