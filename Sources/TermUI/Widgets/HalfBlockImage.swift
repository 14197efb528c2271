/// An image drawn with the upper-half block "▀": each cell shows two pixels, the top one as the
/// foreground and the bottom one as the background, in true colour or the 256-colour palette.
public struct HalfBlockImage: Hashable, Sendable {
    /// Pixels in rows of RGB triples; `height` rows of `width` pixels.
    public var width: Int
    public var height: Int
    public var rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// Draws the image from the rect's top left (one cell per pixel column, two pixel rows per cell).
    public func draw(in rect: Rect, colors: Int, into buffer: inout CellBuffer) {
        guard rgb.count >= width * height * 3 else { return }
        for row in 0..<min(rect.height, (height + 1) / 2) {
            for column in 0..<min(rect.width, width) {
                let top = color(x: column, y: row * 2, colors: colors)
                let bottom = row * 2 + 1 < height ? color(x: column, y: row * 2 + 1, colors: colors) : .standard
                buffer.set(Cell("▀", colors: CellColors(foreground: top, background: bottom)),
                           at: Point(x: rect.x + column, y: rect.y + row))
            }
        }
    }

    /// The cell size an image of `pixels` needs to fit in `cells`, keeping its aspect ratio.
    public static func fittingSize(pixels: Size, into cells: Size) -> Size {
        guard pixels.width > 0, pixels.height > 0, cells.width > 0, cells.height > 0 else { return Size(width: 0, height: 0) }
        let scale = min(Double(cells.width) / Double(pixels.width), Double(cells.height * 2) / Double(pixels.height))
        return Size(width: max(1, Int(Double(pixels.width) * scale)), height: max(2, Int(Double(pixels.height) * scale)))
    }

    private func color(x: Int, y: Int, colors: Int) -> TerminalColor {
        let index = (y * width + x) * 3
        return TerminalColor.rgb(rgb[index], rgb[index + 1], rgb[index + 2]).downgraded(toColors: colors)
    }
}
