import Foundation

extension GenerationService {
    /// What extending on Vertex AI needs before validation: a local MP4 is measured (1–30 s,
    /// 24 fps), and an earlier output without a `gs://` URI is sent as bytes from its local file.
    func prepareVertexExtension(_ draft: GenerationDraft, media: inout [String: LoadedMedia],
                                loadIssues: inout [ValidationIssue], source: inout ExtensionSource?) {
        if case .file = draft.video, let file = media["video"], file.isMP4 {
            // Vertex AI extends any MP4 of 1–30 s at 24 fps: measure it, so the rules can say.
            if let probe = Self.probe(file) {
                source = ExtensionSource(generationID: nil, remoteURI: nil, hops: 0, durationSeconds: Int(probe.seconds.rounded()),
                                         aspectRatio: nil, model: nil, finishedAt: nil, framesPerSecond: probe.framesPerSecond)
            } else {
                loadIssues.append(Self.unmeasured(field: "video", code: "video.unmeasured", "the video's length and frame rate were not checked",
                                                  check: "make sure it is 1–30 s at 24 fps"))
            }
        }
        if case .generation(let id) = draft.video, source?.remoteURI?.hasPrefix("gs://") != true {
            // Vertex AI reads only gs:// videos by URI: an output that came inline (or from another
            // provider) is sent as bytes from its local file.
            source?.remoteURI = nil
            if media["video"] == nil, let path = (try? journal.outputs(of: id))?.first?.path,
               case .success(let file) = InputLoader().read(path) {
                media["video"] = file
            }
        }
    }

    /// Measured videos by content hash (a form re-validates on every key).
    private static let probes = LockedBox<[String: VideoProbe]>([:])

    /// Length and frame rate of a local video through ffprobe, or nil without ffmpeg.
    static func probe(_ file: LoadedMedia) -> VideoProbe? {
        if let known = probes.withLock({ $0[file.sha256] }) { return known }
        guard let measured = FFmpegTool.locate()?.probeVideo(file.path) else { return nil }
        probes.withLock { $0[file.sha256] = measured }
        return measured
    }

    /// The warning for an input video `probe` could not measure: its limits were not checked.
    static func unmeasured(field: String, code: String, _ unchecked: String, check: String) -> ValidationIssue {
        ValidationIssue(field: field, code: code, message: "\(unchecked) (ffprobe not found)",
                        fix: "install ffmpeg (apt-get install ffmpeg), or \(check)", severity: .warning)
    }
}
