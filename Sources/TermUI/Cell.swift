/// One terminal cell: a grapheme and its role. A wide grapheme occupies its cell and the next,
/// which holds a `continuation` cell. `colors` overrides the role's colours for pictures
/// (image previews drawn with half blocks).
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: StyleRole
    public var isContinuation: Bool
    public var colors: CellColors?

    public init(_ text: String = " ", role: StyleRole = .text, isContinuation: Bool = false, colors: CellColors? = nil) {
        self.text = text
        self.role = role
        self.isContinuation = isContinuation
        self.colors = colors
    }

    public static let blank = Cell()
    static func continuation(_ role: StyleRole) -> Cell { Cell("", role: role, isContinuation: true) }
}

/// Explicit foreground and background colours of one cell.
public struct CellColors: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor

    public init(foreground: TerminalColor, background: TerminalColor) {
        self.foreground = foreground
        self.background = background
    }
}
