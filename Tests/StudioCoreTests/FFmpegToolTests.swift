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
