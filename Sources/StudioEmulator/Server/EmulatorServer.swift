import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A running emulator: `start()` binds and returns the base URL clients use, `stop()` shuts
/// down gracefully and releases the port.
public actor EmulatorServer {
    private let options: EmulatorOptions
    private let logger: Logger
    private let clock: any EmulatorClock
    private var group: ServiceGroup?
    private var runTask: Task<Void, any Error>?
    /// The base URL once started, e.g. `http://127.0.0.1:54321`.
    public private(set) var baseURL: URL?

    /// Creates a server; nothing is bound until `start()`.
    public init(options: EmulatorOptions, logger: Logger, clock: any EmulatorClock = SystemEmulatorClock()) {
        self.options = options
        self.logger = logger
        self.clock = clock
    }

    /// Binds the socket and starts serving; returns the base URL (e.g. `http://127.0.0.1:54321`).
    public func start() async throws -> URL {
        if let baseURL { return baseURL }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try buildEmulatorApplication(options: options, logger: logger, clock: clock) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        self.group = group
        runTask = task
        var boundPort: Int?
        for await port in ports {
            boundPort = port
            break
        }
        guard let port = boundPort, port > 0 else {
            self.group = nil
            runTask = nil
            do {
                try await task.value
            } catch {
                throw EmulatorSetupError("cannot listen on \(options.host):\(options.port): \(error)")
            }
            throw EmulatorSetupError("cannot listen on \(options.host):\(options.port)")
        }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        guard let url = URL(string: "http://\(host):\(port)") else {
            throw EmulatorSetupError("cannot form a URL from host \(options.host)")
        }
        baseURL = url
        return url
    }

    /// Stops serving (in-flight requests finish), waits for renders, releases the port.
    public func stop() async {
        guard let group else { return }
        await group.triggerGracefulShutdown()
        do {
            try await runTask?.value
        } catch {
            logger.debug("emulator stopped with \(error)")
        }
        self.group = nil
        runTask = nil
        baseURL = nil
    }
}
