/// The state of a multi-line text editor (the prompt): text, cursor, undo. Pure value; the view
/// wraps it to the field's width. Handles any Unicode text, including CJK and emoji, by grapheme.
public struct TextEditorState: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// The cursor, as a character index (0…count).
    public private(set) var cursor: Int
    private var undoStack: [Snapshot] = []
    /// Undo keeps this many steps.
    public static let undoLimit = 200

    struct Snapshot: Hashable, Sendable {
        var characters: [Character]
        var cursor: Int
    }

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Inserts typed or pasted text at the cursor (a paste is one undo step).
    public mutating func insert(_ text: String) {
        guard !text.isEmpty else { return }
        remember()
        let normalized = Array(text.replacingCarriageReturns())
        characters.insert(contentsOf: normalized, at: cursor)
        cursor += normalized.count
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        remember()
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        remember()
        characters.remove(at: cursor)
    }

    /// Deletes the word before the cursor (Ctrl-W).
    public mutating func deleteWordBackward() {
        guard cursor > 0 else { return }
        remember()
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " ", characters[start - 1] != "\n" { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func undo() {
        guard let last = undoStack.popLast() else { return }
        characters = last.characters
        cursor = last.cursor
    }

    public var canUndo: Bool { !undoStack.isEmpty }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }

    /// Moves to the start or end of the wrapped line the cursor is on.
    public mutating func moveToLineStart(width: Int) {
        let (line, _) = position(width: width)
        cursor = WordWrap.lines(characters, width: width)[line].start
    }

    public mutating func moveToLineEnd(width: Int) {
        let lines = WordWrap.lines(characters, width: width)
        let (line, _) = position(width: width)
        let end = lines[line].start + lines[line].count
        // On a wrapped line the end is before its hanging space, so the cursor stays on this line.
        let wrapped = line + 1 < lines.count && lines[line + 1].start == end
        cursor = wrapped ? max(lines[line].start, end - 1) : end
    }

    /// Moves up or down one wrapped line, keeping the column where it can.
    public mutating func moveVertically(by delta: Int, width: Int) {
        let lines = WordWrap.lines(characters, width: width)
        let (line, column) = position(width: width)
        let target = min(max(0, line + delta), lines.count - 1)
        guard target != line else { return }
        let destination = lines[target]
        var used = 0
        var offset = 0
        for character in destination.text {
            let w = DisplayWidth.of(character)
            if used + w > column { break }
            used += w
            offset += 1
        }
        cursor = destination.start + offset
    }

    /// The cursor's wrapped line and display column.
    public func position(width: Int) -> (line: Int, column: Int) {
        let lines = WordWrap.lines(characters, width: width)
        var index = lines.count - 1
        for (number, line) in lines.enumerated() {
            let next = number + 1 < lines.count ? lines[number + 1].start : Int.max
            if cursor >= line.start, cursor < next, cursor <= line.start + line.count || next == Int.max {
                index = number
                break
            }
        }
        let line = lines[index]
        let prefix = characters[line.start..<min(cursor, line.start + line.count)]
        return (index, prefix.reduce(0) { $0 + DisplayWidth.of($1) })
    }

    private mutating func remember() {
        undoStack.append(Snapshot(characters: characters, cursor: cursor))
        if undoStack.count > Self.undoLimit { undoStack.removeFirst() }
    }
}

extension String {
    /// Pasted text from terminals arrives with `\r` line ends.
    func replacingCarriageReturns() -> String {
        String(self.map { $0 == "\r" || $0 == "\r\n" ? "\n" : $0 })
    }
}
