import ArgumentParser
import Foundation
import StudioCore

/// Stitching a film: N clips of S seconds at 720p (H.264 and AAC, as the services return them)
/// joined by stream copy, then with crossfades (a re-encode); prints the wall time and the CPU time
/// ffmpeg took for each, beside the film's length.
struct StitchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stitch", abstract: "Film stitching by stream copy and with crossfades.")

    @Option(help: "Clips in the film.") var clips = 10
    @Option(help: "Seconds per clip.") var seconds = 8
    @Option(help: "Crossfade in seconds for the re-encode.") var crossfade = 0.5

    func run() async throws {
        guard let ffmpeg = FFmpegTool.locate() else {
            throw ValidationError("ffmpeg not found: install it (sudo apt-get install -y ffmpeg) to measure stitching")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-bench-stitch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let colors = ["red", "green", "blue", "yellow", "cyan", "magenta", "orange", "purple", "white", "gray"]
        var made: [FilmClip] = []
        for index in 0..<clips {
            let path = folder.appendingPathComponent("clip-\(index).mp4").path
            try make(ffmpeg, path, color: colors[index % colors.count])
            made.append(FilmClip(path: path, generationID: Int64(index + 1)))
        }
        let stitcher = FilmStitcher(ffmpeg: ffmpeg)
        for (label, fade) in [("stream copy", 0.0), (String(format: "%.1f s crossfades (re-encode)", crossfade), crossfade)] {
            let before = Self.childCPU()
            var film: FilmResult?
            let wall = try Stopwatch.seconds {
                film = try stitcher.stitch(made, to: folder.appendingPathComponent("film-\(fade).mp4"), crossfade: fade)
            }
            let cpu = Self.childCPU() - before
            print(String(format: "stitch: %d × %d s 720p, %@: %.2f s wall, %.2f s ffmpeg CPU, film %.2f s (%@)",
                         clips, seconds, label, wall, cpu, film?.seconds ?? 0, film?.method ?? ""))
        }
        print("stitch: \(ProcessInfo.processInfo.activeProcessorCount) cores")
    }

    /// One test clip: a moving test pattern with a tone, H.264 (veryfast) and AAC stereo, 24 fps.
    func make(_ ffmpeg: FFmpegTool, _ path: String, color: String) throws {
        let process = Process()
        process.executableURL = ffmpeg.executable
        process.arguments = ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=24:duration=\(seconds)",
                             "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=\(seconds)",
                             "-vf", "drawbox=c=\(color)@0.4:t=fill", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                             "-c:a", "aac", "-ac", "2", "-ar", "48000", "-t", "\(seconds)", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("ffmpeg could not make the test clip \(path)") }
    }

    /// CPU seconds (user + system) of this process's ended children.
    static func childCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
