/// What a cell means, not how it looks: a theme maps each role to colours and attributes.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    case text, muted, border, accent, selection, error, warning, success, running, disabled, cost, synthetic

    /// One character per role for the style pictures of snapshot tests.
    public var glyph: Character {
        switch self {
        case .text: return "."
        case .muted: return "m"
        case .border: return "b"
        case .accent: return "a"
        case .selection: return "S"
        case .error: return "E"
        case .warning: return "W"
        case .success: return "s"
        case .running: return "r"
        case .disabled: return "d"
        case .cost: return "c"
        case .synthetic: return "y"
        }
    }
}
