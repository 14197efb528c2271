/// How a role looks: colours and attributes.
public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(foreground: TerminalColor = .standard, background: TerminalColor = .standard, bold: Bool = false,
                dim: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = CellStyle()

    /// The same style for a terminal with fewer colours; with no colour at all only attributes remain.
    public func downgraded(toColors colors: Int) -> CellStyle {
        var style = self
        if colors < 8 {
            style.foreground = .standard
            style.background = .standard
            return style
        }
        style.foreground = foreground.downgraded(toColors: colors)
        style.background = background.downgraded(toColors: colors)
        return style
    }
}
