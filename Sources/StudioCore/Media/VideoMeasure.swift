import Foundation

/// Measures input videos before validation (ffprobe), once per content.
public enum VideoMeasure {
    /// Measured videos by content hash (a form re-validates on every key).
    private static let probes = LockedBox<[String: VideoProbe]>([:])

    /// Length and frame rate of a local video through ffprobe, or nil without ffmpeg.
    public static func probe(_ file: LoadedMedia) -> VideoProbe? {
        if let known = probes.withLock({ $0[file.sha256] }) { return known }
        guard let measured = FFmpegTool.locate()?.probeVideo(file.path) else { return nil }
        probes.withLock { $0[file.sha256] = measured }
        return measured
    }

    /// The warning for an input video `probe` could not measure: its limits were not checked.
    public static func unmeasured(field: String, code: String, _ unchecked: String, check: String) -> ValidationIssue {
        ValidationIssue(field: field, code: code, message: "\(unchecked) (ffprobe not found)",
                        fix: "install ffmpeg (apt-get install ffmpeg), or \(check)", severity: .warning)
    }
}
