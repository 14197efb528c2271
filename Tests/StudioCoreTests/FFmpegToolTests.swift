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

/// Local videos are measured with ffprobe before an extension is sent (needs ffmpeg to make them).
@Suite(.enabled(if: FFmpegTool.locate() != nil, "ffmpeg is not installed, so no video can be made to measure"))
struct FFmpegVideoProbeTests {

    /// An MP4 of `seconds` at `fps`, made by ffmpeg's test source.
    static func video(_ name: String, seconds: Int, fps: Int, in folder: TemporaryFolder) throws -> String {
        let tool = try #require(FFmpegTool.locate())
        let path = folder.url.appendingPathComponent(name).path
        let process = Process()
        process.executableURL = tool.executable
        process.arguments = ["-v", "error", "-nostdin", "-f", "lavfi", "-i", "testsrc=size=64x36:rate=\(fps)", "-t", "\(seconds)",
                             "-c:v", "mpeg4", "-y", path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return path
    }

    @Test func aLocalVideoIsMeasuredBeforeVertexExtendsIt() throws {
        let folder = TemporaryFolder()
        let short = try Self.video("short.mp4", seconds: 3, fps: 30, in: folder)
        let long = try Self.video("long.mp4", seconds: 31, fps: 24, in: folder)
        let probe = try #require(FFmpegTool.locate()?.probeVideo(short))
        #expect(abs(probe.seconds - 3) < 0.2 && probe.framesPerSecond == 30)
        let service = GenerationService(journal: try Journal.inMemory(), registry: Fixtures.registry, prices: Fixtures.prices,
                                        assets: AssetStore(root: folder.url.appendingPathComponent("assets")),
                                        mediaRoot: folder.url.appendingPathComponent("media"))
        func prepare(_ path: String) -> ValidationReport {
            var draft = GenerationDraft()
            draft.provider = "vertex"
            draft.prompt = "and then"
            draft.video = .file(path: path)
            return service.prepare(draft).report
        }
        let shortReport = prepare(short)
        #expect(shortReport.isValid && shortReport.warnings.map(\.code) == ["extension.input_fps"], "\(shortReport.issues.map(\.code))")
        let longReport = prepare(long)
        #expect(Set(longReport.errors.map(\.code)) == ["extension.input_length", "extension.output_too_long"], "\(longReport.issues.map(\.code))")
    }
}
