import Foundation
import Logging
import StudioEmulator
import Testing
@testable import StudioCore

/// Every command, with every key and token the studio reads set to a distinctive fake: none of them
/// may appear in anything printed or in any file the studio writes under its home.
@Suite(.serialized)
struct SecretsSweepTests {
    /// The credentials from the environment, by variable.
    static let environmentSecrets: [String: String] = [
        "GEMINI_API_KEY": "FAKE-gemini-env-3f9a1c7e5b",
        "GOOGLE_API_KEY": "FAKE-google-env-8d2e6b4c0a",
        "GOOGLE_OAUTH_ACCESS_TOKEN": "oauth-FAKE-env-9c1d7e3f5a",
        "VEO_STUDIO_OPENAI_RELAY_API_KEY": "FAKE-openai-relay-env-4e2a8c6b1d",
        "VEO_STUDIO_MAAS_VERTEX_API_KEY": "FAKE-maas-vertex-env-5b3d1f7e9c",
        "VEO_STUDIO_COMET_CHAT_API_KEY": "FAKE-comet-chat-env-6c4e2a8d0b",
        "VEO_STUDIO_TASK_RELAY_API_KEY": "FAKE-task-relay-env-7d5f3b9e1a",
    ]
    static let gateways = ["openai-relay", "maas-vertex", "comet-chat", "task-relay"]
    /// `api_key` under `[providers.<id>]` in config.toml, by provider.
    static let configSecrets: [String: String] = Dictionary(uniqueKeysWithValues: (["gemini", "vertex"] + gateways).map {
        ($0, "FAKE-\($0)-config-2b8f4d6a0e")
    })
    static var allSecrets: [String] { Array(environmentSecrets.values) + Array(configSecrets.values) }

    static func config(latencyScale: Double) -> String {
        (["gemini", "vertex"] + gateways).map { id in
            let key = configSecrets[id].map { "api_key = \"\($0)\"\n" } ?? ""
            return "[providers.\(id)]\n\(key)latency_scale = \(latencyScale)\n"
        }.joined(separator: "\n")
    }

    /// Each secret found in the text, by name, for the failure message.
    static func leaks(in text: String) -> [String] {
        allSecrets.filter { text.contains($0) }
    }

    /// Every file under the home as text, except the user's own config.toml (which holds the config keys by design).
    static func filesWritten(in home: URL) -> [(name: String, text: String)] {
        let names = FileManager.default.enumerator(atPath: home.path)?.allObjects as? [String] ?? []
        return names.filter { $0 != "config.toml" }.compactMap { name in
            // ISO Latin 1 maps every byte to a character, so binary files (SQLite, MP4) are searched whole.
            (try? Data(contentsOf: home.appendingPathComponent(name))).flatMap { String(data: $0, encoding: .isoLatin1) }.map { (name, $0) }
        }
    }

    /// Arguments per provider that send a small job to the emulator at `base`.
    static func sendArguments(_ provider: String, base: String) -> [String] {
        var arguments = ["--provider", provider, "--base-url", base, "--prompt", "a paper lantern on the river"]
        if provider == "vertex" { arguments += ["--project", "sweep-project"] }
        if provider == "task-relay" { arguments += ["--ref", "https://cdn.example.com/ref.png"] }
        return arguments
    }

