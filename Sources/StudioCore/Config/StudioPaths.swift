import Foundation

/// Where the studio keeps its config, journal, inputs, outputs and logs.
/// `--home DIR` / `VEO_STUDIO_HOME` put everything in one folder; otherwise the XDG directories.
public struct StudioPaths: Sendable, Hashable {
    public var configDirectory: URL
    public var dataDirectory: URL
    public var stateDirectory: URL

    public init(configDirectory: URL, dataDirectory: URL, stateDirectory: URL) {
        self.configDirectory = configDirectory
        self.dataDirectory = dataDirectory
        self.stateDirectory = stateDirectory
    }

    /// One folder holds everything.
    public init(home: URL) {
        self.init(configDirectory: home, dataDirectory: home, stateDirectory: home)
    }

    /// `home` when given, else `VEO_STUDIO_HOME`, else XDG (`~/.config`, `~/.local/share`, `~/.local/state`).
    public static func resolve(home: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> StudioPaths {
        if let home = home ?? environment["VEO_STUDIO_HOME"], !home.isEmpty {
            return StudioPaths(home: URL(fileURLWithPath: (home as NSString).expandingTildeInPath).standardizedFileURL)
        }
        let user = environment["HOME"] ?? NSHomeDirectory()
        func xdg(_ key: String, _ fallback: String) -> URL {
            let base = environment[key].flatMap { $0.isEmpty ? nil : $0 } ?? "\(user)/\(fallback)"
            return URL(fileURLWithPath: base).appendingPathComponent("veo-studio")
        }
        return StudioPaths(configDirectory: xdg("XDG_CONFIG_HOME", ".config"),
                           dataDirectory: xdg("XDG_DATA_HOME", ".local/share"),
                           stateDirectory: xdg("XDG_STATE_HOME", ".local/state"))
    }

    public var configFile: URL { configDirectory.appendingPathComponent("config.toml") }
    public var database: URL { dataDirectory.appendingPathComponent("journal.sqlite") }
    public var assets: URL { dataDirectory.appendingPathComponent("assets") }
    public var media: URL { dataDirectory.appendingPathComponent("media") }
    public var sandbox: URL { dataDirectory.appendingPathComponent("sandbox") }
    /// Inline videos (Vertex AI) being received, before they move into `media` (same disk, so the move is a rename).
    public var staging: URL { dataDirectory.appendingPathComponent("staging") }
    public var logs: URL { stateDirectory.appendingPathComponent("logs") }
    /// Where `veo-studio emulator` keeps its operations and files when a home is given.
    public var emulatorState: URL { stateDirectory.appendingPathComponent("emulator") }

    /// Creates the folders (config with 0700: it may hold a key).
    public func prepare() throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: configDirectory, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            for folder in [dataDirectory, stateDirectory, assets, media, logs] {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw StudioError(field: "home", code: "home.unwritable",
                              message: "cannot create the studio's folders under \(dataDirectory.path)",
                              fix: "choose a writable folder with --home DIR or VEO_STUDIO_HOME")
        }
    }
}
