import Foundation

/// Timing of real frames for the terminal benchmark: when `VEO_STUDIO_TRACE` names a file, the
/// studio appends the wall-clock time of its first frame and, for every batch of keys, the
/// milliseconds from reading them to the frame being on the terminal.
final class FrameTrace {
    private let handle: FileHandle?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["VEO_STUDIO_TRACE"], !path.isEmpty else {
            handle = nil
            return
        }
        FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    var isOn: Bool { handle != nil }

    func firstFrame() {
        write("first_frame_epoch_ns=\(UInt64(Date().timeIntervalSince1970 * 1_000_000_000))")
    }

    func keyToFrame(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        write(String(format: "key_to_frame_ms=%.3f", ms))
    }

    private func write(_ line: String) {
        handle?.write(Data((line + "\n").utf8))
    }
}
