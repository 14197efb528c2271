/// The bottom line of keys that work here, drawn from the key table; a hint that does not fit is left out whole.
public enum HintBar {
    public static func draw(_ bindings: [KeyBinding], in rect: Rect, into buffer: inout CellBuffer) {
        guard rect.height > 0 else { return }
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .muted)
        var x = rect.x
        for binding in bindings {
            let key = binding.keyText
            let needed = DisplayWidth.of(key) + 1 + DisplayWidth.of(binding.shortSummary) + 2
            if x + needed - 2 > rect.maxX { continue }
            x += buffer.write(key, at: Point(x: x, y: rect.y), role: .accent, clip: rect)
            x += buffer.write(" " + binding.shortSummary, at: Point(x: x, y: rect.y), role: .muted, clip: rect)
            x += 2
        }
    }
}
