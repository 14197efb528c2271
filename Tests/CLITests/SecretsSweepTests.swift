import Foundation
import Logging
import StudioEmulator
import Testing
@testable import StudioCore

/// Every command, with every key and token the studio reads set to a distinctive fake: none of them
/// may appear in anything printed or in any file the studio writes under its home.
@Suite(.serialized)
struct SecretsSweepTests {
    static let registry = try! CapabilityRegistry.builtIn()
    /// Every provider of the registry, each once.
    static let providers = registry.providers.map(\.id)
    /// The gateways: the providers whose plugin is a gateway's (keys in `VEO_STUDIO_<ID>_API_KEY`).
    static let gateways = registry.providers.filter { ProviderPlugins.plugin(registryWire: $0.wire) is any GatewayPlugin }.map(\.id)
    /// The credentials from the environment, by variable.
    static let environmentSecrets: [String: String] = [
        "GEMINI_API_KEY": "FAKE-gemini-env-3f9a1c7e5b",
        "GOOGLE_API_KEY": "FAKE-google-env-8d2e6b4c0a",
        "GOOGLE_OAUTH_ACCESS_TOKEN": "oauth-FAKE-env-9c1d7e3f5a",
    ].merging(gateways.map { (GatewayAccess.keyVariable($0), "FAKE-\($0)-env-4e2a8c6b1d") }) { $1 }
    /// `api_key` under `[providers.<id>]` in config.toml, by provider.
    static let configSecrets: [String: String] = Dictionary(uniqueKeysWithValues: providers.map {
        ($0, "FAKE-\($0)-config-2b8f4d6a0e")
    })
    /// Each provider with each model family it serves through another protocol (Gemini Omni beside Veo).
    static let sends: [(provider: String, model: String?)] = providers.flatMap { id -> [(String, String?)] in
        let omni = registry.document.models.first { $0.usesInteractions && $0.ids[id] != nil && $0.lifecycle.allSatisfy { $0.refuse != true } }
        return [(id, nil)] + (omni.flatMap { $0.ids[id] }.map { [(id, $0)] } ?? [])
    }
    static var allSecrets: [String] { Array(environmentSecrets.values) + Array(configSecrets.values) }

    static func config(latencyScale: Double) -> String {
        providers.map { id in
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
    static func sendArguments(_ provider: String, base: String, model: String? = nil) -> [String] {
        var arguments = ["--provider", provider, "--base-url", base, "--prompt", "a paper lantern on the river"]
        if let model { arguments += ["--model", model] }
        if registry.provider(provider)?.wire == "vertex" { arguments += ["--project", "sweep-project"] }
        if needsReference(provider, model: model) { arguments += ["--ref", "https://cdn.example.com/ref.png"] }
        return arguments
    }

    /// True when a provider's model takes no text alone (the task relay's): a job needs an ingredient.
    static func needsReference(_ provider: String, model: String? = nil) -> Bool {
        guard let entry = registry.provider(provider) else { return false }
        let chosen = model ?? registry.defaultModel(provider: entry, mode: .textToVideo)
        return registry.model(matching: chosen, provider: provider)?.modes[entry.rulesAs]?.contains(.textToVideo) != true
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
        for (provider, model) in Self.sends {
            let send = Self.sendArguments(provider, base: base, model: model)
            let validate = try await run(["validate", "--json"] + send)
            #expect(validate.status == 0, "validate \(provider): \(validate.stdout) \(validate.stderr)")
            let request = try await run(["request", "--json"] + send)
            #expect(request.status == 0 && request.stdout.contains("<redacted>"), "request \(provider): \(request.stdout) \(request.stderr)")
            let curl = try await run(["request", "--curl"] + send)
            #expect(curl.status == 0 && curl.stdout.hasPrefix("curl "), "curl \(provider): \(curl.stderr)")
            let generated = try await run(["generate", "--wait", "--json"] + send)
            #expect(generated.status == 0, "generate \(provider): \(generated.stderr)")
            let result = try JSONValue.decode(Data(generated.stdout.utf8))
            #expect(result["status"]?.stringValue == "done", "\(provider) \(model ?? ""): \(generated.stdout)")
            if model == nil { ids[provider] = result["id"]?.intValue }
        }
        // Vertex express mode: an API key and no project.
        let express = ["--provider", "vertex", "--base-url", base, "--prompt", "express lantern"]
        let expressEnvironment = environment.merging(["GOOGLE_OAUTH_ACCESS_TOKEN": "", "GOOGLE_GENAI_USE_VERTEXAI": "true"]) { $1 }
        #expect(try await run(["request", "--json"] + express, expressEnvironment).status == 0)
        let expressRun = try await run(["generate", "--wait", "--json"] + express, expressEnvironment)
        #expect(expressRun.status == 0, "express: \(expressRun.stderr)")
        // The config file's keys, with no key in the environment (Vertex: express mode with its api_key).
        for provider in Self.providers {
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
        let expected = Self.sends.count + 1 + Self.providers.count + 2 + 3
        #expect(listed.count == expected, "each provider and family, express, each with config keys, 2 resumed, 3 reruns: \(history.stdout.prefix(300))")
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
