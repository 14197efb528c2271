import Foundation
import Testing

/// Runs the built `veo-studio` binary with its own home folder and captures what it prints.
/// The folder is removed when the last reference to the runner goes, at the end of its test.
final class CLIRunner: Sendable {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let home: URL
    let workingDirectory: URL
    private let base: URL

    init() {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("veo-cli-\(UUID().uuidString)")
        home = base.appendingPathComponent("home")
        workingDirectory = base.appendingPathComponent("work")
        try? FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: base) }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("veo-studio")
    }

    func write(_ name: String, _ data: Data) {
        #expect(FileManager.default.createFile(atPath: workingDirectory.appendingPathComponent(name).path, contents: data), "\(name) is written")
    }

    /// Runs with `--home` appended, so every command works in this runner's own folder.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        try runBare(arguments + ["--home", home.path], environment: extra)
    }

    /// `run` off the concurrency pool: a test that serves an in-process emulator must not block the
    /// threads that emulator needs while the CLI talks to it.
    func runAwaiting(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try self.run(arguments, environment: extra) })
            }
        }
    }

    /// Runs with exactly these arguments.
    func runBare(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        var environment = ProcessInfo.processInfo.environment
        environment["GEMINI_API_KEY"] = nil
        environment["GOOGLE_API_KEY"] = nil
        environment["VEO_STUDIO_HOME"] = nil
        environment["VEO_STUDIO_SANDBOX_SPEED"] = "400"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
