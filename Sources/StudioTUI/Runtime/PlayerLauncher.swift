import Foundation
import StudioCore

/// Opens a video in the user's player: `$VEO_STUDIO_PLAYER`, else mpv, ffplay or xdg-open,
/// detached from the studio's terminal.
enum PlayerLauncher {
    static func open(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard FileManager.default.fileExists(atPath: path) else { return "no file at \(path): it was moved or deleted" }
        var candidates: [[String]] = []
        if let chosen = environment["VEO_STUDIO_PLAYER"], !chosen.isEmpty {
            candidates.append(chosen.split(separator: " ").map(String.init))
        }
        candidates += [["mpv", "--really-quiet"], ["ffplay", "-autoexit", "-loglevel", "quiet"], ["xdg-open"]]
        for command in candidates {
            guard let name = command.first, let executable = ExecutableSearch.find(name, environment: environment) else { continue }
            let process = Process()
            process.executableURL = executable
            process.arguments = Array(command.dropFirst()) + [path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
                return "opened in \(name): \((path as NSString).lastPathComponent)"
            } catch {
                continue
            }
        }
        return "no player found: set VEO_STUDIO_PLAYER, or install mpv or ffplay — the file is \(path)"
    }
}
