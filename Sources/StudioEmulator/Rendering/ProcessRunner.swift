import Foundation

/// Runs a child process without blocking a thread, with a timeout.
enum ProcessRunner {
    /// The exit status and the tail of standard error.
    struct Outcome: Sendable {
        var status: Int32
        var errorOutput: String
        var timedOut: Bool
        /// Standard output, when asked for (at most 64 KB).
        var output: String = ""
    }

    private final class Box: @unchecked Sendable {
        let process = Process()
        let lock = NSLock()
        var timedOut = false
    }

    /// Runs `executable` with `arguments`; standard error goes to a temporary file (no pipe to fill up).
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval, captureOutput: Bool = false) async -> Outcome {
        let box = Box()
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("veo-emulator-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let outputFile = errorFile.deletingPathExtension().appendingPathExtension("stdout")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        guard let errorHandle = try? FileHandle(forWritingTo: errorFile),
            let outputHandle = try? FileHandle(forWritingTo: outputFile)
        else {
            return Outcome(status: -1, errorOutput: "cannot open temporary files for the output", timedOut: false)
        }
        defer {
            try? errorHandle.close()
            try? outputHandle.close()
        }

        box.process.executableURL = URL(fileURLWithPath: executable)
        box.process.arguments = arguments
        box.process.standardInput = FileHandle.nullDevice
        box.process.standardOutput = captureOutput ? outputHandle : FileHandle.nullDevice
        box.process.standardError = errorHandle

        let watchdog = Task.detached {
            try? await Task.sleep(for: .seconds(timeout))
            guard !Task.isCancelled, box.process.isRunning else { return }
            box.lock.withLock { box.timedOut = true }
            box.process.terminate()
        }
        let status: Int32 = await withCheckedContinuation { continuation in
            box.process.terminationHandler = { process in
                continuation.resume(returning: process.terminationStatus)
            }
            do {
                try box.process.run()
            } catch {
                box.process.terminationHandler = nil
                continuation.resume(returning: -1)
            }
        }
        watchdog.cancel()
        let errorText = tail(of: errorFile, bytes: 4000)
        let timedOut = box.lock.withLock { box.timedOut }
        let output = captureOutput ? head(of: outputFile, bytes: 65_536) : ""
        return Outcome(status: status, errorOutput: String(errorText.suffix(2000)), timedOut: timedOut, output: output)
    }

    /// The last `bytes` bytes of a file as text.
    private static func tail(of url: URL, bytes: UInt64) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > bytes ? size - bytes : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The first `bytes` bytes of a file as text.
    private static func head(of url: URL, bytes: Int) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        return String(decoding: (try? handle.read(upToCount: bytes)) ?? Data(), as: UTF8.self)
    }

    /// The full path of `name` on PATH, if any.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
