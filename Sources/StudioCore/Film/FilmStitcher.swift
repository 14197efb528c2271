import Foundation

/// Joins clips into one MP4 with ffmpeg: by stream copy (the concat demuxer) when every clip has the
/// same codec, size, frame rate and audio layout and no crossfade is asked for; else a re-encode that
/// normalises them to the first clip's size and frame rate (H.264, AAC 48 kHz stereo; a clip without
/// audio gets silence) with optional video and audio crossfades. An extension that holds the clip
/// before it replaces that clip, so no frame appears twice. Written beside the target and renamed.
public struct FilmStitcher: Sendable {
    public let ffmpeg: FFmpegTool

    public init(ffmpeg: FFmpegTool) {
        self.ffmpeg = ffmpeg
    }

    /// A run of clips that plays from one file: an extension chain collapses into its last video.
    struct Segment {
        var file: String
        var format: ClipFormat
        var clips: [(clip: FilmClip, sourceIn: Double, sourceOut: Double)]
        var generationID: Int64?
    }

    /// Stitches `clips` into `output`.
    public func stitch(_ clips: [FilmClip], to output: URL, crossfade: Double = 0) throws -> FilmResult {
        guard !clips.isEmpty else {
            throw StudioError(field: "clips", code: "stitch.nothing", message: "there is no clip to stitch", fix: "name at least one generation")
        }
        let segments = try self.segments(clips)
        if crossfade > 0, let shortest = segments.map(\.format.seconds).min(), crossfade * 2 >= shortest {
            throw StudioError(field: "crossfade", code: "stitch.crossfade_too_long",
                              message: "a \(crossfade) s crossfade needs every clip longer than \(crossfade * 2) s; the shortest is \(String(format: "%.2f", shortest)) s",
                              fix: "use a shorter --crossfade")
        }
        let first = segments[0].format
        let mismatch = segments.dropFirst().first { !$0.format.joinsByCopy(with: first) }
        let reason: String? = crossfade > 0 ? "crossfades" : mismatch.map { Self.difference(first, $0.format) }
        if reason == nil, segments.count > 1 {
            try copy(segments, to: output)
        } else if reason == nil {
            try ffmpeg.produce(output, field: "out", what: "the film") { ["-y", "-v", "error", "-nostdin", "-i", segments[0].file,
                                                                         "-c", "copy", "-movflags", "+faststart", "-f", "mp4", $0.path] }
        } else {
            try reencode(segments, crossfade: crossfade, to: output)
        }
        let made = try ffmpeg.clipFormat(output.path)
        var placements: [FilmResult.Placement] = []
        var start = 0.0
        for (index, segment) in segments.enumerated() {
            for part in segment.clips {
                placements.append(.init(clip: part.clip, filmIn: start + part.sourceIn, filmOut: start + part.sourceOut,
                                        sourceIn: part.sourceIn, sourceOut: part.sourceOut, sourceGenerationID: segment.generationID))
            }
            start += segment.format.seconds - (index < segments.count - 1 ? (reason == nil ? 0 : crossfade) : 0)
        }
        return FilmResult(path: output.path, sha256: try LoadedMedia(reading: output).sha256, seconds: made.seconds,
                          method: reason == nil ? "copy" : "re-encode", crossfadeSeconds: reason == nil ? 0 : crossfade,
                          reencodeReason: reason, placements: placements, width: made.width, height: made.height)
    }

    /// The clips grouped into segments: an extension whose video holds the clip before replaces it.
    func segments(_ clips: [FilmClip]) throws -> [Segment] {
        var segments: [Segment] = []
        for clip in clips {
            guard FileManager.default.fileExists(atPath: clip.path) else {
                throw StudioError(field: "clips", code: "stitch.missing_file", message: "\(clip.path) is not there",
                                  fix: clip.generationID.map { "download it again: veo-studio resume \($0)" } ?? "check the path")
            }
            let format = try ffmpeg.clipFormat(clip.path)
            if let adds = clip.extensionAdds, var last = segments.last {
                let before = last.format.seconds
                // Whole extended video (before + adds) or only the new seconds (adds): the nearer length says.
                if abs(format.seconds - (before + adds)) < abs(format.seconds - adds) {
                    last.clips.append((clip, before, format.seconds))
                    last.file = clip.path
                    last.format = format
                    last.generationID = clip.generationID
                    segments[segments.count - 1] = last
                    continue
                }
            }
            segments.append(Segment(file: clip.path, format: format, clips: [(clip, 0, format.seconds)], generationID: clip.generationID))
        }
        return segments
    }

