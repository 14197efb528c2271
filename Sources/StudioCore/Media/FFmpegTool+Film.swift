import Foundation

/// The film side of ffmpeg: a video's exact last frame, a clip's stream layout, and running a
/// command whose output is written beside its target and renamed (nothing half-written is left).
extension FFmpegTool {
    /// What a storyboard says when ffmpeg is missing.
    public static let notFound = StudioError(field: "ffmpeg", code: "ffmpeg.not_found", message: "ffmpeg not found",
                                             fix: "install it: sudo apt-get install -y ffmpeg")

    /// Writes the video's final frame, exactly, as a PNG (lossless): every frame of the last seconds is
    /// decoded and written over the same file, so the one left is the last.
    public func extractLastFrame(of video: String, to output: URL) throws {
        try produce(output, field: "video", what: "the last frame of \((video as NSString).lastPathComponent)") { partial in
            ["-y", "-v", "error", "-nostdin", "-sseof", "-3", "-i", video, "-map", "0:v:0", "-update", "1",
             "-c:v", "png", "-f", "image2", partial.path]
        }
    }

    /// The streams of a clip, read by ffprobe.
    public func clipFormat(_ file: String) throws -> ClipFormat {
        let probe = executable.deletingLastPathComponent().appendingPathComponent("ffprobe")
        let name = (file as NSString).lastPathComponent
        guard FileManager.default.isExecutableFile(atPath: probe.path) else {
            throw StudioError(field: "ffmpeg", code: "ffmpeg.not_found", message: "ffprobe not found beside ffmpeg",
                              fix: "install ffmpeg's full package: sudo apt-get install -y ffmpeg")
        }
        let (status, data, message) = try execute(["-v", "error", "-show_entries",
                                                   "stream=codec_type,codec_name,width,height,r_frame_rate,pix_fmt,sample_rate,channels:format=duration",
                                                   "-of", "json", file], program: probe)
        guard status == 0, let json = try? JSONValue.decode(data), let streams = json["streams"]?.arrayValue,
              let video = streams.first(where: { $0["codec_type"]?.stringValue == "video" }),
              let seconds = json["format"]?["duration"]?.stringValue.flatMap(Double.init) else {
            throw StudioError(field: "clip", code: "ffmpeg.probe_failed",
                              message: "ffprobe could not read \(name): \(message.split(separator: "\n").last.map(String.init) ?? "no video stream")",
                              fix: "check that the file is a complete MP4 (download it again with veo-studio resume)")
        }
        let audio = streams.first { $0["codec_type"]?.stringValue == "audio" }.map {
            ClipFormat.Audio(codec: $0["codec_name"]?.stringValue ?? "", sampleRate: $0["sample_rate"]?.stringValue ?? "",
                             channels: $0["channels"]?.intValue ?? 0)
        }
        return ClipFormat(videoCodec: video["codec_name"]?.stringValue ?? "", width: video["width"]?.intValue ?? 0,
                          height: video["height"]?.intValue ?? 0, frameRate: video["r_frame_rate"]?.stringValue ?? "24/1",
                          pixelFormat: video["pix_fmt"]?.stringValue, audio: audio, seconds: seconds)
    }

    /// Removes the partial files of processes that are gone (killed while ffmpeg wrote for them).
    static func removeAbandonedPartials(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(".partial-") {
            let fields = name.dropFirst(".partial-".count).split(separator: "-", maxSplits: 1)
            guard let pid = fields.first.flatMap({ pid_t($0) }), pid > 0, kill(pid, 0) == -1, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Runs ffmpeg with `arguments(partial)` writing to a partial file beside `output`, then renames it
    /// to `output`; on failure the partial file is removed and the error names what was being made.
    public func produce(_ output: URL, field: String, what: String, arguments: (URL) -> [String]) throws {
        // Its own partial name, with this process's id: two processes making the same film never write
        // into one file, and what a killed process left is known as its and removed.
        let folder = output.deletingLastPathComponent()
        let partial = folder.appendingPathComponent(".partial-\(getpid())-\(UUID().uuidString.prefix(8))-" + output.lastPathComponent)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        Self.removeAbandonedPartials(in: folder)
        let (status, _, message) = try execute(arguments(partial))
        guard status == 0, FileManager.default.fileExists(atPath: partial.path) else {
            try? FileManager.default.removeItem(at: partial)
            throw StudioError(field: field, code: "ffmpeg.failed",
                              message: "ffmpeg could not make \(what): \(message.split(separator: "\n").last.map(String.init) ?? "no output")",
                              fix: "check the input files (ffprobe FILE), and that ffmpeg has libx264 and aac")
        }
        guard rename(partial.path, output.path) == 0 else {
            try? FileManager.default.removeItem(at: partial)
            throw StudioError(field: field, code: "file.unwritable", message: "\(what) could not be saved as \(output.path)",
                              fix: "check the folder's permissions and free space")
        }
    }
}
