import Foundation
import Logging
import StudioCore
import StudioEmulator

/// The sandboxes' emulator: one in-process server on 127.0.0.1 serving every profile, started on
/// first use and shared by every provider of the app.
public actor EmulatorSandbox: SandboxHost {
    private let logger: Logger
    private let configure: @Sendable (inout EmulatorOptions) -> Void
    private var server: EmulatorServer?
    private var url: URL?

    /// - Parameter configure: changes to the options (a test's faults, seed or speed).
    public init(logger: Logger, configure: @escaping @Sendable (inout EmulatorOptions) -> Void = { _ in }) {
        self.logger = logger
        self.configure = configure
    }

    public func start(stateDirectory: URL, speed: Double) async throws -> URL {
        if let url { return url }
        var options = EmulatorOptions()
        options.port = 0
        options.speed = speed
        options.stateDirectory = stateDirectory
        options.requestsPerMinute = 1000
        configure(&options)
        let server = EmulatorServer(options: options, logger: logger)
        let started = try await server.start()
        self.server = server
        url = started
        return started
    }

    public func stop() async {
        await server?.stop()
        server = nil
        url = nil
    }
}
