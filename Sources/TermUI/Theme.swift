/// Named roles mapped to styles; a role the theme leaves out looks like `text`.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [StyleRole: CellStyle]

    public init(name: String, styles: [StyleRole: CellStyle]) {
        self.name = name
        self.styles = styles
    }

    public func style(for role: StyleRole) -> CellStyle {
        styles[role] ?? styles[.text] ?? .plain
    }

    /// The theme as a terminal with `colors` colours can show it.
    public func downgraded(toColors colors: Int) -> Theme {
        Theme(name: name, styles: styles.mapValues { $0.downgraded(toColors: colors) })
    }

    /// Attributes only, for `NO_COLOR` and monochrome terminals.
    public static let mono = Theme(name: "mono", styles: [
        .muted: CellStyle(dim: true), .accent: CellStyle(bold: true), .selection: CellStyle(reverse: true),
        .error: CellStyle(bold: true, underline: true), .warning: CellStyle(bold: true),
        .disabled: CellStyle(dim: true), .synthetic: CellStyle(underline: true),
    ])

    /// The built-in 8-colour look, used when no theme file can be read.
    public static let fallback = Theme(name: "fallback", styles: [
        .muted: CellStyle(dim: true), .border: CellStyle(foreground: .base(4)),
        .accent: CellStyle(foreground: .base(6), bold: true), .selection: CellStyle(foreground: .base(0), background: .base(6)),
        .error: CellStyle(foreground: .base(1), bold: true), .warning: CellStyle(foreground: .base(3)),
        .success: CellStyle(foreground: .base(2)), .running: CellStyle(foreground: .base(4), bold: true),
        .disabled: CellStyle(dim: true), .cost: CellStyle(foreground: .base(3)), .synthetic: CellStyle(foreground: .base(5)),
    ])
}
