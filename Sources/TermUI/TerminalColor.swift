/// A colour a terminal can show: its default, one of the 8 base colours, a 256-palette index,
/// or true colour. Downgrades for terminals with fewer colours.
public enum TerminalColor: Hashable, Sendable {
    case standard
    case base(Int)
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    /// The 8 base colour names in palette order.
    public static let baseNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, a base colour name, `0`–`255`, or `#rrggbb`; nil when it is none of these.
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "default" || lowered.isEmpty {
            self = .standard
        } else if let index = Self.baseNames.firstIndex(of: lowered) {
            self = .base(index)
        } else if let number = Int(lowered), (0...255).contains(number) {
            self = .indexed(number)
        } else if lowered.hasPrefix("#"), lowered.count == 7, let value = UInt32(lowered.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// The nearest colour a terminal with `colors` colours can show (8, 16, 256, or more for true colour).
    public func downgraded(toColors colors: Int) -> TerminalColor {
        switch self {
        case .standard, .base: return self
        case .indexed(let index):
            if colors >= 256 { return self }
            return .base(Self.baseIndex(ofPalette: index))
        case .rgb(let r, let g, let b):
            if colors > 256 { return self }
            let indexed = Self.paletteIndex(r: r, g: g, b: b)
            return colors >= 256 ? .indexed(indexed) : .base(Self.baseIndex(ofPalette: indexed))
        }
    }

    /// The xterm 256-palette index nearest to an RGB colour (colour cube or grey ramp).
    public static func paletteIndex(r: UInt8, g: UInt8, b: UInt8) -> Int {
        func level(_ value: UInt8) -> Int { value < 48 ? 0 : value < 115 ? 1 : (Int(value) - 35) / 40 }
        if r == g, g == b {
            if r < 8 { return 16 }
            if r > 248 { return 231 }
            return 232 + (Int(r) - 8) / 10
        }
        return 16 + 36 * level(r) + 6 * level(g) + level(b)
    }

    /// The base colour (0–7) nearest to a 256-palette index.
    static func baseIndex(ofPalette index: Int) -> Int {
        if index < 8 { return index }
        if index < 16 { return index - 8 }
        if index >= 232 { return index < 244 ? 0 : 7 }
        let cube = index - 16
        let r = cube / 36, g = cube / 6 % 6, b = cube % 6
        return (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
    }
}
