import Testing
@testable import TermUI

struct HalfBlockImageTests {
    @Test func twoPixelRowsPerCell() {
        // 2×2 pixels: red, green / blue, white.
        let image = HalfBlockImage(width: 2, height: 2, rgb: [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
        var buffer = CellBuffer(size: Size(width: 3, height: 1))
        image.draw(in: buffer.bounds, colors: 1 << 24, into: &buffer)
        #expect(buffer.textPicture == ["▀▀ "])
        #expect(buffer[0, 0].colors == CellColors(foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 255)))
        #expect(buffer[1, 0].colors == CellColors(foreground: .rgb(0, 255, 0), background: .rgb(255, 255, 255)))
        var palette = CellBuffer(size: Size(width: 2, height: 1))
        image.draw(in: palette.bounds, colors: 256, into: &palette)
        #expect(palette[0, 0].colors?.foreground == .indexed(196))
    }

    @Test func fitsKeepingTheAspectRatio() {
        #expect(HalfBlockImage.fittingSize(pixels: Size(width: 1920, height: 1080), into: Size(width: 32, height: 9)) == Size(width: 32, height: 18))
        #expect(HalfBlockImage.fittingSize(pixels: Size(width: 1080, height: 1920), into: Size(width: 32, height: 9)) == Size(width: 10, height: 18))
    }
}
