/// Draws the visible rows of a list with the selected row highlighted.
public enum ListView {
    public static func draw(_ rows: [String], state: ListState, in rect: Rect, into buffer: inout CellBuffer,
                            roles: (Int) -> StyleRole = { _ in .text }) {
        for line in 0..<rect.height {
            let index = state.offset + line
            guard index < rows.count else { break }
            let point = Point(x: rect.x, y: rect.y + line)
            buffer.write(rows[index], at: point, role: roles(index), clip: rect)
            if index == state.selected {
                buffer.paint(Rect(x: rect.x, y: rect.y + line, width: rect.width, height: 1), role: .selection)
            }
        }
    }
}
