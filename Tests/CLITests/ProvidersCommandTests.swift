import Foundation
import Testing
@testable import StudioCore

/// `veo-studio providers`: each provider once with its sandbox and readiness; `--json` gives the
/// cases the proofs iterate (every provider × each protocol and delivery its models take).
struct ProvidersCommandTests {
    @Test func listsEachProviderOnceWithItsSandboxAndTheProtocolsItsModelsTake() throws {
        let cli = CLIRunner()
        let text = try cli.run(["providers"], environment: ["GEMINI_API_KEY": ""])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("vertex — Vertex AI") && text.stdout.contains("sandbox: vertex-sandbox"))
        #expect(text.stdout.contains("not ready: no API key for the Gemini API"), "says what is missing: \(text.stdout)")
        #expect(!text.stdout.contains("vertex-sandbox —"), "a sandbox is not listed as a provider of its own")

        let json = try cli.run(["providers", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let cases = try JSONValue.decode(Data(json.stdout.utf8)).arrayValue ?? []
        let labels = cases.compactMap { $0["label"]?.stringValue }
        #expect(labels.contains("gemini") && labels.contains("gemini-omni") && labels.contains("gemini-omni-uri")
                && labels.contains("vertex-omni") && labels.contains("task-relay"), "\(labels)")
        #expect(!labels.contains("vertex-omni-uri"), "uri delivery on Vertex AI needs a bucket the studio does not set")
        let relay = try #require(cases.first { $0["label"]?.stringValue == "task-relay" })
        #expect(relay["needsReference"]?.boolValue == true && relay["sandbox"]?.stringValue == "task-relay-sandbox")
        #expect(relay["keyVariables"]?.arrayValue?.first?.stringValue == "VEO_STUDIO_TASK_RELAY_API_KEY")
    }
}
