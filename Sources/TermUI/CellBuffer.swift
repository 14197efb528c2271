/// A frame of cells that knows no terminal: screens draw into it, tests read it as pictures,
/// and a backend writes only the cells that changed since the last frame.
public struct CellBuffer: Hashable, Sendable {
    public private(set) var size: Size
    private var cells: [Cell]

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
        return cells[y * size.width + x]
    }

    /// Writes text from a point, clipped to `clip` (default: the whole buffer). A wide grapheme that
    /// would be cut in half at the edge is replaced by a space. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, at point: Point, role: StyleRole = .text, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard point.y >= area.y, point.y < area.maxY else { return 0 }
        var x = point.x
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if x + width > area.maxX {
                if width == 2, x < area.maxX, x >= area.x { put(Cell(" ", role: role), x: x, y: point.y) }
                break
            }
            if x >= area.x {
                put(Cell(String(character), role: role), x: x, y: point.y)
                if width == 2 { put(.continuation(role), x: x + 1, y: point.y) }
            }
            x += width
        }
        return x - point.x
    }

    /// Sets the role of every cell in a rectangle (a selection bar, a greyed field) keeping the text.
    public mutating func paint(_ rect: Rect, role: StyleRole) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { cells[y * size.width + x].role = role }
        }
    }

    /// Places one single-width cell as it is (pictures: a half block with its own colours).
    public mutating func set(_ cell: Cell, at point: Point) {
        guard point.x >= 0, point.y >= 0, point.x < size.width, point.y < size.height, !cell.isContinuation else { return }
        put(cell, x: point.x, y: point.y)
    }

    /// Fills a rectangle with one character.
    public mutating func fill(_ rect: Rect, with text: String = " ", role: StyleRole = .text) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { put(Cell(text, role: role), x: x, y: y) }
        }
    }

    /// Places a cell, repairing any wide grapheme it splits.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        let index = y * size.width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", role: cells[index - 1].role)
        }
        if x + 1 < size.width, cells[index + 1].isContinuation, !cell.isContinuation {
            cells[index + 1] = Cell(" ", role: cells[index + 1].role)
        }
        cells[index] = cell
    }

    /// The cells that differ from `previous` (everything when the size changed), in row order.
    public func changes(since previous: CellBuffer?) -> [(point: Point, cell: Cell)] {
        guard let previous, previous.size == size else {
            return cells.indices.compactMap { index in
                cells[index].isContinuation ? nil : (Point(x: index % size.width, y: index / size.width), cells[index])
            }
        }
        var result: [(Point, Cell)] = []
        for index in cells.indices where cells[index] != previous.cells[index] && !cells[index].isContinuation {
            result.append((Point(x: index % size.width, y: index / size.width), cells[index]))
        }
        return result
    }

    /// The frame as lines of text (trailing spaces kept), for snapshot tests.
    public var textPicture: [String] {
        (0..<size.height).map { y in
            (0..<size.width).reduce(into: "") { line, x in
                let cell = self[x, y]
                if !cell.isContinuation { line += cell.text }
            }
        }
    }

    /// The frame's roles, one glyph per cell, for snapshot tests.
    public var rolePicture: [String] {
        (0..<size.height).map { y in String((0..<size.width).map { self[$0, y].role.glyph }) }
    }
}
