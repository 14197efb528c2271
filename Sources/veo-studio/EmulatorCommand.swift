import ArgumentParser
import Foundation
import Logging
import StudioCore
import StudioEmulator

/// `veo-studio emulator`: runs the local Veo service emulator until SIGINT/SIGTERM.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local emulator of Google's video services (Gemini API with Veo and Gemini Omni interactions, Vertex AI and four gateways' protocols).",
        discussion: """
            Prints one line, "Veo emulator listening on http://HOST:PORT (profiles: gemini, vertex, …)", then serves \
            until interrupted. Point a client at that URL instead of https://generativelanguage.googleapis.com \
            (profile gemini, x-goog-api-key) or https://{location}-aiplatform.googleapis.com (profile vertex, \
            Authorization: Bearer). The vertex profile also serves a Cloud Storage subset (/storage/v1, \
            /upload/storage/v1) and an OAuth token endpoint (POST /token) for service-account JWTs. The \
            interactions profile serves the Gemini API's Interactions API for Gemini Omni models \
            (/{v1beta,v1}/interactions, x-goog-api-key) with the Files API (/upload/{ver}/files, /{ver}/files/{id}).

            Gateway profiles, each in its own envelope: openai-relay (/v1/video/generations and OpenAI's \
            /v1/videos), maas-vertex (/v1/ai/{endpoint}/veo/videos/generate and /task), comet-chat \
            (/v1/chat/completions, synchronous or streamed) and task-relay (/v1/videos/generations, \
            /v1/tasks/{id}). All seven profiles are served unless --profile picks some. Image URLs for the \
            gateways can be uploaded with PUT /_emulator/uploads/{name}.

            Marker words in a prompt steer the outcome: [[rai]], [[rai:CATEGORY]], [[rai-partial]], \
            [[op_error]], [[submit_error]], [[region]] (interactions: video inputs refused as from a \
            restricted region); on the gateways also [[inline]], [[status:completed]] \
            (openai-relay) and [[cut]] (comet-chat). Control endpoints live under /_emulator/ (health, requests, \
            reset, faults, operations, objects). See docs/EMULATOR.md.

            Fault grammar for --faults:
            \(FaultPlan.grammar)
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "TCP port to listen on; 0 picks any free port.")
    var port: Int = 8765

    @Option(name: .long, help: "Interface to bind. Keep 127.0.0.1 unless other machines must reach it (then add --allow-remote).")
    var host: String = "127.0.0.1"

    @Flag(name: .customLong("allow-remote"),
          help: "Allow a --host other than loopback: the emulator then listens beyond this machine, and accepts any key by default.")
    var allowRemote = false

    @Option(name: .long, parsing: .singleValue,
            help: "Wire profile to serve (repeatable or comma-separated): \(EmulatorProfile.allCases.map(\.rawValue).joined(separator: ", ")). Default: all.")
    var profile: [String] = []

    @Option(name: .long, help: "Divide generation latency by this factor (e.g. 100 finishes a 75 s job in 0.75 s).")
    var speed: Double = 1

    @Option(name: .long, help: "Seed for repeatable operation ids, file ids, latency and faults.")
    var seed: UInt64?

    @Option(name: .long, help: "Faults to inject, e.g. 429:0.2,500@poll:0.1,503@submit:1x2,slow@download:0.5.")
    var faults: String?

    @Option(name: .customLong("stall-seconds"), help: "Seconds the stall fault holds an answer (wall clock, not divided by --speed).")
    var stallSeconds: Double = 90

    @Option(name: .customLong("api-key"), parsing: .singleValue,
            help: "Accepted API key (repeatable; the Gemini API and Vertex express mode). Default: any non-empty key.")
    var apiKeys: [String] = []

    @Option(name: .customLong("bearer-token"), parsing: .singleValue,
            help: "Accepted Bearer token on Vertex and storage routes (repeatable). Default: any non-empty token; tokens issued by POST /token are accepted until they expire.")
    var bearerTokens: [String] = []

    @Option(name: .customLong("service-account-key"), parsing: .singleValue,
            help: "File with a PEM public key or a Google service-account JSON key whose JWTs POST /token accepts (repeatable).")
    var serviceAccountKeyFiles: [String] = []

    @Option(name: .customLong("token-lifetime"), help: "Seconds an access token issued by POST /token stays valid (at most a year).")
    var tokenLifetime: Int = 3600

    /// The longest `--token-lifetime`: a year.
    static let maxTokenLifetime = 31_536_000

    @Option(name: .customLong("deny-bucket"), parsing: .singleValue,
            help: "Bucket the Vertex profile may not write outputs to; such an operation ends with code 7 (repeatable).")
    var deniedBuckets: [String] = []

    @Option(name: .customLong("inline-limit-mb"),
            help: "Largest total MB of videos a Vertex operation returns inline (no storageUri); more ends it with code 3.")
    var inlineLimitMB: Double = Double(EmulatorOptions.defaultInlineLimitBytes) / 1_048_576

    @Option(name: .customLong("rpm"), help: "Submits allowed per key (or token) and model per minute before 429.")
    var requestsPerMinute: Int = 10

    @Option(name: .customLong("max-running"), help: "Operations running at once per key (or token) before 429 (default: no cap).")
    var maxRunning: Int?

    @Option(name: .long, help: "Seconds generated videos stay downloadable and extendable; 172800 is 2 days.")
    var retention: Int = 172_800

    @Option(name: .customLong("state-dir"),
            help: "Directory where operations, file metadata, MP4s, stored objects and issued tokens persist across restarts (default with --home or VEO_STUDIO_HOME: its emulator folder; else nothing persists).")
    var stateDirectory: String?

    @Flag(name: .customLong("no-ffmpeg"), help: "Always serve the built-in MP4 instead of rendering with ffmpeg.")
    var noFFmpeg = false

    @Option(name: .customLong("log-level"), help: "Log level on standard error: trace, debug, info, notice, warning, error.")
    var logLevel: String = "notice"

    func validate() throws {
        try global.refuseCloudPlace(for: "the emulator", because: "it serves every project and location a client names in its URL")
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535 (0 picks a free port); got \(port).")
        }
        guard !host.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--host must not be empty; use 127.0.0.1 for this machine only.")
        }
        if !allowRemote, !Self.isLoopback(host) {
            throw ValidationError(
                "--host \(host) is not a loopback address: the emulator would listen beyond this machine. Use 127.0.0.1, ::1 or localhost, or add --allow-remote if other machines must reach it.")
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
        guard stallSeconds.isFinite, (0...3600).contains(stallSeconds) else {
            throw ValidationError("--stall-seconds must be between 0 and 3600, e.g. 90; got \(stallSeconds).")
        }
        if apiKeys.contains(where: { $0.isEmpty }) {
            throw ValidationError("--api-key must not be empty; leave the flag out to accept any key.")
        }
        if bearerTokens.contains(where: { $0.isEmpty }) {
            throw ValidationError("--bearer-token must not be empty; leave the flag out to accept any token.")
        }
        _ = try serviceAccountKeys()
        // Clients turn expires_in into a date: beyond a year's worth some overflow (google-auth does).
        guard (1...Self.maxTokenLifetime).contains(tokenLifetime) else {
            throw ValidationError(
                "--token-lifetime must be between 1 and \(Self.maxTokenLifetime) seconds (a year), e.g. 3600; got \(tokenLifetime).")
        }
        if let bad = deniedBuckets.first(where: { $0.isEmpty || $0.contains("/") }) {
            throw ValidationError("--deny-bucket takes a bucket name such as my-bucket (no gs://, no slash); got \"\(bad)\".")
        }
        guard inlineLimitMB.isFinite, inlineLimitMB >= 0 else {
            throw ValidationError("--inline-limit-mb must be zero or a positive number of megabytes, e.g. 32 or 0.5; got \(inlineLimitMB).")
        }
        if let maxRunning, maxRunning < 1 {
            throw ValidationError("--max-running must be at least 1 (operations running at once per key); got \(maxRunning).")
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

    /// 127.0.0.0/8, ::1 (in any spelling, bracketed or not) or localhost: reachable from this machine only.
    static func isLoopback(_ host: String) -> Bool {
        var name = host.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "localhost." { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            let bytes = withUnsafeBytes(of: v6) { Array($0) }
            if bytes == Array(repeating: 0, count: 15) + [1] { return true }
            // ::ffff:127.x.y.z, an IPv4 loopback address written as IPv6.
            if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return bytes[12] == 127 }
        }
        return false
    }

    /// The PEM public keys from the `--service-account-key` files.
    func serviceAccountKeys() throws -> [String] {
        try serviceAccountKeyFiles.map { path in
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("--service-account-key \(path) cannot be read; give a PEM public key or a service-account JSON key file.")
            }
            do {
                return try ServiceAccountKey.publicKeyPEM(fromFileContents: contents, source: path)
            } catch {
                throw ValidationError("--service-account-key \(error)")
            }
        }
    }

    /// The `--profile` values, split on commas, deduplicated; default: every profile.
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
        return profiles.isEmpty ? EmulatorOptions().profiles : profiles
    }

    /// `--state-dir`, else the `emulator` folder of `--home` / `VEO_STUDIO_HOME`, else none (nothing persists).
    func resolvedStateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let stateDirectory { return URL(fileURLWithPath: stateDirectory, isDirectory: true) }
        guard let home = global.home ?? environment["VEO_STUDIO_HOME"], !home.isEmpty else { return nil }
        return StudioPaths.resolve(home: home, environment: environment).emulatorState
    }

    /// The options these flags describe.
    func makeOptions() throws -> EmulatorOptions {
        var options = EmulatorOptions()
        options.stallSeconds = stallSeconds
        options.host = host
        options.port = port
        options.profiles = try parsedProfiles()
        options.speed = speed
        options.seed = seed
        options.faults = try faults.map { try FaultPlan(spec: $0) } ?? .none
        options.apiKeys = apiKeys.isEmpty ? nil : Set(apiKeys)
        options.bearerTokens = bearerTokens.isEmpty ? nil : Set(bearerTokens)
        options.serviceAccountKeys = try serviceAccountKeys()
        options.tokenLifetime = .seconds(tokenLifetime)
        options.deniedBuckets = Set(deniedBuckets)
        // A limit past Int's range (e.g. 1e300) is no limit, not a crash.
        options.inlineLimitBytes = Int(exactly: (inlineLimitMB * 1_048_576).rounded()) ?? Int.max
        options.requestsPerMinute = requestsPerMinute
        options.maxRunning = maxRunning
        options.retention = .seconds(retention)
        options.stateDirectory = resolvedStateDirectory()
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
