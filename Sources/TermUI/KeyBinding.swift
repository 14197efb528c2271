/// One row of a key table: the keys, a stable id, what it does, where it works and whether the
/// hint bar shows it. The same table drives the hint bar, the help screen and `KEYBINDINGS.md`.
public struct KeyBinding: Hashable, Sendable {
    /// Where a binding applies; `global` works everywhere, `outsideText` everywhere but text fields.
    public enum Scope: String, Hashable, Sendable, CaseIterable {
        case global, outsideText, generate, picker, operations, history, storyboard, conversation, pane, text

        /// The heading of the scope in help and in the generated Markdown.
        public var title: String {
            switch self {
            case .global: return "Everywhere"
            case .outsideText: return "Outside text fields"
            case .generate: return "Generate"
            case .picker: return "Image picker"
            case .operations: return "Operations"
            case .history: return "History"
            case .storyboard: return "Storyboard"
            case .conversation: return "Conversation (Gemini Omni)"
            case .pane: return "A pane (details, curl, sidecar)"
            case .text: return "Text fields"
            }
        }
    }

    public var id: String
    public var keys: [Key]
    public var summary: String
    public var scope: Scope
    public var showsInHints: Bool

    public init(id: String, keys: [Key], summary: String, scope: Scope, showsInHints: Bool = true) {
        self.id = id
        self.keys = keys
        self.summary = summary
        self.scope = scope
        self.showsInHints = showsInHints
    }

    /// The summary without its parenthesised detail, for the hint bar.
    public var shortSummary: String {
        summary.firstRange(of: " (").map { String(summary[..<$0.lowerBound]) } ?? summary
    }

    /// `F2/Ctrl-G` — the keys as shown to people.
    public var keyText: String { keys.map(\.description).joined(separator: "/") }
}

/// A table of bindings with lookup by key and scope (first match wins, specific scopes first).
public struct Keymap: Sendable {
    public let bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding]) { self.bindings = bindings }

    /// The binding a key triggers in a scope, or nil; `inTextField` hides `outsideText` bindings
    /// so typed letters reach the field.
    public func binding(for key: Key, in scope: KeyBinding.Scope, inTextField: Bool) -> KeyBinding? {
        let order: [KeyBinding.Scope] = inTextField ? [scope, .text, .global] : [scope, .outsideText, .global]
        for current in order {
            if let match = bindings.first(where: { $0.scope == current && $0.keys.contains(key) }) { return match }
        }
        return nil
    }

    /// The bindings shown in the hint bar for a scope, the screen's own first.
    public func hints(for scope: KeyBinding.Scope, inTextField: Bool) -> [KeyBinding] {
        let order: [KeyBinding.Scope] = inTextField ? [scope, .text, .global] : [scope, .outsideText, .global]
        return order.flatMap { current in bindings.filter { $0.scope == current && $0.showsInHints } }
    }

    /// The table as Markdown, grouped by scope (the generated `docs/KEYBINDINGS.md`).
    public func markdown(title: String) -> String {
        var lines = ["# \(title)", "", "Generated from the studio's key table; a test keeps this file current.", ""]
        for scope in KeyBinding.Scope.allCases {
            let rows = bindings.filter { $0.scope == scope }
            guard !rows.isEmpty else { continue }
            lines += ["## \(scope.title)", "", "| Keys | Action |", "|---|---|"]
            lines += rows.map { "| \($0.keyText.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")) | \($0.summary) |" }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
