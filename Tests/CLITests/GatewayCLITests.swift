import Foundation
import Logging
import StudioEmulator
import Testing
@testable import StudioCore

/// The four gateways from the CLI as a user runs them: each sandbox with no account, the exact
/// request with its key redacted, keys from the environment that are never written anywhere, a
/// refusal before anything is sent, and a process killed while a chat answer streams.
@Suite(.serialized)
struct GatewayCLITests {
    /// Every gateway of the registry (a provider whose plugin is a gateway's).
    static let gateways = SecretsSweepTests.gateways
    static let secret = "gw-secret-4b1d9e07c2"

    /// An emulator of every profile on a free port, for `--base-url`.
    static func emulator(speed: Double = 1000) async throws -> (EmulatorServer, String) {
        var options = EmulatorOptions()
        options.speed = speed
        options.requestsPerMinute = 1000
        let server = EmulatorServer(options: options, logger: Logger(label: "test.emulator"))
        return (server, try await server.start().absoluteString)
    }

    static func requests(_ base: String, pathSuffix: String) async throws -> Int {
        let list = try await HTTPTransport().sendJSON(WireRequest(method: "GET", url: "\(base)/_emulator/requests", headers: [], body: nil),
                                                      stage: .poll)
        return (list.arrayValue ?? list["requests"]?.arrayValue ?? []).filter { ($0["path"]?.stringValue ?? "").hasSuffix(pathSuffix) }.count
    }

    @Test(arguments: gateways)
    func eachSandboxMakesAVideoWithNoAccount(gateway: String) throws {
        let cli = CLIRunner()
        cli.write("ref.png", TestImagesForCLI.png)
        var arguments = ["generate", "--provider", "\(gateway)-sandbox", "--prompt", "a paper boat", "--wait", "--json"]
        #expect(SecretsSweepTests.registry.isSandbox("\(gateway)-sandbox"))
        if SecretsSweepTests.needsReference(gateway) { arguments += ["--ref", "ref.png"] }
        let result = try cli.run(arguments)
        #expect(result.status == 0, "\(gateway): \(result.stderr)")
        let json = try JSONValue.decode(Data(result.stdout.utf8))
        #expect(json["status"]?.stringValue == "done" && json["outputs"]?.arrayValue?.count == 1, "\(result.stdout)")
        #expect(result.stderr.contains("sandbox"), "says it is the sandbox")
    }

