import TermUI

/// The studio's top-level screens (F2, F3, F4, F8; F1 opens help over any of them).
public enum StudioScreen: String, CaseIterable, Hashable, Sendable {
    case generate, operations, history, storyboard

    public var title: String {
        switch self {
        case .generate: return "F2 Generate"
        case .operations: return "F3 Operations"
        case .history: return "F4 History"
        case .storyboard: return "F8 Storyboard"
        }
    }
}

extension KeyBinding.Scope {
    /// The key-table scope of a screen.
    init(_ screen: StudioScreen) {
        switch screen {
        case .generate: self = .generate
        case .operations: self = .operations
        case .history: self = .history
        case .storyboard: self = .storyboard
        }
    }
}
