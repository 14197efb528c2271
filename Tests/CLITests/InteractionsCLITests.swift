import Foundation
import Testing
@testable import StudioCore

/// Gemini Omni from the CLI as a user runs it: a refinement chain on the sandbox with its lineage,
/// the warning that sends Veo users on the Gemini API to Omni, the exact interactions request with
/// its key redacted, cancel on the service, and refusals before anything is sent.
@Suite(.serialized)
struct InteractionsCLITests {
    static let omni = "gemini-omni-1.1-flash"
    static let secret = "omni-cli-secret-77e1"

    static func json(_ result: CLIRunner.Result) throws -> JSONValue {
        try JSONValue.decode(Data(result.stdout.utf8))
    }

    @Test func refineTwiceOnTheSandboxAndShowTheLineage() throws {
        let cli = CLIRunner()
        let first = try cli.run(["generate", "--provider", "sandbox", "--model", Self.omni, "--prompt", "A black cat on a sofa.",
                                 "--duration", "4", "--wait", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let firstID = try #require(try Self.json(first)["id"]?.intValue)
        let second = try cli.run(["refine", "\(firstID)", "Make the cat ginger. Keep everything else the same.", "--wait", "--json"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("turn 2"))
        let secondID = try #require(try Self.json(second)["id"]?.intValue)
        let third = try cli.run(["generate", "--provider", "sandbox", "--continue", "\(secondID)", "--prompt", "Now add a hat.", "--wait", "--json"])
        #expect(third.status == 0, "\(third.stderr)")
        let thirdID = try #require(try Self.json(third)["id"]?.intValue)
        #expect(try Self.json(third)["status"]?.stringValue == "done")

        let shown = try Self.json(try cli.run(["show", "\(thirdID)", "--json"]))
        #expect(shown["mode"]?.stringValue == "refine")
        #expect(shown["model"]?.stringValue == Self.omni, "a refinement keeps its parent's model")
        let lineage = try #require(shown["lineage"])
        #expect(lineage["parent"]?.intValue == secondID)
        #expect(lineage["parent_kind"]?.stringValue == "refine")
        #expect(lineage["chain"]?.arrayValue?.compactMap(\.intValue) == [firstID, secondID, thirdID])
        #expect(lineage["turn"]?.intValue == 3)
        let secondShown = try Self.json(try cli.run(["show", "\(secondID)", "--json"]))
        #expect(lineage["previous_interaction"] == secondShown["operation"])
        #expect(secondShown["lineage"]?["children"]?[0]?["id"]?.intValue == thirdID)
        #expect(shown["parent"]?.intValue == secondID, "the existing parent field keeps its shape")

        let text = try cli.run(["show", "\(thirdID)"])
        #expect(text.stdout.contains("refinement turn 3: #\(firstID) → #\(secondID) → #\(thirdID)"))
        let history = try cli.run(["history"])
        #expect(history.stdout.contains("↳#\(secondID) "), "the child names its parent before its prompt, as in the studio")
    }

    @Test func validateWarnsVeoUsersOnTheGeminiAPIAndNamesOmni() throws {
        let cli = CLIRunner()
        let environment = ["GEMINI_API_KEY": Self.secret]
        let veo = try cli.run(["validate", "--provider", "gemini", "--model", "veo-3.1-generate-preview", "--prompt", "x", "--json"],
                              environment: environment)
        #expect(veo.status == 0, "Veo requests stay possible: \(veo.stdout)")
        let issues = try Self.json(veo)["issues"]?.arrayValue ?? []
        let warning = try #require(issues.first { $0["code"]?.stringValue == "model.shut_down" })
        #expect(warning["severity"]?.stringValue == "warning")
        #expect(warning["message"]?.stringValue?.contains("2026-10-22") == true)
        #expect(warning["fix"]?.stringValue?.contains(Self.omni) == true)
        let lines = try cli.run(["validate", "--provider", "gemini", "--model", "veo-3.1-generate-preview", "--prompt", "x"],
                                environment: environment)
        #expect(lines.stdout.contains("warning") && lines.stdout.contains(Self.omni))

        let omni = try Self.json(try cli.run(["validate", "--provider", "gemini", "--prompt", "x", "--json"], environment: environment))
        #expect(omni["model"]?.stringValue == Self.omni, "the Gemini API's default model")
        #expect(omni["issues"]?.arrayValue?.isEmpty == true)
        #expect(omni["cost_estimate_usd"]?.doubleValue == 0.8)

        cli.write("clip.mp4", Data([0, 0, 0, 0x18] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2".utf8)))
        let veoEdit = try cli.run(["validate", "--provider", "gemini", "--model", "veo-3.1-generate-preview", "--mode", "edit",
                                   "--video", "clip.mp4", "--prompt", "x"], environment: environment)
        #expect(veoEdit.status == 1)
        #expect(veoEdit.stdout.contains("video edit: not on Veo 3.1") && veoEdit.stdout.contains(Self.omni), "\(veoEdit.stdout)")
        #expect(!(veo.stdout + lines.stdout + veoEdit.stdout).contains(Self.secret))
    }

    @Test func requestShowsTheInteractionsCreateWithTheKeyRedacted() throws {
        let cli = CLIRunner()
        let environment = ["GEMINI_API_KEY": Self.secret]
        let request = try cli.run(["request", "--provider", "gemini", "--prompt", "A kite over the beach.", "--duration", "5",
                                   "--resolution", "1080p", "--delivery", "uri", "--json"], environment: environment)
        #expect(request.status == 0, "\(request.stderr)")
        let wire = try Self.json(request)
        #expect(wire["url"]?.stringValue == "https://generativelanguage.googleapis.com/v1beta/interactions")
        #expect(wire["headers"]?["x-goog-api-key"]?.stringValue == "<redacted>")
        #expect(wire["body"]?["model"]?.stringValue == Self.omni)
        #expect(wire["body"]?["background"]?.boolValue == true)
        #expect(wire["body"]?["response_format"] == .object(["type": .string("video"), "aspect_ratio": .string("16:9"),
                                                              "duration": .string("5s"), "resolution": .string("1080p"),
                                                              "delivery": .string("uri")]))
        #expect(wire["body"]?["generation_config"]?["video_config"]?["task"]?.stringValue == "text_to_video")
        let curl = try cli.run(["request", "--provider", "gemini", "--prompt", "x", "--curl"], environment: environment)
        #expect(curl.stdout.hasPrefix("curl ") && curl.stdout.contains("${GEMINI_API_KEY") && curl.stdout.contains("/v1beta/interactions"))
        #expect(!(request.stdout + curl.stdout + request.stderr).contains(Self.secret))
    }

    @Test func cancelStopsAnInteractionOnTheService() throws {
        let cli = CLIRunner()
        // At the real pace the interaction still runs when the cancel arrives.
        let slow = ["VEO_STUDIO_SANDBOX_SPEED": "1"]
        let submitted = try cli.run(["generate", "--provider", "sandbox", "--model", Self.omni, "--prompt", "A long pan.", "--json"],
                                    environment: slow)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let id = try #require(try Self.json(submitted)["id"]?.intValue)
        #expect(try Self.json(submitted)["status"]?.stringValue == "queued")
        let cancelled = try cli.run(["cancel", "\(id)", "--json"], environment: slow)
        #expect(cancelled.status == 0, "\(cancelled.stdout) \(cancelled.stderr)")
        #expect(try Self.json(cancelled)["cancelled"]?.boolValue == true)
        #expect(try Self.json(try cli.run(["show", "\(id)", "--json"]))["status"]?.stringValue == "cancelled")
        let again = try cli.run(["cancel", "\(id)"], environment: slow)
        #expect(again.status == 1 && again.stdout.contains("already cancelled"))
    }

    @Test func badInputIsRefusedByNameBeforeAnythingIsSent() throws {
        let cli = CLIRunner()
        let noVideo = try cli.run(["generate", "--provider", "sandbox", "--model", Self.omni, "--mode", "edit", "--prompt", "x"])
        #expect(noVideo.status == 2 && noVideo.stderr.contains("--mode edit"))
        let badMode = try cli.run(["validate", "--mode", "upscale", "--prompt", "x"])
        #expect(badMode.status == 2 && badMode.stderr.contains("--mode upscale"))
        let unknown = try cli.run(["refine", "424242", "make it red"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no generation 424242"))
        let noText = try cli.run(["refine", "1"])
        #expect(noText.status == 2 && noText.stderr.contains("say what to change"))
        let preview = try cli.run(["generate", "--provider", "sandbox", "--model", "gemini-omni-flash-preview", "--prompt", "x"])
        #expect(preview.status == 2 && preview.stderr.contains("gemini-omni-1.1-flash") && preview.stderr.contains("nothing was sent"))
        #expect(!preview.stderr.contains("Fatal") && !preview.stderr.contains("Stack"))
        let jobs = try cli.run(["history", "--json"])
        #expect(try Self.json(jobs).arrayValue?.isEmpty == true, "nothing was recorded: \(jobs.stdout)")
    }
}
