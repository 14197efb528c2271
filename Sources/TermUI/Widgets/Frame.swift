/// Draws a box with an optional title and returns the area inside it.
public enum Frame {
    @discardableResult
    public static func draw(_ rect: Rect, title: String? = nil, focused: Bool = false, into buffer: inout CellBuffer) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let role: StyleRole = focused ? .accent : .border
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.write("┌" + horizontal + "┐", at: Point(x: rect.x, y: rect.y), role: role)
        buffer.write("└" + horizontal + "┘", at: Point(x: rect.x, y: rect.maxY - 1), role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.write("│", at: Point(x: rect.x, y: y), role: role)
            buffer.write("│", at: Point(x: rect.maxX - 1, y: y), role: role)
        }
        if let title, rect.width > 4 {
            let text = " " + DisplayWidth.prefix(title, fitting: rect.width - 4) + " "
            buffer.write(text, at: Point(x: rect.x + 1, y: rect.y), role: focused ? .accent : .text)
        }
        return rect.inset(dx: 1, dy: 1)
    }
}
