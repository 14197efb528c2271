/// Selection and scroll of a list: the screen owns it, the list view draws from it.
public struct ListState: Hashable, Sendable {
    public private(set) var selected: Int = 0
    public private(set) var offset: Int = 0

    public init() {}

    /// Moves the selection by `delta` rows within `count` items, scrolling to keep it visible in `height` rows.
    public mutating func move(by delta: Int, count: Int, height: Int) {
        guard count > 0 else { selected = 0; offset = 0; return }
        selected = min(max(0, selected + delta), count - 1)
        scrollToSelection(height: height)
    }

    public mutating func select(_ index: Int, count: Int, height: Int) {
        move(by: index - selected, count: count, height: height)
    }

    /// Carries out a list key of the key table (`list.down`, `list.page_up`, `list.top`, …);
    /// returns false when the id is not a list movement.
    public mutating func apply(bindingID id: String?, count: Int, height: Int) -> Bool {
        let delta: Int
        switch id {
        case "list.down": delta = 1
        case "list.up": delta = -1
        case "list.page_down": delta = height
        case "list.page_up": delta = -height
        case "list.top": delta = -Int.max / 2
        case "list.bottom": delta = Int.max / 2
        default: return false
        }
        move(by: delta, count: count, height: height)
        return true
    }

    /// Keeps the selection inside the visible window after a resize or a change of the items.
    public mutating func clamp(count: Int, height: Int) {
        move(by: 0, count: count, height: height)
    }

    private mutating func scrollToSelection(height: Int) {
        let rows = max(1, height)
        if selected < offset { offset = selected }
        if selected >= offset + rows { offset = selected - rows + 1 }
    }
}
