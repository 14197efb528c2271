import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import StudioEmulator

@Suite("MP4 outputs")
struct RenderTests {
    /// Width, height and duration of an MP4, read with ffprobe.
    static func probe(_ data: ByteBuffer) async throws -> (Int, Int, Double) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("veo-probe-\(UUID().uuidString).mp4")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(data.readableBytesView).write(to: file)
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: try #require(ProcessRunner.which("ffprobe")))
        process.arguments = ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height:format=duration",
                             "-of", "default=noprint_wrappers=1", file.path]
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return (Int(values["width"] ?? "") ?? 0, Int(values["height"] ?? "") ?? 0, Double(values["duration"] ?? "") ?? 0)
    }

    @Test("ffmpeg renders the requested size and duration",
          .enabled(if: Fixture.ffmpegAvailable, "ffmpeg/ffprobe not installed: rendered outputs cannot be checked"),
          arguments: [("16:9", "720p", 8, 1280, 720), ("9:16", "720p", 4, 720, 1280), ("16:9", "1080p", 8, 1920, 1080)])
    func rendered(aspect: String, resolution: String, duration: Int, width: Int, height: Int) async throws {
        try await Fixture.withEmulator(Fixture.options(render: true)) { emulator in
            let done = try await emulator.generate(Body.text("A lighthouse in a storm, 100% drama: don't stop", parameters: .object([
                "aspectRatio": .string(aspect), "resolution": .string(resolution), "durationSeconds": .int(duration),
            ])))
            let started = ContinuousClock.now
            let video = try await emulator.download(try #require(done.sampleURIs.first))
            let elapsed = ContinuousClock.now - started
            #expect(video.status == .ok)
            let (w, h, seconds) = try await Self.probe(video.body)
            #expect(w == width && h == height)
            #expect(abs(seconds - Double(duration)) < 0.2, "duration \(seconds)")
            print("render \(resolution) \(aspect) \(duration) s took \(elapsed)")
        }
    }

    @Test("image inputs and reference images render at the requested size",
          .enabled(if: Fixture.ffmpegAvailable, "ffmpeg/ffprobe not installed: rendered outputs cannot be checked"))
    func renderedWithImages() async throws {
        try await Fixture.withEmulator(Fixture.options(render: true)) { emulator in
            let frames = JSONValue.object(["instances": [.object([
                "prompt": "morph", "image": Body.image(Fixture.redPNG), "lastFrame": Body.image(Fixture.bluePNG),
            ])]])
            let first = try await emulator.generate(frames)
            let (w1, h1, _) = try await Self.probe(try await emulator.download(try #require(first.sampleURIs.first)).body)
            #expect(w1 == 1280 && h1 == 720)
            let refs = try await emulator.generate(Body.references(["asset", "asset", "asset"]))
            let (w2, h2, d2) = try await Self.probe(try await emulator.download(try #require(refs.sampleURIs.first)).body)
            #expect(w2 == 1280 && h2 == 720 && abs(d2 - 8) < 0.2)
        }
    }

    @Test("undecodable image bytes fall back to a plain render, never a broken file",
          .enabled(if: Fixture.ffmpegAvailable, "ffmpeg/ffprobe not installed: rendered outputs cannot be checked"))
    func badImageFallsBack() async throws {
        try await Fixture.withEmulator(Fixture.options(render: true)) { emulator in
            let body = JSONValue.object(["instances": [.object([
                "prompt": "garbage image", "image": .object(["bytesBase64Encoded": "bm90IGFuIGltYWdl", "mimeType": "image/png"]),
            ])], "parameters": .object(["durationSeconds": 4])])
            let done = try await emulator.generate(body)
            let video = try await emulator.download(try #require(done.sampleURIs.first))
            let (w, h, _) = try await Self.probe(video.body)
            #expect(w == 1280 && h == 720)
        }
    }

    @Test("without ffmpeg the built-in MP4 is served")
    func builtinFallback() async throws {
        try await Fixture.withEmulator(Fixture.options(render: false)) { emulator in
            let done = try await emulator.generate(Body.text())
            let video = try await emulator.download(try #require(done.sampleURIs.first))
            let builtin = try #require(VideoRenderer.builtinVideo())
            #expect(Data(video.body.readableBytesView) == builtin)
            #expect(builtin.count > 1000 && builtin.count < 64_000)
            #expect(Array(builtin.dropFirst(4).prefix(4)) == Array("ftyp".utf8))
            let health = try await emulator.control("health").json()
            #expect(health["renderer"] == "builtin")
        }
    }

    @Test("the ffmpeg command lays out inputs as documented")
    func command() {
        let spec = RenderSpec(prompt: "p", caption: "c", width: 720, height: 1280, durationSeconds: 8, firstFrame: "a.png",
                              lastFrame: nil, references: [], audio: true, colorSeed: 1)
        let args = FFmpegCommand(spec: spec, firstFrame: "/in/a.png", lastFrame: nil, references: [], promptFile: "/t/p.txt",
                                 captionFile: "/t/c.txt", fontFile: nil, output: "/o.mp4").arguments
        #expect(args.contains("color=c=0x2a1b3a:s=720x1280:r=24:d=8"))
        #expect(args.contains("ultrafast") && args.contains("yuv420p"))
        #expect(args.contains("anullsrc=r=48000:cl=stereo"))
        let graph = args[(args.firstIndex(of: "-filter_complex") ?? 0) + 1]
        #expect(graph.contains("xfade=transition=fade"))
        #expect(!graph.contains("drawtext"), "no font, no text")
        #expect(FFmpegCommand.wrap("one two three four", width: 9, maxLines: 2) == "one two\nthree…")
    }
}
