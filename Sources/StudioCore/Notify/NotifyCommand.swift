import Foundation

/// Runs `notify_command` for a notice, without waiting for it (a slow notifier never holds the
/// studio); what it prints goes nowhere, and a command that cannot start is reported once.
public enum NotifyCommand {
    /// Starts the command; returns why it could not start, if it could not.
    @discardableResult
    public static func run(_ command: String, notice: JobNotice, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = notice.environment(from: environment)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            return nil
        } catch {
            return "notify_command could not start: \(error.localizedDescription)"
        }
    }
}