    /// Joins by stream copy with the concat demuxer.
    private func copy(_ segments: [Segment], to output: URL) throws {
        let list = output.deletingLastPathComponent().appendingPathComponent(".concat-\(UUID().uuidString.prefix(8)).txt")
        defer { try? FileManager.default.removeItem(at: list) }
        let text = segments.map { "file '\(URL(fileURLWithPath: $0.file).path.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: "\n")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((text + "\n").utf8).write(to: list)
        try ffmpeg.produce(output, field: "out", what: "the film") {
            ["-y", "-v", "error", "-nostdin", "-f", "concat", "-safe", "0", "-i", list.path, "-c", "copy",
             "-movflags", "+faststart", "-f", "mp4", $0.path]
        }
    }

    /// Re-encodes every segment to the first's size and frame rate and joins them, crossfading when asked.
    private func reencode(_ segments: [Segment], crossfade: Double, to output: URL) throws {
        let width = segments[0].format.width, height = segments[0].format.height
        let rate = segments[0].format.frameRate
        let audio = segments.contains { $0.format.audio != nil }
        var inputs: [String] = []
        var chains: [String] = []
        for (index, segment) in segments.enumerated() {
            inputs += ["-i", segment.file]
            chains.append("[\(index):v:0]scale=\(width):\(height):force_original_aspect_ratio=decrease,pad=\(width):\(height):(ow-iw)/2:(oh-ih)/2,"
                          + "setsar=1,fps=\(rate),format=yuv420p,settb=AVTB,setpts=PTS-STARTPTS[v\(index)]")
            if audio {
                if segment.format.audio != nil {
                    chains.append("[\(index):a:0]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,asetpts=PTS-STARTPTS,"
                                  + "apad,atrim=duration=\(Self.seconds(segment.format.seconds))[a\(index)]")
                } else {
                    chains.append("anullsrc=r=48000:cl=stereo,atrim=duration=\(Self.seconds(segment.format.seconds)),aformat=sample_fmts=fltp[a\(index)]")
                }
            }
        }
        if crossfade > 0, segments.count > 1 {
            var video = "v0", sound = "a0", offset = 0.0
            for index in 1..<segments.count {
                offset += segments[index - 1].format.seconds - crossfade
                let nextVideo = index == segments.count - 1 ? "v" : "vx\(index)"
                chains.append("[\(video)][v\(index)]xfade=transition=fade:duration=\(Self.seconds(crossfade)):offset=\(Self.seconds(offset))[\(nextVideo)]")
                video = nextVideo
                if audio {
                    let nextSound = index == segments.count - 1 ? "a" : "ax\(index)"
                    chains.append("[\(sound)][a\(index)]acrossfade=d=\(Self.seconds(crossfade))[\(nextSound)]")
                    sound = nextSound
                }
            }
        } else {
            let labels = segments.indices.map { "[v\($0)]" + (audio ? "[a\($0)]" : "") }.joined()
            chains.append("\(labels)concat=n=\(segments.count):v=1:a=\(audio ? 1 : 0)[v]" + (audio ? "[a]" : ""))
        }
        try ffmpeg.produce(output, field: "out", what: "the film") { partial in
            ["-y", "-v", "error", "-nostdin"] + inputs + ["-filter_complex", chains.joined(separator: ";"), "-map", "[v]"]
                + (audio ? ["-map", "[a]", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"] : [])
                + ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-r", rate,
                   "-movflags", "+faststart", "-f", "mp4", partial.path]
        }
    }

    /// What makes two clips not join by copy, in words.
    static func difference(_ a: ClipFormat, _ b: ClipFormat) -> String {
        if a.videoCodec != b.videoCodec { return "codecs differ (\(a.videoCodec), \(b.videoCodec))" }
        if a.width != b.width || a.height != b.height { return "sizes differ (\(a.width)×\(a.height), \(b.width)×\(b.height))" }
        if a.frameRate != b.frameRate { return "frame rates differ (\(a.frameRate), \(b.frameRate))" }
        if a.pixelFormat != b.pixelFormat { return "pixel formats differ" }
        return "audio differs (\(a.audio.map { "\($0.codec) \($0.channels) ch" } ?? "none"), \(b.audio.map { "\($0.codec) \($0.channels) ch" } ?? "none"))"
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}
