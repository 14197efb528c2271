import Foundation

/// ffmpeg, the studio's media tool (previews, probing, conversion). Optional at run time:
/// every use says clearly when it is missing.
public struct FFmpegTool: Sendable {
    public let executable: URL

    /// ffmpeg from `PATH`, or nil when it is not installed.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> FFmpegTool? {
        ExecutableSearch.find("ffmpeg", environment: environment).map(FFmpegTool.init(executable:))
    }

    /// What a screen shows in place of a preview when ffmpeg is missing.
    public static let missingMessage = "no preview: ffmpeg not found (apt-get install ffmpeg)"

    /// Decodes an image (or a video's first frame) to RGB pixels of the given size.
    public func decodeRGB(_ file: String, width: Int, height: Int) throws -> [UInt8] {
        let (status, data, message) = try execute(["-v", "error", "-nostdin", "-i", file, "-frames:v", "1", "-vf", "scale=\(width):\(height)",
                                               "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        guard status == 0, data.count == width * height * 3 else {
            let name = (file as NSString).lastPathComponent
            let reason = message.split(separator: "\n").last.map(String.init) ?? "no pixels"
            throw StudioError(field: "image", code: "ffmpeg.decode_failed", message: "ffmpeg could not decode \(name): \(reason)",
                              fix: "check that the file is an image or a video")
        }
        return [UInt8](data)
    }

    /// Writes a JPEG copy of an image: `size` exactly (padded, for a last frame that must match
    /// the first), else at most `maxSide` pixels on its long side. Written beside the target and
    /// renamed, so no half-written file is left.
    public func convertImage(_ file: String, to output: URL, size: (width: Int, height: Int)? = nil, maxSide: Int = 1280) throws {
        let filter = size.map { "scale=\($0.width):\($0.height):force_original_aspect_ratio=decrease,pad=\($0.width):\($0.height):(ow-iw)/2:(oh-ih)/2" }
            ?? "scale='min(\(maxSide),iw)':'min(\(maxSide),ih)':force_original_aspect_ratio=decrease"
        let partial = output.deletingLastPathComponent().appendingPathComponent(".partial-" + output.lastPathComponent)
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let (status, _, message) = try execute(["-y", "-v", "error", "-nostdin", "-i", file, "-frames:v", "1", "-vf", filter, "-q:v", "3",
                                            "-f", "image2", "-c:v", "mjpeg", partial.path])
        guard status == 0 else {
            try? FileManager.default.removeItem(at: partial)
            let name = (file as NSString).lastPathComponent
            throw StudioError(field: "image", code: "ffmpeg.convert_failed",
                              message: "ffmpeg could not convert \(name): \(message.split(separator: "\n").last.map(String.init) ?? "no output")",
                              fix: "check that the file is an image")
        }
        guard rename(partial.path, output.path) == 0 else {
            try? FileManager.default.removeItem(at: partial)
            throw StudioError(field: "image", code: "file.unwritable", message: "the converted copy could not be saved as \(output.path)",
                              fix: "check the data folder's permissions")
        }
    }

    /// Length and frame rate of a video, read by ffprobe (installed beside ffmpeg); nil when it cannot tell.
    public func probeVideo(_ file: String) -> VideoProbe? {
        let probe = executable.deletingLastPathComponent().appendingPathComponent("ffprobe")
        guard FileManager.default.isExecutableFile(atPath: probe.path),
              let (status, data, _) = try? execute(["-v", "error", "-select_streams", "v:0", "-show_entries",
                                                "stream=r_frame_rate:format=duration", "-of", "json", file], program: probe),
              status == 0, let json = try? JSONValue.decode(data),
              let seconds = json["format"]?["duration"]?.stringValue.flatMap(Double.init) else { return nil }
        let rate = json["streams"]?[0]?["r_frame_rate"]?.stringValue?.split(separator: "/").compactMap { Double($0) }
        let fps = rate.flatMap { $0.count == 2 && $0[1] > 0 ? $0[0] / $0[1] : $0.first }
        return VideoProbe(seconds: seconds, framesPerSecond: fps)
    }

    /// Runs ffmpeg (or a tool beside it) to the end: its exit status, standard output and standard error.
    func execute(_ arguments: [String], program: URL? = nil) throws -> (status: Int32, output: Data, errors: String) {
        let process = Process()
        process.executableURL = program ?? executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw StudioError(field: "ffmpeg", code: "ffmpeg.unavailable", message: "ffmpeg could not be started",
                              fix: "check the ffmpeg installation")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, data, message)
    }
}
