import Foundation
import Testing
@testable import StudioCore

/// Previews decode through ffmpeg when it is installed (CI installs it).
@Suite(.enabled(if: FFmpegTool.locate() != nil, "ffmpeg is not installed, so the preview decoder cannot be exercised"))
struct FFmpegToolTests {
    @Test func decodesAnImageToRGB() throws {
        let folder = TemporaryFolder()
        let path = folder.write("red.png", TestImages.png(width: 16, height: 16, rgb: (250, 10, 10)))
        let tool = try #require(FFmpegTool.locate())
        let pixels = try tool.decodeRGB(path, width: 4, height: 2)
        #expect(pixels.count == 4 * 2 * 3)
        #expect(pixels[0] > 200 && pixels[1] < 40 && pixels[2] < 40)
    }

    @Test func convertsToASmallerJPEGOrToTheFirstFramesSize() throws {
        let folder = TemporaryFolder()
        let path = folder.write("big.png", TestImages.png(width: 64, height: 32))
        let tool = try #require(FFmpegTool.locate())
        let shrunk = URL(fileURLWithPath: folder.write("unused", Data())).deletingLastPathComponent().appendingPathComponent("out/small.jpg")
        try tool.convertImage(path, to: shrunk, maxSide: 16)
        let small = try #require(ImageInspector.inspect([UInt8](Data(contentsOf: shrunk))))
        #expect(small.format == .jpeg && small.width == 16 && small.height == 8)
        let matched = shrunk.deletingLastPathComponent().appendingPathComponent("matched.jpg")
        try tool.convertImage(path, to: matched, size: (width: 40, height: 40))
        let padded = try #require(ImageInspector.inspect([UInt8](Data(contentsOf: matched))))
        #expect(padded.width == 40 && padded.height == 40, "resized and padded to the first frame's size")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: shrunk.deletingLastPathComponent().path)
        #expect(leftovers.sorted() == ["matched.jpg", "small.jpg"], "no partial file is left behind")
    }

    @Test func aBrokenFileIsNamed() throws {
        let folder = TemporaryFolder()
        let path = folder.write("broken.png", Data("not an image".utf8))
        let tool = try #require(FFmpegTool.locate())
        #expect(throws: StudioError.self) { try tool.decodeRGB(path, width: 4, height: 2) }
    }
}

struct FFmpegLocationTests {
    @Test func missingFFmpegIsReportedNotCrashed() {
        #expect(FFmpegTool.locate(environment: ["PATH": "/nonexistent"]) == nil)
        #expect(FFmpegTool.missingMessage.contains("ffmpeg not found"))
    }
}
