import Foundation
import Testing
@testable import StudioCore

/// Clips joined into one film by ffmpeg: stream copy when they match, a re-encode that normalises them
/// when they do not, crossfades that shorten the film by what overlaps, an extension that holds the
/// clip before it replacing that clip, and nothing half-written when ffmpeg fails.
@Suite(.enabled(if: FFmpegTool.locate() != nil, "ffmpeg is not installed, so films cannot be stitched"))
struct FilmStitcherTests {
    static let frame = 1.0 / 24

    /// A test clip: `seconds` of a coloured frame with a tone (or none), H.264 and AAC like a service's.
    static func clip(_ folder: TemporaryFolder, _ name: String, seconds: Double, color: String = "red",
                     size: String = "320x180", audio: Bool = true) throws -> String {
        let path = folder.url.appendingPathComponent(name).path
        var arguments = ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "color=c=\(color):s=\(size):r=24:d=\(seconds)"]
        if audio { arguments += ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=\(seconds)"] }
        arguments += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "24"]
        if audio { arguments += ["-c:a", "aac", "-ac", "2", "-ar", "48000"] }
        arguments += ["-t", "\(seconds)", path]
        let process = Process()
        process.executableURL = try #require(FFmpegTool.locate()).executable
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "ffmpeg made the test clip \(name)")
        return path
    }

    static func streams(_ path: String) throws -> [String] {
        let tool = try #require(FFmpegTool.locate())
        let format = try tool.clipFormat(path)
        return ["video"] + (format.audio == nil ? [] : ["audio"])
    }

    @Test func matchingClipsJoinByStreamCopyAndDifferentOnesAreNormalised() throws {
        let folder = TemporaryFolder()
        let tool = try #require(FFmpegTool.locate())
        let a = try Self.clip(folder, "a.mp4", seconds: 2)
        let b = try Self.clip(folder, "b.mp4", seconds: 3, color: "blue")
        let film = try FilmStitcher(ffmpeg: tool).stitch([FilmClip(path: a, generationID: 1), FilmClip(path: b, generationID: 2)],
                                                         to: folder.url.appendingPathComponent("out/film.mp4"))
        #expect(film.method == "copy" && film.reencodeReason == nil)
        #expect(abs(film.seconds - 5) <= Self.frame + 0.03, "2 s + 3 s, got \(film.seconds)")
        #expect(try Self.streams(film.path) == ["video", "audio"])
        #expect(film.placements.map(\.filmIn) == [0, 2] && film.placements.map(\.filmOut) == [2, 5])

        let wide = try Self.clip(folder, "wide.mp4", seconds: 2, size: "640x360", audio: false)
        let mixed = try FilmStitcher(ffmpeg: tool).stitch([FilmClip(path: a), FilmClip(path: wide)],
                                                          to: folder.url.appendingPathComponent("out/mixed.mp4"))
        #expect(mixed.method == "re-encode" && mixed.reencodeReason?.contains("sizes differ") == true, "\(mixed.reencodeReason ?? "")")
        #expect(mixed.width == 320 && mixed.height == 180, "normalised to the first clip's size")
        #expect(try Self.streams(mixed.path) == ["video", "audio"], "a clip without audio gets silence, so the film has one audio stream")
        #expect(abs(mixed.seconds - 4) <= Self.frame + 0.03, "got \(mixed.seconds)")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("out").path).sorted()
        #expect(left == ["film.mp4", "mixed.mp4"], "no partial or list file is left: \(left)")
    }

    @Test func crossfadesShortenTheFilmByWhatOverlaps() throws {
        let folder = TemporaryFolder()
        let tool = try #require(FFmpegTool.locate())
        let clips = try (0..<3).map { FilmClip(path: try Self.clip(folder, "c\($0).mp4", seconds: 2, color: ["red", "green", "blue"][$0])) }
        let film = try FilmStitcher(ffmpeg: tool).stitch(clips, to: folder.url.appendingPathComponent("xfade.mp4"), crossfade: 0.5)
        #expect(film.method == "re-encode" && film.crossfadeSeconds == 0.5)
        #expect(abs(film.seconds - (6 - 2 * 0.5)) <= Self.frame + 0.03, "6 s less two 0.5 s crossfades, got \(film.seconds)")
        #expect(try Self.streams(film.path) == ["video", "audio"])
        #expect(film.placements.map(\.filmIn) == [0, 1.5, 3])
        #expect(throws: StudioError.self, "a crossfade as long as a clip is refused") {
            try FilmStitcher(ffmpeg: tool).stitch(clips, to: folder.url.appendingPathComponent("long.mp4"), crossfade: 1.5)
        }
    }

    @Test func anExtensionThatHoldsTheClipBeforeReplacesIt() throws {
        let folder = TemporaryFolder()
        let tool = try #require(FFmpegTool.locate())
        let original = try Self.clip(folder, "original.mp4", seconds: 2)
        let whole = try Self.clip(folder, "whole.mp4", seconds: 3)  // the 2 s and 1 s more, as Veo returns it
        let onlyNew = try Self.clip(folder, "new.mp4", seconds: 1)  // a service returning only the new second
        let stitcher = FilmStitcher(ffmpeg: tool)
        let held = try stitcher.stitch([FilmClip(path: original, generationID: 1), FilmClip(path: whole, generationID: 2, extensionAdds: 1)],
                                       to: folder.url.appendingPathComponent("held.mp4"))
        #expect(abs(held.seconds - 3) <= Self.frame + 0.03, "the first 2 s are not shown twice, got \(held.seconds)")
        #expect(held.placements.map(\.filmIn) == [0, 2] && held.placements.map(\.filmOut) == [2, 3])
        #expect(held.placements.map(\.sourceGenerationID) == [2, 2], "both shots' frames come from the extension's file")
        let apart = try stitcher.stitch([FilmClip(path: original), FilmClip(path: onlyNew, extensionAdds: 1)],
                                        to: folder.url.appendingPathComponent("apart.mp4"))
        #expect(abs(apart.seconds - 3) <= Self.frame + 0.03, "the new second follows the original, got \(apart.seconds)")
    }

    @Test func aBrokenClipLeavesNoFilmAndNoPartialFile() throws {
        let folder = TemporaryFolder()
        let tool = try #require(FFmpegTool.locate())
        let good = try Self.clip(folder, "good.mp4", seconds: 1)
        let broken = folder.write("broken.mp4", Data("not a video".utf8))
        let out = folder.url.appendingPathComponent("films/film.mp4")
        #expect(throws: StudioError.self) { try FilmStitcher(ffmpeg: tool).stitch([FilmClip(path: good), FilmClip(path: broken)], to: out) }
        #expect(throws: StudioError.self) { try FilmStitcher(ffmpeg: tool).stitch([FilmClip(path: good), FilmClip(path: "/nowhere/x.mp4")], to: out) }
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)) ?? []
        #expect(left.isEmpty, "nothing half-written: \(left)")
    }

    @Test func aKilledProcesssPartialFileIsRemovedAndALiveOnesKept() throws {
        let folder = TemporaryFolder()
        let tool = try #require(FFmpegTool.locate())
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = folder.write(".partial-\(gone.processIdentifier)-0A1B2C3D-film.mp4", Data("half".utf8))
        let live = folder.write(".partial-\(getpid())-0A1B2C3D-other.mp4", Data("half".utf8))
        let clip = try Self.clip(folder, "one.mp4", seconds: 1)
        _ = try FilmStitcher(ffmpeg: tool).stitch([FilmClip(path: clip)], to: folder.url.appendingPathComponent("film.mp4"))
        #expect(!FileManager.default.fileExists(atPath: dead), "what a killed process left is removed")
        #expect(FileManager.default.fileExists(atPath: live), "a live process's partial file is not touched")
    }

    @Test func theLastFrameIsExactlyTheFinalFrame() throws {
        let folder = TemporaryFolder()
        let tool = try #require(FFmpegTool.locate())
        // Red for 1 s, then one blue frame at the very end.
        let red = try Self.clip(folder, "red.mp4", seconds: 1, audio: false)
        let blue = try Self.clip(folder, "blue.mp4", seconds: Self.frame, color: "blue", audio: false)
        let joined = try FilmStitcher(ffmpeg: tool).stitch([FilmClip(path: red), FilmClip(path: blue)], to: folder.url.appendingPathComponent("j.mp4"))
        let frame = folder.url.appendingPathComponent("last.png")
        try tool.extractLastFrame(of: joined.path, to: frame)
        let pixels = try tool.decodeRGB(frame.path, width: 1, height: 1)
        #expect(pixels[2] > 200 && pixels[0] < 60, "the final frame is the blue one: \(pixels)")
    }
}
