/// Draws the visible rows of a list with the selected row highlighted and marked `▸` in a
/// column of its own (so the cursor reads without colour too). Rows are asked for by index, so
/// only the visible ones are ever built (lists of thousands stay cheap).
public enum ListView {
    /// Cells the cursor column takes; a row gets the rest.
    public static let cursorWidth = 2

    public static func draw(count: Int, state: ListState, in rect: Rect, into buffer: inout CellBuffer,
                            row: (Int) -> (text: String, role: StyleRole)) {
        let text = Rect(x: rect.x + cursorWidth, y: rect.y, width: max(0, rect.width - cursorWidth), height: rect.height)
        for line in 0..<rect.height {
            let index = state.offset + line
            guard index < count else { break }
            let (content, role) = row(index)
            let selected = index == state.selected
            buffer.write(selected ? "▸ " : "  ", at: Point(x: rect.x, y: rect.y + line), role: selected ? .selection : role, clip: rect)
            buffer.write(content, at: Point(x: text.x, y: rect.y + line), role: role, clip: text)
            if selected {
                buffer.paint(Rect(x: rect.x, y: rect.y + line, width: rect.width, height: 1), role: .selection)
            }
        }
    }
}
