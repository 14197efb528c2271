/// One terminal cell: a grapheme and its role. A wide grapheme occupies its cell and the next,
/// which holds a `continuation` cell.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: StyleRole
    public var isContinuation: Bool

    public init(_ text: String = " ", role: StyleRole = .text, isContinuation: Bool = false) {
        self.text = text
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
    static func continuation(_ role: StyleRole) -> Cell { Cell("", role: role, isContinuation: true) }
}
