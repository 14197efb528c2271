import Foundation

/// Starts the built-in emulator for the sandboxes, once per app, serving every profile on one
/// address. The core only knows this seam; the emulator itself lives in its own module.
public protocol SandboxHost: Sendable {
    /// Starts the emulator on 127.0.0.1 (state kept in `stateDirectory`, so a restart resumes)
    /// and returns its base URL; a second call returns the same address.
    func start(stateDirectory: URL, speed: Double) async throws -> URL
    /// Stops what `start` started.
    func stop() async
}
