import ArgumentParser
import Foundation
import Logging
import StudioEmulator

/// `veo-studio emulator`: runs the local Veo service emulator until SIGINT/SIGTERM.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local emulator of Google's Veo video service (Gemini API wire protocol).",
        discussion: """
            Prints one line, "Veo emulator listening on http://HOST:PORT (profiles: …)", then serves until \
            interrupted. Point a client at that URL instead of https://generativelanguage.googleapis.com.

            Marker words in a prompt steer the outcome: [[rai]], [[rai:CATEGORY]], [[rai-partial]], \
            [[op_error]], [[submit_error]]. Control endpoints live under /_emulator/ (health, requests, \
            reset, faults, operations). See docs/EMULATOR.md.

            Fault grammar for --faults:
            \(FaultPlan.grammar)
            """
    )

    @Option(name: .long, help: "TCP port to listen on; 0 picks any free port.")
    var port: Int = 8765

    @Option(name: .long, help: "Interface to bind. Keep 127.0.0.1 unless other machines must reach it.")
    var host: String = "127.0.0.1"

    @Option(name: .long, parsing: .singleValue,
            help: "Wire profile to serve (repeatable or comma-separated): \(EmulatorProfile.allCases.map(\.rawValue).joined(separator: ", ")).")
    var profile: [String] = []

    @Option(name: .long, help: "Divide generation latency by this factor (e.g. 100 finishes a 75 s job in 0.75 s).")
    var speed: Double = 1

    @Option(name: .long, help: "Seed for repeatable operation ids, file ids, latency and faults.")
    var seed: UInt64?

    @Option(name: .long, help: "Faults to inject, e.g. 429:0.2,500@poll:0.1,503@submit:1x2,slow@download:0.5.")
    var faults: String?

    @Option(name: .customLong("api-key"), parsing: .singleValue,
            help: "Accepted API key (repeatable). Default: any non-empty key.")
    var apiKeys: [String] = []

    @Option(name: .customLong("rpm"), help: "Submits allowed per key and model per minute before 429.")
    var requestsPerMinute: Int = 10

    @Option(name: .long, help: "Seconds generated videos stay downloadable and extendable; 172800 is 2 days.")
    var retention: Int = 172_800

    @Option(name: .customLong("state-dir"),
            help: "Directory where operations, file metadata and MP4s persist across restarts.")
    var stateDirectory: String?

    @Flag(name: .customLong("no-ffmpeg"), help: "Always serve the built-in MP4 instead of rendering with ffmpeg.")
    var noFFmpeg = false

    @Option(name: .customLong("log-level"), help: "Log level on standard error: trace, debug, info, notice, warning, error.")
    var logLevel: String = "notice"

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535 (0 picks a free port); got \(port).")
        }
        guard !host.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--host must not be empty; use 127.0.0.1 for this machine only.")
        }
        _ = try parsedProfiles()
        guard speed.isFinite, speed > 0 else {
            throw ValidationError("--speed must be a positive number such as 1 (real time) or 100; got \(speed).")
        }
        if let faults {
            do {
                _ = try FaultPlan(spec: faults)
            } catch {
                throw ValidationError("--faults: \(error)")
            }
        }
        if apiKeys.contains(where: { $0.isEmpty }) {
            throw ValidationError("--api-key must not be empty; leave the flag out to accept any key.")
        }
        guard requestsPerMinute >= 1 else {
            throw ValidationError("--rpm must be at least 1 (submits per key and model per minute); got \(requestsPerMinute).")
        }
        guard retention >= 1 else {
            throw ValidationError("--retention must be a positive number of seconds, e.g. 172800 for 2 days; got \(retention).")
        }
        if let stateDirectory {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: stateDirectory, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ValidationError("--state-dir \(stateDirectory) is a file; give a directory (it is created if missing).")
            }
        }
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got \(logLevel).")
        }
    }

    /// The `--profile` values, split on commas, deduplicated; default `gemini`.
    func parsedProfiles() throws -> [EmulatorProfile] {
        let names = profile.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var profiles: [EmulatorProfile] = []
        for name in names where !name.isEmpty {
            guard let parsed = EmulatorProfile(rawValue: name) else {
                let known = EmulatorProfile.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--profile \(name) is not served by this emulator; use one of: \(known).")
            }
            if !profiles.contains(parsed) { profiles.append(parsed) }
        }
        return profiles.isEmpty ? [.gemini] : profiles
    }

    /// The options these flags describe.
    func makeOptions() throws -> EmulatorOptions {
        var options = EmulatorOptions()
        options.host = host
        options.port = port
        options.profiles = try parsedProfiles()
        options.speed = speed
        options.seed = seed
        options.faults = try faults.map { try FaultPlan(spec: $0) } ?? .none
        options.apiKeys = apiKeys.isEmpty ? nil : Set(apiKeys)
        options.requestsPerMinute = requestsPerMinute
        options.retention = .seconds(retention)
        options.stateDirectory = stateDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.renderWithFFmpeg = !noFFmpeg
        return options
    }

    func run() async throws {
        let options = try makeOptions()
        var logger = Logger(label: "veo-studio.emulator")
        logger.logLevel = Logger.Level(rawValue: logLevel.lowercased()) ?? .notice
        let signals = await TerminationSignal.install()
        let server = EmulatorServer(options: options, logger: logger)
        let url = try await server.start()
        let profiles = options.profiles.map(\.rawValue).joined(separator: ", ")
        // Written straight to the file descriptor: no stdio buffer to flush, so a parent that
        // waits for this line sees it at once even when stdout is a pipe.
        FileHandle.standardOutput.write(Data("Veo emulator listening on \(url.absoluteString) (profiles: \(profiles))\n".utf8))
        let signal = await signals.wait()
        logger.notice("received signal \(signal), shutting down")
        await server.stop()
    }
}
