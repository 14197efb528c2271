import Foundation

/// ffmpeg, the studio's media tool (previews, probing, conversion). Optional at run time:
/// every use says clearly when it is missing.
public struct FFmpegTool: Sendable {
    public let executable: URL

    /// ffmpeg from `PATH`, or nil when it is not installed.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> FFmpegTool? {
        let paths = (environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":")
        for folder in paths {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("ffmpeg")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return FFmpegTool(executable: candidate) }
        }
        return nil
    }

    /// What a screen shows in place of a preview when ffmpeg is missing.
    public static let missingMessage = "no preview: ffmpeg not found (apt-get install ffmpeg)"

    /// Decodes an image (or a video's first frame) to RGB pixels of the given size.
    public func decodeRGB(_ file: String, width: Int, height: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-v", "error", "-nostdin", "-i", file, "-frames:v", "1", "-vf", "scale=\(width):\(height)",
                             "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
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
        guard process.terminationStatus == 0, data.count == width * height * 3 else {
            let name = (file as NSString).lastPathComponent
            let reason = message.split(separator: "\n").last.map(String.init) ?? "no pixels"
            throw StudioError(field: "image", code: "ffmpeg.decode_failed", message: "ffmpeg could not decode \(name): \(reason)",
                              fix: "check that the file is an image or a video")
        }
        return [UInt8](data)
    }
}
