import Foundation
import StudioCore
import StudioSandbox

/// Everything a command needs: the app wired once in the core (`StudioApp`).
typealias StudioContext = StudioApp

extension StudioApp {
    /// The app for a command's global options: logs to a file, the built-in emulator for the
    /// sandboxes; the config's warnings are told on standard error.
    convenience init(global: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let home = StudioPaths.resolve(home: global.home, environment: environment)
        try home.prepare()
        let logger = FileLogHandler.logger(label: "veo-studio", directory: home.logs)
        try self.init(Options(home: global.home, project: global.project, location: global.location, environment: environment,
                              logger: logger, sandbox: EmulatorSandbox(logger: logger)))
        for warning in config.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
    }
}
