import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the emulator's router: Google-format errors, request recording, the control
/// endpoints under `/_emulator/`, and the routes of every profile in `options.profiles`.
func buildEmulatorRouter(engine: EmulatorEngine) throws -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: GoogleErrorMiddleware(rules: engine.rules))
    router.add(middleware: RequestRecorderMiddleware(engine: engine))
    ControlRoutes(engine: engine).register(on: router)
    UploadRoutes(engine: engine).register(on: router)
    if engine.options.profiles.contains(where: \.servesFiles) {
        FilesRoutes(engine: engine, versions: FilesRoutes.versions(engine: engine)).register(on: router)
    }
    for profile in engine.options.profiles {
        try profile.routes(engine: engine).register(on: router)
    }
    return router
}

/// Builds the very application the emulator ships, for `EmulatorServer` and for tests
/// (`app.test(.router)` / `app.test(.live)` from HummingbirdTesting).
///
/// - Parameters:
///   - options: host, port, profiles, speed, seed, faults, keys, quota, retention, state directory, rendering.
///   - logger: where the emulator logs.
///   - clock: "now" for deadlines, quotas and retention; inject `ManualEmulatorClock` in tests.
///   - onServerRunning: called with the bound port once the server listens.
public func buildEmulatorApplication(
    options: EmulatorOptions,
    logger: Logger,
    clock: any EmulatorClock = SystemEmulatorClock(),
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    guard options.speed > 0, options.speed.isFinite else {
        throw EmulatorSetupError("speed must be a positive number, got \(options.speed)")
    }
    guard (0...65535).contains(options.port) else {
        throw EmulatorSetupError("port must be between 0 and 65535, got \(options.port)")
    }
    guard !options.profiles.isEmpty else {
        throw EmulatorSetupError("at least one profile must be served")
    }
    let engine = try EmulatorEngine(options: options, clock: clock, logger: logger)
    let router = try buildEmulatorRouter(engine: engine)
    return Application(
        router: router,
        configuration: .init(address: .hostname(options.host, port: options.port), serverName: "veo-emulator"),
        services: [EngineLifecycleService(engine: engine)],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? -1) },
        logger: logger
    )
}

/// Keeps the engine alive for the application's lifetime and cleans up at shutdown
/// (waits for renders, removes a temporary work directory).
struct EngineLifecycleService: Service {
    let engine: EmulatorEngine

    func run() async throws {
        try? await gracefulShutdown()
        await engine.shutdown()
    }
}
