import Testing
@testable import TermUI

struct ThemeTests {
    @Test func colourNamesParse() {
        #expect(TerminalColor(name: "Red") == .base(1))
        #expect(TerminalColor(name: "214") == .indexed(214))
        #expect(TerminalColor(name: "#ff8800") == .rgb(255, 136, 0))
        #expect(TerminalColor(name: "default") == .standard)
        #expect(TerminalColor(name: "chartreuse") == nil && TerminalColor(name: "300") == nil)
    }

    @Test func eightColourTerminalsFallBackCleanly() {
        #expect(TerminalColor.indexed(196).downgraded(toColors: 8) == .base(1))
        #expect(TerminalColor.indexed(46).downgraded(toColors: 8) == .base(2))
        #expect(TerminalColor.rgb(255, 136, 0).downgraded(toColors: 256) == .indexed(208))
        #expect(TerminalColor.rgb(250, 250, 250).downgraded(toColors: 8) == .base(7))
        #expect(TerminalColor.indexed(240).downgraded(toColors: 256) == .indexed(240))
    }

    @Test func noColourKeepsAttributesOnly() {
        let style = CellStyle(foreground: .indexed(203), bold: true).downgraded(toColors: 0)
        #expect(style == CellStyle(bold: true))
        #expect(Theme.mono.style(for: .selection).reverse)
        #expect(Theme.mono.style(for: .running) == .plain)
    }
}