    @Test(arguments: gateways)
    func requestShowsTheExactRequestAndNeverTheKey(gateway: String) throws {
        let cli = CLIRunner()
        cli.write("ref.png", TestImagesForCLI.png)
        let variable = GatewayAccess.keyVariable(gateway)
        var arguments = ["request", "--provider", gateway, "--base-url", "https://relay.example", "--prompt", "a paper boat"]
        if SecretsSweepTests.needsReference(gateway) { arguments += ["--ref", "https://cdn.example/ref.png"] }
        let json = try cli.run(arguments + ["--json"], environment: [variable: Self.secret])
        #expect(json.status == 0, "\(gateway): \(json.stderr)")
        let wire = try JSONValue.decode(Data(json.stdout.utf8))
        #expect(wire["url"]?.stringValue?.hasPrefix("https://relay.example/") == true)
        #expect(wire["headers"]?["Authorization"]?.stringValue == "<redacted>")
        let curl = try cli.run(arguments + ["--curl"], environment: [variable: Self.secret])
        #expect(curl.stdout.contains("Bearer ${\(variable):?set \(variable)}"), "\(curl.stdout)")
        for output in [json, curl] { #expect(!(output.stdout + output.stderr).contains(Self.secret)) }
        #expect(!VertexCLITests.everything(in: cli.home).contains(Self.secret))
    }

    @Test func aMissingKeyAndALocalImageWithoutUploadAreRefusedBeforeSending() throws {
        let cli = CLIRunner()
        cli.write("ref.png", TestImagesForCLI.png)
        let noKey = try cli.run(["generate", "--provider", "openai-relay", "--base-url", "http://127.0.0.1:9", "--prompt", "x"])
        #expect(noKey.status == 2)
        #expect(noKey.stderr.contains("VEO_STUDIO_OPENAI_RELAY_API_KEY") && noKey.stderr.contains("openai-relay-sandbox"), "\(noKey.stderr)")
        let local = try cli.run(["generate", "--provider", "task-relay", "--base-url", "http://127.0.0.1:9", "--prompt", "x", "--ref", "ref.png"],
                                environment: ["VEO_STUDIO_TASK_RELAY_API_KEY": Self.secret])
        #expect(local.status == 2)
        #expect(local.stderr.contains("upload_command") && local.stderr.contains("[providers.task-relay]"), "\(local.stderr)")
        let history = try cli.run(["history", "--json"])
        #expect(try JSONValue.decode(Data(history.stdout.utf8)).arrayValue?.isEmpty == true, "nothing was recorded")
    }

    @Test func aRealSendUploadsThroughTheCommandAndKeepsTheKeyOutOfEverything() async throws {
        let (server, base) = try await Self.emulator()
        defer { Task { await server.stop() } }
        let cli = CLIRunner()
        cli.write("ref.png", TestImagesForCLI.png)
        let script = cli.workingDirectory.appendingPathComponent("upload.sh")
        try "#!/bin/sh\necho uploading \"$1\" >&2\necho \"https://cdn.example.com/$(basename \"$1\")\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        try "[providers.task-relay]\nupload_command = \"\(script.path)\"\nlatency_scale = 0.001\n"
            .write(to: cli.home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let result = try await cli.runAwaiting(["generate", "--provider", "task-relay", "--base-url", base, "--prompt", "a garden", "--ref", "ref.png",
                                  "--wait", "--json"], environment: ["VEO_STUDIO_TASK_RELAY_API_KEY": Self.secret])
        #expect(result.status == 0, "\(result.stderr)")
        let id = try #require(try JSONValue.decode(Data(result.stdout.utf8))["id"]?.intValue)
        let show = try cli.run(["show", "\(id)", "--json"])
        let shown = try JSONValue.decode(Data(show.stdout.utf8))
        #expect(shown["request"]?["body"]?["reference_image_urls"]?[0]?.stringValue == "https://cdn.example.com/ref.png", "\(show.stdout.prefix(600))")
        #expect(shown["progress"]?.doubleValue == 1)
        let outputs = shown["outputs"]?.arrayValue ?? []
        #expect(outputs.first?["expires_at"]?.stringValue != nil, "a 24 h link is dated")
        for output in [result, show, try cli.run(["history", "--json"])] {
            #expect(!(output.stdout + output.stderr).contains(Self.secret))
        }
        #expect(!VertexCLITests.everything(in: cli.home).contains(Self.secret), "no file under the home holds the key")
    }

    /// SIGKILL while the chat answer streams (the journal has the job, not yet its result): the next
    /// run calls it unknown with advice, and the generation is never sent a second time.
    @Test func aKillDuringTheChatStreamLeavesItUnknownAndNeverResent() async throws {
        let (server, base) = try await Self.emulator(speed: 40)
        defer { Task { await server.stop() } }
        let cli = CLIRunner()
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["generate", "--provider", "comet-chat", "--base-url", base, "--prompt", "a long take", "--wait",
                             "--home", cli.home.path]
        var environment = ProcessInfo.processInfo.environment
        environment["VEO_STUDIO_COMET_CHAT_API_KEY"] = Self.secret
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Bounded wait for the chat request to reach the emulator, then kill mid-stream.
        var sent = 0
        for _ in 0..<200 where sent == 0 {
            sent = try await Self.requests(base, pathSuffix: "/v1/chat/completions")
            if sent == 0 { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(sent == 1, "the chat request arrived")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let resumed = try await cli.runAwaiting(["resume", "--wait", "--base-url", base, "--json"], environment: ["VEO_STUDIO_COMET_CHAT_API_KEY": Self.secret])
        let jobs = try cli.run(["jobs", "--json"])
        let listed = try JSONValue.decode(Data(jobs.stdout.utf8)).arrayValue ?? []
        #expect(listed.count == 1 && listed.first?["status"]?.stringValue == "unknown", "\(jobs.stdout) \(resumed.stderr)")
        #expect(listed.first?["error"]?["explanation"]?.stringValue?.isEmpty == false, "unknown comes with advice")
        #expect(try await Self.requests(base, pathSuffix: "/v1/chat/completions") == 1, "never sent a second time")
    }
}

/// A small PNG for CLI tests.
enum TestImagesForCLI {
    static let png: Data = {
        // 1×1 RGB PNG.
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")!
    }()
}
