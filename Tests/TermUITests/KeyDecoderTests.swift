import CNcurses
import Testing
import TermUI
import TermUICurses

/// The codes ncurses reports (checked through tmux on this platform) map to the studio's keys.
struct KeyDecoderTests {
    @Test func keyCodes() {
        #expect(KeyDecoder.decode(keyCode: 265) == .function(1))
        #expect(KeyDecoder.decode(keyCode: 276) == .function(12))
        #expect(KeyDecoder.decode(keyCode: 259) == .up)
        #expect(KeyDecoder.decode(keyCode: 353) == .backTab)
        #expect(KeyDecoder.decode(keyCode: 263) == .backspace)
        #expect(KeyDecoder.decode(keyCode: 338) == .pageDown)
        #expect(KeyDecoder.decode(keyCode: 410) == .resize)
    }

    @Test func characters() {
        #expect(KeyDecoder.decode(character: 13) == .enter)
        #expect(KeyDecoder.decode(character: 19) == .control("s"))
        #expect(KeyDecoder.decode(character: 17) == .control("q"))
        #expect(KeyDecoder.decode(character: 127) == .backspace)
        #expect(KeyDecoder.decode(character: 27) == .escape)
        #expect(KeyDecoder.decode(character: 0x4E16) == .character("世"))
        #expect(KeyDecoder.decode(character: 0x1F3AC) == .character("🎬"))
    }
}
