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

        let request = try cli.run(["request", "--prompt", "x", "--provider", "gemini", "--json"], environment: ["GEMINI_API_KEY": "sekret-key"])
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
