import TermUI

/// The help overlay, from the key table: this screen's keys first, then the keys that work
/// everywhere, outside text fields and in text fields, each under its heading; one column whose
/// summaries wrap, scrolled with j/k.
enum HelpView {
    /// The width the lines are wrapped to in a terminal of `size`.
    static func textWidth(_ size: Size) -> Int { max(20, size.width - 4) }

    /// Every line of the help with its role and how many of its first cells name keys, wrapped to `width`.
    static func lines(_ model: AppModel, width: Int) -> [(text: String, role: StyleRole, keyCells: Int)] {
        let scopes: [KeyBinding.Scope] = [model.keyScope, .global, .outsideText, .text]
        let keyWidth = min(18, StudioKeymap.table.bindings.map { DisplayWidth.of($0.keyText) }.max() ?? 10) + 2
        var lines: [(String, StyleRole, Int)] = []
        for scope in scopes {
            let bindings = StudioKeymap.table.bindings.filter { $0.scope == scope }
            guard !bindings.isEmpty else { continue }
            if !lines.isEmpty { lines.append(("", .text, 0)) }
            lines.append(("── \(scope.title) ──", .accent, 0))
            for binding in bindings {
                let summary = WordWrap.lines(Array(binding.summary), width: max(10, width - keyWidth))
                for (index, part) in summary.enumerated() {
                    let key = index == 0 ? TableLayout.fit(binding.keyText, width: keyWidth - 2) + "  " : String(repeating: " ", count: keyWidth)
                    lines.append((key + part.text, .text, index == 0 ? keyWidth - 2 : 0))
                }
            }
        }
        return lines
    }

    static func draw(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: "Help — \(model.keyScope.title) — j/k scroll · Esc closes", focused: true, into: &buffer)
        let all = lines(model, width: textWidth(model.size))
        let offset = min(model.helpOffset, max(0, all.count - inner.height))
        for (row, line) in all.dropFirst(offset).prefix(inner.height).enumerated() {
            buffer.write(line.text, at: Point(x: inner.x + 1, y: inner.y + row), role: line.role, clip: inner)
            buffer.paint(Rect(x: inner.x + 1, y: inner.y + row, width: line.keyCells, height: 1), role: .accent)
        }
        if all.count > inner.height {
            let more = offset + inner.height < all.count ? "↓ more (j)" : "end"
            buffer.write(" \(more) ", at: Point(x: inner.maxX - DisplayWidth.of(more) - 3, y: inner.maxY), role: .muted)
        }
    }
}
