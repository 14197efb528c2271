import Foundation

/// Tokens from `gcloud auth print-access-token` (the user's own gcloud login), cached for
/// `cacheSeconds` and asked again after the service refused one.
public actor GcloudTokenSource: AccessTokenSource {
    public nonisolated let origin: String
    public nonisolated let fix = "run gcloud auth login (and gcloud config set project PROJECT), then try again"
    private let executable: URL
    private let clock: any StudioClock
    private let cacheSeconds: TimeInterval
    private var cached: (token: String, fetchedAt: Date)?

    public init(executable: URL, clock: any StudioClock = SystemClock(), cacheSeconds: TimeInterval = 600) {
        self.executable = executable
        self.origin = "gcloud auth print-access-token (\(executable.path))"
        self.clock = clock
        self.cacheSeconds = cacheSeconds
    }

    public func token(renew: Bool) async throws -> String {
        let now = clock.now()
        if !renew, let cached, now.timeIntervalSince(cached.fetchedAt) < cacheSeconds { return cached.token }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["auth", "print-access-token"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw StudioError(field: "credentials", code: "credentials.unavailable",
                              message: "\(origin) could not be started: \(error.localizedDescription)", fix: fix)
        }
        let token = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").first.map(String.init) ?? ""
        process.waitUntilExit()
        guard process.terminationStatus == 0, !token.isEmpty, !token.contains(" ") else {
            throw StudioError(field: "credentials", code: "credentials.unavailable",
                              message: "\(origin) gave no token (exit \(process.terminationStatus)\(complaint.isEmpty ? "" : ": \(complaint)"))",
                              fix: fix)
        }
        cached = (token, now)
        return token
    }
}