    @Test func noKeyOrTokenAppearsInAnyOutputOrFile() async throws {
        var options = EmulatorOptions()
        options.speed = 1000
        options.requestsPerMinute = 1000
        options.renderWithFFmpeg = false
        // The emulator accepts only the keys and the token set here: a job that succeeds proves the secret was sent.
        options.apiKeys = Set(Self.allSecrets).subtracting([Self.environmentSecrets["GOOGLE_OAUTH_ACCESS_TOKEN"]!])
        options.bearerTokens = [Self.environmentSecrets["GOOGLE_OAUTH_ACCESS_TOKEN"]!]
        let server = EmulatorServer(options: options, logger: Logger(label: "test.emulator"))
        let base = try await server.start().absoluteString
        defer { Task { await server.stop() } }

        let cli = CLIRunner()
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        let configFile = cli.home.appendingPathComponent("config.toml")
        _ = FileManager.default.createFile(atPath: configFile.path, contents: Data(Self.config(latencyScale: 0.001).utf8),
                                       attributes: [.posixPermissions: 0o600])
        var environment = Self.environmentSecrets
        environment["PATH"] = "/nonexistent"  // no gcloud: the token comes from the environment
        environment["GOOGLE_APPLICATION_CREDENTIALS"] = ""
        environment["GOOGLE_CLOUD_PROJECT"] = ""
        // Only the config file's keys: every env key variable empty.
        var configOnly = environment
        for name in Self.environmentSecrets.keys where name != "GOOGLE_OAUTH_ACCESS_TOKEN" { configOnly[name] = "" }

        var outputs: [(String, CLIRunner.Result)] = []
        func run(_ arguments: [String], _ env: [String: String] = environment) async throws -> CLIRunner.Result {
            let result = try await cli.runAwaiting(arguments, environment: env)
            outputs.append((arguments.joined(separator: " "), result))
            return result
        }

        var ids: [String: Int] = [:]
        for provider in ["gemini", "vertex"] + Self.gateways {
            let send = Self.sendArguments(provider, base: base)
            let validate = try await run(["validate", "--json"] + send)
            #expect(validate.status == 0, "validate \(provider): \(validate.stdout) \(validate.stderr)")
            let request = try await run(["request", "--json"] + send)
            #expect(request.status == 0 && request.stdout.contains("<redacted>"), "request \(provider): \(request.stdout) \(request.stderr)")
            let curl = try await run(["request", "--curl"] + send)
            #expect(curl.status == 0 && curl.stdout.hasPrefix("curl "), "curl \(provider): \(curl.stderr)")
            let generated = try await run(["generate", "--wait", "--json"] + send)
            #expect(generated.status == 0, "generate \(provider): \(generated.stderr)")
            let result = try JSONValue.decode(Data(generated.stdout.utf8))
            #expect(result["status"]?.stringValue == "done", "\(provider): \(generated.stdout)")
            ids[provider] = result["id"]?.intValue
        }
        // Vertex express mode: an API key and no project.
        let express = ["--provider", "vertex", "--base-url", base, "--prompt", "express lantern"]
        let expressEnvironment = environment.merging(["GOOGLE_OAUTH_ACCESS_TOKEN": "", "GOOGLE_GENAI_USE_VERTEXAI": "true"]) { $1 }
        #expect(try await run(["request", "--json"] + express, expressEnvironment).status == 0)
        let expressRun = try await run(["generate", "--wait", "--json"] + express, expressEnvironment)
        #expect(expressRun.status == 0, "express: \(expressRun.stderr)")
        // The config file's keys, with no key in the environment (Vertex: express mode with its api_key).
        for provider in ["gemini", "vertex"] + Self.gateways {
            let send = provider == "vertex" ? express : Self.sendArguments(provider, base: base)
            #expect(try await run(["request", "--json"] + send, configOnly).status == 0)
            #expect(try await run(["request", "--curl"] + send, configOnly).status == 0)
            let generated = try await run(["generate", "--wait", "--json"] + send, configOnly)
            #expect(generated.status == 0, "generate \(provider) with the config key: \(generated.stderr)")
        }

        // Submitted without waiting, then resumed.
        for provider in ["gemini", "openai-relay"] {
            let queued = try await run(["generate", "--json"] + Self.sendArguments(provider, base: base))
            #expect(queued.status == 0, "\(queued.stderr)")
        }
        let jobs = try await run(["jobs", "--json"])
        let unfinished = try JSONValue.decode(Data(jobs.stdout.utf8)).arrayValue ?? []
        #expect(unfinished.count == 2, "\(jobs.stdout)")
        let resumed = try await run(["resume", "--wait", "--json", "--base-url", base])
        let resumedJobs = try JSONValue.decode(Data(resumed.stdout.utf8)).arrayValue ?? []
        #expect(resumed.status == 0 && resumedJobs.count == 2 && resumedJobs.allSatisfy { $0["status"]?.stringValue == "done" },
                "\(resumed.stdout) \(resumed.stderr)")

        for (provider, id) in ids.sorted(by: { $0.key < $1.key }) {
            let shown = try await run(["show", "\(id)", "--json"])
            #expect(shown.status == 0 && shown.stdout.contains("\"request\""), "show \(provider): \(shown.stderr)")
        }
        for provider in ["gemini", "vertex", "comet-chat"] {
            let id = try #require(ids[provider])
            var arguments = ["rerun", "\(id)", "--base-url", base, "--wait", "--json"]
            if provider == "vertex" { arguments += ["--project", "sweep-project"] }
            let rerun = try await run(arguments)
            #expect(rerun.status == 0, "rerun \(provider): \(rerun.stderr)")
        }
        let history = try await run(["history", "--json", "--limit", "100"])
        let listed = try JSONValue.decode(Data(history.stdout.utf8)).arrayValue ?? []
        #expect(listed.count == 18, "6 providers, express, 6 with config keys, 2 resumed, 3 reruns: \(history.stdout.prefix(300))")
        let rules = try await run(["rules"])
        #expect(rules.status == 0 && !rules.stdout.isEmpty)

        for (command, output) in outputs {
            let leaked = Self.leaks(in: output.stdout + output.stderr)
            #expect(leaked.isEmpty, "`\(command)` printed \(leaked)")
        }
        let files = Self.filesWritten(in: cli.home)
        #expect(files.contains { $0.name.hasSuffix("journal.sqlite") } && files.contains { $0.name.hasPrefix("logs/") }
                && files.contains { $0.name.hasPrefix("media/") }, "the sweep covers the journal, logs and outputs: \(files.map(\.name))")
        for file in files {
            let leaked = Self.leaks(in: file.text)
            #expect(leaked.isEmpty, "\(file.name) holds \(leaked)")
        }
        // The studio never writes config.toml itself (it only reads it): it is still the user's file, untouched.
        #expect(try String(contentsOf: configFile, encoding: .utf8) == Self.config(latencyScale: 0.001))
        #expect((try FileManager.default.attributesOfItem(atPath: configFile.path)[.posixPermissions] as? Int) == 0o600)
    }

    /// The studio writes no config file, so the promise is the warning: a config holding a key that its
    /// group or others can read is named with the fix, and the key itself is never printed.
    @Test(arguments: [0o640, 0o604, 0o644])
    func aReadableConfigHoldingAKeyIsWarnedAbout(mode: Int) throws {
        let cli = CLIRunner()
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        let configFile = cli.home.appendingPathComponent("config.toml")
        _ = FileManager.default.createFile(atPath: configFile.path, contents: Data(Self.config(latencyScale: 1).utf8),
                                       attributes: [.posixPermissions: mode])
        let open = try cli.run(["validate", "--prompt", "x"])
        #expect(open.stderr.contains("\(configFile.path) holds an API key and can be read by other users — run chmod 600 \(configFile.path)"),
                "\(open.stderr)")
        #expect(Self.leaks(in: open.stdout + open.stderr).isEmpty)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: configFile.path)
        let closed = try cli.run(["validate", "--prompt", "x"])
        #expect(closed.status == 0 && !closed.stderr.contains("chmod"), "\(closed.stderr)")
    }
}
