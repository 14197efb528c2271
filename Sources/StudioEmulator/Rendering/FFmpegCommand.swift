import Foundation

/// Builds the ffmpeg arguments that render one output: a coloured background with the prompt
/// drawn as text, the first frame fading into the last frame for image inputs, reference
/// images side by side, a running timer, and a silent audio track for models with audio.
struct FFmpegCommand {
    var spec: RenderSpec
    /// Absolute paths of the image inputs (nil entries are left out).
    var firstFrame: String?
    var lastFrame: String?
    var references: [String]
    /// Text files holding the wrapped prompt and the caption.
    var promptFile: String
    var captionFile: String
    /// A TrueType font for drawtext; nil draws no text.
    var fontFile: String?
    var output: String
    /// Absolute path of an extension's source MP4 (rendered first, then the new seconds).
    var sourceVideo: String? = nil

    static let frameRate = 24

    var arguments: [String] {
        let width = spec.width
        let height = spec.height
        let duration = max(spec.durationSeconds, 1)
        let sourceSeconds = sourceVideo == nil ? 0 : min(spec.sourceSeconds ?? 0, duration - 1)
        let color = Self.backgroundColor(seed: spec.colorSeed)
        var args = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", "color=c=\(color):s=\(width)x\(height):r=\(Self.frameRate):d=\(duration - sourceSeconds)"]
        var inputIndex = 1
        // Each image is decoded once and repeated by the `loop` filter (an `-loop 1` input would
        // decode the file for every frame, and spin forever on an undecodable file).
        func addImage(_ path: String) -> Int {
            args += ["-framerate", "\(Self.frameRate)", "-i", path]
            defer { inputIndex += 1 }
            return inputIndex
        }
        func fit(_ index: Int, width: Int, height: Int, label: String) -> String {
            "[\(index):v]scale=\(width):\(height):force_original_aspect_ratio=decrease,"
                + "pad=\(width):\(height):(ow-iw)/2:(oh-ih)/2:color=\(color),setsar=1,"
                + "loop=loop=-1:size=1,setpts=N/\(Self.frameRate)/TB,fps=\(Self.frameRate),format=yuv420p,trim=duration=\(duration)[\(label)]"
        }

        var chains: [String] = []
        var current = "0:v"
        if let firstFrame {
            let first = addImage(firstFrame)
            chains.append(fit(first, width: width, height: height, label: "first"))
            let target: String
            if let lastFrame {
                let last = addImage(lastFrame)
                chains.append(fit(last, width: width, height: height, label: "last"))
                target = "last"
            } else {
                chains.append("[0:v]format=yuv420p[bg]")
                target = "bg"
            }
            let offset = Double(duration) * 0.125
            let fade = Double(duration) * 0.75
            chains.append("[first][\(target)]xfade=transition=fade:duration=\(Self.format(fade)):offset=\(Self.format(offset)),trim=duration=\(duration)[base]")
            current = "base"
        } else if !references.isEmpty {
            let cellWidth = max(2, (width / references.count) & ~1)
            var labels: [String] = []
            for (offset, path) in references.enumerated() {
                let index = addImage(path)
                chains.append(fit(index, width: cellWidth, height: height, label: "ref\(offset)"))
                labels.append("[ref\(offset)]")
            }
            if labels.count > 1 {
                chains.append("\(labels.joined())hstack=inputs=\(labels.count)[refs]")
            } else {
                chains.append("[ref0]null[refs]")
            }
            chains.append("[0:v][refs]overlay=(W-w)/2:(H-h)/2:eof_action=repeat[base]")
            current = "base"
        }

        var text: [String] = []
        if let fontFile {
            let fontSize = max(12, min(width, height) / 16)
            let small = max(10, fontSize / 2)
            let promptY = (firstFrame != nil || !references.isEmpty) ? "h-text_h-\(small * 4)" : "(h-text_h)/2"
            text.append("drawtext=fontfile=\(fontFile):textfile=\(promptFile):expansion=none:fontcolor=white:fontsize=\(fontSize)"
                + ":line_spacing=\(fontSize / 4):x=(w-text_w)/2:y=\(promptY):box=1:boxcolor=black@0.45:boxborderw=\(fontSize / 3)")
            text.append("drawtext=fontfile=\(fontFile):textfile=\(captionFile):expansion=none:fontcolor=0xdddddd:fontsize=\(small):x=\(small):y=h-\(small * 2)")
            text.append("drawtext=fontfile=\(fontFile):text='%{pts\\:hms}':fontcolor=white:fontsize=\(small):x=w-tw-\(small):y=\(small)")
        }
        // An image's first frame is shown as given (no text over it): a shot continued from a last
        // frame starts with exactly that frame.
        if firstFrame != nil { text = text.map { $0 + ":enable='gte(n,1)'" } }
        let finalChain = text.isEmpty ? "null" : text.joined(separator: ",")
        if let sourceVideo {
            let source = inputIndex
            args += ["-i", sourceVideo]
            inputIndex += 1
            chains.append("[\(current)]\(finalChain)[new]")
            chains.append("[\(source):v:0]scale=\(width):\(height),setsar=1,fps=\(Self.frameRate),format=yuv420p,trim=duration=\(sourceSeconds),setpts=PTS-STARTPTS[src]")
            chains.append("[src][new]concat=n=2:v=1:a=0[v]")
        } else {
            chains.append("[\(current)]\(finalChain)[v]")
        }

        var audioIndex: Int?
        if spec.audio {
            args += ["-f", "lavfi", "-t", "\(duration)", "-i", "anullsrc=r=48000:cl=stereo"]
            audioIndex = inputIndex
            inputIndex += 1
        }
        args += ["-filter_complex", chains.joined(separator: ";"), "-map", "[v]"]
        if let audioIndex {
            args += ["-map", "\(audioIndex):a", "-c:a", "aac", "-b:a", "32k"]
        }
        args += ["-t", "\(duration)", "-r", "\(Self.frameRate)",
                 "-c:v", "libx264", "-preset", "ultrafast", "-crf", "30", "-pix_fmt", "yuv420p",
                 "-movflags", "+faststart", "-f", "mp4", output]
        return args
    }

    /// A dark colour picked from a small palette.
    static func backgroundColor(seed: UInt32) -> String {
        let palette = ["0x1b2a3a", "0x2a1b3a", "0x1b3a2a", "0x3a2a1b", "0x16324a", "0x3a1b24", "0x24303a", "0x2f2f12"]
        return palette[Int(seed % UInt32(palette.count))]
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    /// Wraps `text` to lines of at most `width` characters, at most `maxLines` lines.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> String {
        var lines: [String] = []
        var line = ""
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        for word in words {
            var word = word
            while word.count > width {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].prefix(max(1, width - 1))) + "…"
        }
        return lines.joined(separator: "\n")
    }
}
