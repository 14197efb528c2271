/// Draws the visible rows of a list with the selected row highlighted. Rows are asked for by
/// index, so only the visible ones are ever built (lists of thousands stay cheap).
public enum ListView {
    public static func draw(count: Int, state: ListState, in rect: Rect, into buffer: inout CellBuffer,
                            row: (Int) -> (text: String, role: StyleRole)) {
        for line in 0..<rect.height {
            let index = state.offset + line
            guard index < count else { break }
            let (text, role) = row(index)
            buffer.write(text, at: Point(x: rect.x, y: rect.y + line), role: role, clip: rect)
            if index == state.selected {
                buffer.paint(Rect(x: rect.x, y: rect.y + line, width: rect.width, height: 1), role: .selection)
            }
        }
    }
}
