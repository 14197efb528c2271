/// Breaks text into display lines no wider than a column count: at spaces where it can, inside a
/// word when a word alone is too wide, and always at newlines. Offsets are character indices.
public enum WordWrap {
    /// One display line: where it starts in the text and its characters (without the newline).
    public struct Line: Hashable, Sendable {
        public var start: Int
        public var text: String
        public var count: Int { text.count }
    }

    public static func lines(_ characters: [Character], width: Int) -> [Line] {
        let width = max(1, width)
        var lines: [Line] = []
        var start = 0
        var index = 0
        var columns = 0
        var lastBreak: Int?
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                lines.append(Line(start: start, text: String(characters[start..<index])))
                index += 1
                start = index
                columns = 0
                lastBreak = nil
                continue
            }
            let w = DisplayWidth.of(character)
            if columns + w > width, index > start {
                // A space that overflows hangs at the end of its line; otherwise break after the last space.
                let end = character == " " ? index + 1 : (lastBreak.map { $0 + 1 } ?? index)
                lines.append(Line(start: start, text: String(characters[start..<end])))
                start = end
                index = end
                columns = 0
                lastBreak = nil
                continue
            }
            if character == " " { lastBreak = index }
            columns += w
            index += 1
        }
        lines.append(Line(start: start, text: String(characters[start..<characters.count])))
        return lines
    }
}
