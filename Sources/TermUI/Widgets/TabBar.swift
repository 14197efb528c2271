/// A row of tab titles with the active one highlighted and in brackets (readable without colour);
/// titles that do not fit are shortened.
public enum TabBar {
    public static func draw(_ titles: [String], selected: Int, in rect: Rect, into buffer: inout CellBuffer) {
        guard rect.height > 0, !titles.isEmpty else { return }
        let room = max(1, rect.width / titles.count - 3)
        var x = rect.x
        for (index, title) in titles.enumerated() {
            let shown = DisplayWidth.prefix(title, fitting: room)
            let text = index == selected ? "[" + shown + "]" : " " + shown + " "
            let role: StyleRole = index == selected ? .selection : .muted
            x += buffer.write(text, at: Point(x: x, y: rect.y), role: role, clip: rect)
            x += buffer.write(" ", at: Point(x: x, y: rect.y), clip: rect)
        }
    }
}
