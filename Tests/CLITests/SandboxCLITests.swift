import Foundation
import Testing
@testable import StudioCore

/// The CLI on the sandbox: the JSON shapes scripts rely on, history, show, rerun with a diff, extend.
@Suite(.serialized)
struct SandboxCLITests {
    @Test func generateValidateRequestHistoryRerunExtend() throws {
        let cli = CLIRunner()
        let generated = try cli.run(["generate", "--prompt", "a kite over the dunes", "--wait", "--json"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let result = try JSONValue.decode(Data(generated.stdout.utf8))
        #expect(result["status"]?.stringValue == "done")
        #expect(Set((result.objectValue ?? [:]).keys).isSuperset(of: ["id", "status", "operation", "outputs", "error"]))
        let output = try #require(result["outputs"]?[0])
        #expect(output["sha256"]?.stringValue?.count == 64 && (output["bytes"]?.intValue ?? 0) > 0)
        #expect(FileManager.default.fileExists(atPath: output["path"]?.stringValue ?? ""))
        #expect(generated.stderr.contains("synthetic"))

        let validation = try cli.run(["validate", "--prompt", "x", "--ref", "missing.png", "--json"])
        #expect(validation.status == 1)
        let report = try JSONValue.decode(Data(validation.stdout.utf8))
        #expect(report["valid"]?.boolValue == false)
        #expect(report["issues"]?.arrayValue?.contains { $0["field"]?.stringValue == "referenceImages[0]" } == true)
        #expect(report["cost_estimate_usd"]?.doubleValue == 3.2)

        // The Gemini API's default model is Gemini Omni (InteractionsCLITests); Veo is asked for by name.
        let request = try cli.run(["request", "--prompt", "x", "--provider", "gemini", "--model", "veo-3.1-generate-preview", "--json"],
                                  environment: ["GEMINI_API_KEY": "sekret-key"])
        #expect(request.status == 0, "\(request.stderr)")
        let wire = try JSONValue.decode(Data(request.stdout.utf8))
        #expect(wire["url"]?.stringValue == "https://generativelanguage.googleapis.com/v1beta/models/veo-3.1-generate-preview:predictLongRunning")
        #expect(wire["headers"]?["x-goog-api-key"]?.stringValue == "<redacted>")
        #expect(!request.stdout.contains("sekret-key"))
        let curl = try cli.run(["request", "--prompt", "x", "--provider", "gemini", "--curl"], environment: ["GEMINI_API_KEY": "sekret-key"])
        #expect(curl.stdout.hasPrefix("curl ") && curl.stdout.contains("$GEMINI_API_KEY") == false && curl.stdout.contains("${GEMINI_API_KEY"))
        #expect(!curl.stdout.contains("sekret-key"))

        let id = try #require(result["id"]?.intValue)
        let rerun = try cli.run(["rerun", "\(id)", "--duration", "6", "--wait", "--json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("changed durationSeconds: (unset) → 6"))
        let child = try JSONValue.decode(Data(rerun.stdout.utf8))
        let shown = try JSONValue.decode(Data(try cli.run(["show", "\(child["id"]?.intValue ?? 0)", "--json"]).stdout.utf8))
        #expect(shown["parent"]?.intValue == id)
        #expect(shown["spec"]?["effective"]?["durationSeconds"]?.intValue == 6)

        let extended = try cli.run(["extend", "\(id)", "--prompt", "the kite lands", "--wait", "--json"])
        #expect(extended.status == 0, "\(extended.stderr)")
        #expect(extended.stderr.contains("extension 1/20"))

        let history = try JSONValue.decode(Data(try cli.run(["history", "--search", "kite", "--json"]).stdout.utf8))
        #expect(history.arrayValue?.count == 3, "the original, the rerun and the extension all mention a kite")
        let all = try JSONValue.decode(Data(try cli.run(["history", "--json", "--limit", "10"]).stdout.utf8))
        #expect(all.arrayValue?.count == 3)
        let rules = try cli.run(["rules"])
        #expect(rules.stdout.contains("reference images need 8 s") && rules.stdout.contains("2026-10-22"))
    }

    @Test func submitWithoutWaitThenResume() throws {
        let cli = CLIRunner()
        let submitted = try cli.run(["generate", "--prompt", "later", "--json"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let record = try JSONValue.decode(Data(submitted.stdout.utf8))
        #expect(record["status"]?.stringValue == "queued")
        let jobs = try JSONValue.decode(Data(try cli.run(["jobs", "--json"]).stdout.utf8))
        #expect(jobs.arrayValue?.count == 1)
        let resumed = try cli.run(["resume", "--wait", "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try JSONValue.decode(Data(resumed.stdout.utf8))[0]?["status"]?.stringValue == "done")
        #expect(try cli.run(["jobs"]).stdout.contains("no unfinished jobs"))
    }
}

/// Rules and prices dropped into the config folder replace the built-in ones; re-runs use the journal's input copies.
@Suite(.serialized)
struct OverrideAndRerunTests {
    @Test func rulesFileInTheConfigFolderOverrides() throws {
        let cli = CLIRunner()
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        let builtIn = try CapabilityRegistry.builtIn().document
        var document = builtIn
        document.version = "2099-01-01"
        document.rules = document.rules.map { rule in
            var rule = rule
            if rule.id == "duration-veo3" { rule.require.in = [.number(4), .number(5), .number(6), .number(8)]; rule.source = "a newer notice" }
            return rule
        }
        let encoder = JSONEncoder()
        try encoder.encode(document).write(to: cli.home.appendingPathComponent("rules.json"))
        let rules = try cli.run(["rules"])
        #expect(rules.stdout.contains("rules 2099-01-01 from \(cli.home.appendingPathComponent("rules.json").path)"))
        #expect(rules.stdout.contains("a newer notice"))
        let valid = try cli.run(["validate", "--prompt", "x", "--duration", "5"])
        #expect(valid.status == 0, "the override allows 5 s: \(valid.stdout)")

        try Data("{ broken".utf8).write(to: cli.home.appendingPathComponent("rules.json"))
        let broken = try cli.run(["validate", "--prompt", "x"])
        #expect(broken.status == 2 && broken.stderr.contains("rules.json is not valid"))
    }

    @Test func rerunWorksAfterTheInputMoved() throws {
        let cli = CLIRunner()
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
                       + [0, 0, 0, 16, 0, 0, 0, 9, 8, 2, 0, 0, 0, 0, 0, 0, 0])
        cli.write("first.png", png)
        let first = try cli.run(["generate", "--prompt", "from a picture", "--image", "first.png", "--wait", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let id = try #require(try JSONValue.decode(Data(first.stdout.utf8))["id"]?.intValue)
        try FileManager.default.removeItem(at: cli.workingDirectory.appendingPathComponent("first.png"))
        let rerun = try cli.run(["rerun", "\(id)", "--wait", "--json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("no parameter changed"))
        let shown = try JSONValue.decode(Data(try cli.run(["show", "\(id + 1)", "--json"]).stdout.utf8))
        #expect(shown["inputs"]?[0]?["role"]?.stringValue == "image")
        #expect(shown["mode"]?.stringValue == "image_to_video")
    }
}
