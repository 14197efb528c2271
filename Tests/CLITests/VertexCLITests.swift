import Foundation
import Logging
import StudioEmulator
import Testing
@testable import StudioCore

/// The CLI on Vertex AI as a user runs it: the built-in Vertex sandbox, `--project`/`--location`,
/// the SDK's environment variables, a missing credential, and a real send to an emulator with a
/// token that must never be written anywhere.
@Suite(.serialized)
struct VertexCLITests {
    /// Every file under the studio's home, as text.
    static func everything(in folder: URL) -> String {
        let names = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return names.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .isoLatin1) }.joined()
    }

    @Test func theVertexSandboxMakesFourSamplesAndExtendsOne() throws {
        let cli = CLIRunner()
        let generated = try cli.run(["generate", "--provider", "vertex-sandbox", "--prompt", "a harbour at dawn", "--samples", "4",
                                     "--seed", "7", "--no-audio", "--label", "team=studio", "--wait", "--json"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let result = try JSONValue.decode(Data(generated.stdout.utf8))
        #expect(result["status"]?.stringValue == "done")
        #expect(result["outputs"]?.arrayValue?.count == 4)
        let id = try #require(result["id"]?.intValue)
        let extended = try cli.run(["extend", "\(id)", "--prompt", "the boats leave", "--wait", "--json"])
        #expect(extended.status == 0, "\(extended.stderr)")
        #expect(try JSONValue.decode(Data(extended.stdout.utf8))["status"]?.stringValue == "done")
    }

    @Test func requestShowsTheRegionalURLAndNoToken() throws {
        let cli = CLIRunner()
        let request = try cli.run(["request", "--provider", "vertex", "--project", "p1", "--location", "europe-west4",
                                   "--prompt", "x", "--label", "team=studio", "--json"])
        #expect(request.status == 0, "\(request.stderr)")
        let wire = try JSONValue.decode(Data(request.stdout.utf8))
        #expect(wire["url"]?.stringValue == "https://europe-west4-aiplatform.googleapis.com/v1beta1/projects/p1/locations/europe-west4/publishers/google/models/veo-3.1-generate-001:predictLongRunning")
        #expect(wire["headers"]?["Authorization"]?.stringValue == "<redacted>")
        #expect(wire["body"]?["labels"]?["team"]?.stringValue == "studio")
        let curl = try cli.run(["request", "--provider", "vertex", "--project", "p1", "--prompt", "x", "--curl"])
        #expect(curl.stdout.contains("Authorization: Bearer $(gcloud auth print-access-token)"))

        let fromEnvironment = try cli.run(["request", "--prompt", "x", "--json"], environment: [
            "GOOGLE_GENAI_USE_VERTEXAI": "true", "GOOGLE_CLOUD_PROJECT": "env-project", "GOOGLE_CLOUD_LOCATION": "global"])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        let url = try JSONValue.decode(Data(fromEnvironment.stdout.utf8))["url"]?.stringValue ?? ""
        #expect(url.hasPrefix("https://aiplatform.googleapis.com/v1beta1/projects/env-project/locations/global/"))

        // An API key and no project is express mode, as the SDK reads the same variables.
        let express = try cli.run(["request", "--prompt", "x", "--json"], environment: [
            "GOOGLE_GENAI_USE_VERTEXAI": "true", "GOOGLE_API_KEY": "express-secret", "GOOGLE_CLOUD_PROJECT": ""])
        #expect(express.status == 0, "\(express.stderr)")
        let expressWire = try JSONValue.decode(Data(express.stdout.utf8))
        #expect(expressWire["url"]?.stringValue == "https://aiplatform.googleapis.com/v1beta1/publishers/google/models/veo-3.1-generate-001:predictLongRunning")
        #expect(expressWire["headers"]?["x-goog-api-key"]?.stringValue == "<redacted>" && !express.stdout.contains("express-secret"))
    }

    @Test func aMissingCredentialSaysWhatWasTriedAndHowToFixIt() throws {
        let cli = CLIRunner()
        let result = try cli.run(["generate", "--provider", "vertex", "--project", "p1", "--prompt", "x"],
                                 environment: ["PATH": "/nonexistent", "GOOGLE_APPLICATION_CREDENTIALS": "", "GOOGLE_OAUTH_ACCESS_TOKEN": ""])
        #expect(result.status != 0)
        #expect(result.stderr.contains("GOOGLE_APPLICATION_CREDENTIALS") && result.stderr.contains("gcloud auth login"), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack"))
        let noProject = try cli.run(["generate", "--provider", "vertex", "--prompt", "x"],
                                    environment: ["GOOGLE_OAUTH_ACCESS_TOKEN": "t", "GOOGLE_CLOUD_PROJECT": "", "PATH": "/nonexistent"])
        #expect(noProject.status != 0 && noProject.stderr.contains("--project"), "\(noProject.stderr)")
    }

    @Test func aTokenFromTheEnvironmentReachesTheServiceAndNothingElse() async throws {
        var options = EmulatorOptions()
        options.profiles = [.vertex]
        options.speed = 400
        options.requestsPerMinute = 1000
        options.bearerTokens = ["ya29.SECRET-token-123"]
        options.renderWithFFmpeg = false
        let server = EmulatorServer(options: options, logger: Logger(label: "test.emulator"))
        let url = try await server.start()
        defer { Task { await server.stop() } }
        let cli = CLIRunner()
        // The emulator runs 400× faster than Vertex: say so, as a user pointing the studio at it would.
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        try Data("[providers.vertex]\nlatency_scale = 0.0025\n".utf8).write(to: cli.home.appendingPathComponent("config.toml"))
        let environment = ["GOOGLE_OAUTH_ACCESS_TOKEN": "ya29.SECRET-token-123", "PATH": "/nonexistent",
                           "GOOGLE_CLOUD_QUOTA_PROJECT": "billing-project"]
        let generated = try await cli.runAwaiting(["generate", "--provider", "vertex", "--base-url", url.absoluteString, "--project", "my-project",
                                     "--prompt", "a lantern in the fog", "--storage-uri", "gs://studio-out/veo/", "--wait", "--json"],
                                    environment: environment)
        #expect(generated.status == 0, "\(generated.stderr)")
        let result = try JSONValue.decode(Data(generated.stdout.utf8))
        #expect(result["status"]?.stringValue == "done")
        let shown = try cli.run(["show", "\(result["id"]?.intValue ?? 0)", "--json"])
        #expect(shown.stdout.contains("gs://studio-out/veo/"), "the gs:// URI is kept in the journal")
        let wrong = try await cli.runAwaiting(["generate", "--provider", "vertex", "--base-url", url.absoluteString, "--project", "my-project",
                                 "--prompt", "refused"], environment: ["GOOGLE_OAUTH_ACCESS_TOKEN": "ya29.wrong", "PATH": "/nonexistent"])
        #expect(wrong.status != 0 && wrong.stdout.contains("refused the token from GOOGLE_OAUTH_ACCESS_TOKEN"), "\(wrong.stdout)")
        #expect(!(wrong.stdout + wrong.stderr).contains("ya29.wrong"))
        let written = Self.everything(in: cli.home)
        #expect(!written.isEmpty && !written.contains("SECRET-token-123"), "no token in the journal, logs or sidecars")
    }
}
