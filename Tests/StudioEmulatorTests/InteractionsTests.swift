import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Interactions profile: create, poll, cancel, delete, multi-turn")
struct InteractionsTests {
    @Test("a background create answers in_progress with a v1_ id at once, then polls to completed with an inline MP4")
    func backgroundThenPoll() async throws {
        try await Fixture.withEmulator { emulator in
            let created = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.cancelJob.utf8)))
            let id = try #require(created["id"]?.stringValue)
            #expect(id.hasPrefix("v1_") && id.count == 27)
            #expect(created["status"] == "in_progress")
            #expect(created["object"] == "interaction")
            #expect(created["model"] == "gemini-omni-1.1-flash")
            #expect(created["steps"] == nil)
            let done = try await emulator.pollUntilDone(id)
            #expect(done["status"] == "completed")
            #expect(done["steps"]?.arrayValue?.map { $0["type"]?.stringValue ?? "" } == ["thought", "model_output"])
            let video = try #require(done.outputVideoData)
            let probe = MP4Probe(video)
            #expect(probe.isMP4)
            #expect(done["usage"]?["total_output_tokens"] == .int(8 * 5792), "8 s by default, 5792 tokens a second")
        }
    }

    @Test("a blocking create holds until the video is done and answers completed with the input step")
    func blocking() async throws {
        try await Fixture.withEmulator { emulator in
            let done = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.blockingInline.utf8)), version: "v1")
            #expect(done["status"] == "completed")
            #expect(done["steps"]?.arrayValue?.first?["type"] == "user_input")
            #expect(done["steps"]?.arrayValue?.first?["content"]?.arrayValue?.first?["text"] == "A marble rolling on a track.")
            #expect(done.outputVideoData.map { MP4Probe($0).isMP4 } == true)
            let id = try #require(done["id"]?.stringValue)
            let polled = try await emulator.getInteraction(id, version: "v1").json()
            #expect(polled["status"] == "completed", "a finished blocking interaction stays completed")
            #expect(polled["steps"]?.arrayValue?.first?["type"] == "thought", "no input step without include_input")
            let withInput = try await emulator.getInteraction(id, query: "include_input=true", version: "v1").json()
            #expect(withInput["steps"]?.arrayValue?.first?["type"] == "user_input")

            let framed = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.firstFrame.utf8)))
            let echoed = try #require(framed["steps"]?.arrayValue?.first?["content"]?.arrayValue)
            #expect(echoed.map { $0["type"]?.stringValue ?? "" } == ["text", "image"])
            #expect(echoed[1]["mime_type"] == "image/png")
            #expect(echoed[1]["data"] == nil, "inline media are echoed without their bytes")
        }
    }

    @Test("golden request bodies sent by google-genai 3.4.0 are accepted", arguments: [
        ("background, uri delivery", GoldenInteraction.backgroundURI),
        ("blocking, inline", GoldenInteraction.blockingInline),
        ("typed objects, 1080p", GoldenInteraction.typedObjects),
        ("first frame", GoldenInteraction.firstFrame),
        ("first and last frame", GoldenInteraction.firstLastFrame),
        ("multi-turn first", GoldenInteraction.multiTurnFirst),
        ("stateless first", GoldenInteraction.statelessFirst),
        ("cancel job", GoldenInteraction.cancelJob),
        ("webhook config", GoldenInteraction.webhook),
        ("response_format list", GoldenInteraction.responseFormatList),
        ("v1beta background", GoldenInteraction.v1betaBackground),
    ])
    func golden(_ name: String, _ body: String) async throws {
        try await Fixture.withEmulator { emulator in
            for version in ["v1", "v1beta"] {
                let response = try await emulator.createInteraction(body, version: version)
                #expect(response.status == .ok, "\(name) on \(version): \(String(buffer: response.body))")
                #expect(try response.json()["id"]?.stringValue?.hasPrefix("v1_") == true)
            }
        }
    }

    @Test("each task produces a video of the planned length, shape and resolution")
    func tasks() async throws {
        try await Fixture.withEmulator { emulator in
            let source = try #require(VideoRenderer.builtinVideo())
            let video = try #require(try await emulator.uploadFile(source)["uri"]?.stringValue)
            let png = try #require(Data(base64Encoded: Fixture.bluePNG))
            let image = try #require(try await emulator.uploadFile(png, mimeType: "image/png")["uri"]?.stringValue)
            let cases: [(task: String, body: String, frame: String, seconds: Double)] = [
                ("text_to_video", #"{"model":"gemini-omni-1.2-flash","input":"t","response_format":{"type":"video","duration":"3.5s","aspect_ratio":"9:16","resolution":"360p"}}"#, "360x640", 3.5),
                ("image_to_video", GoldenInteraction.firstLastFrame, "1280x720", 5),
                ("reference_to_video", GoldenInteraction.reference(imageURI: image, videoURI: video), "1280x720", 8),
                ("extend", GoldenInteraction.extend(videoURI: video), "1280x720", 8 + 5),
                ("edit", #"{"model":"gemini-omni-1.1-flash","generation_config":{"video_config":{"task":"edit"}},"input":[{"type":"text","text":"Make it night."},{"type":"video","mime_type":"video/mp4","uri":"\#(video)"}]}"#, "1280x720", 8),
                ("upscale", #"{"model":"gemini-omni-1.1-flash","generation_config":{"video_config":{"task":"upscale"}},"input":[{"type":"text","text":"Sharper."},{"type":"video","mime_type":"video/mp4","uri":"\#(video)"}],"response_format":{"type":"video","resolution":"4k"}}"#, "3840x2160", 8),
            ]
            for item in cases {
                let response = try await emulator.createInteraction(item.body)
                #expect(response.status == .ok, "\(item.task): \(String(buffer: response.body))")
                let done = try response.json()
                #expect(done["status"] == "completed", "\(item.task)")
                #expect(done.outputVideoData.map { MP4Probe($0).isMP4 } == true, "\(item.task)")
                let id = try #require(done["id"]?.stringValue)
                let listed = try #require(try await emulator.listedInteraction(id))
                #expect(listed["task"] == .string(item.task))
                #expect(listed["frame"] == .string(item.frame), "\(item.task)")
                #expect(listed["durationSeconds"] == .number(item.seconds), "\(item.task)")
            }
        }
    }

    @Test("cancel turns an interaction in progress into cancelled; a finished one answers 400; delete answers {} and forgets it")
    func cancelAndDelete() async throws {
        try await Fixture.withEmulator { emulator in
            let created = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.cancelJob.utf8)), version: "v1")
            let id = try #require(created["id"]?.stringValue)
            let cancelled = try await emulator.interactionAction(id, cancel: true, version: "v1")
            #expect(cancelled.status == .ok)
            #expect(try cancelled.json()["status"] == "cancelled")
            emulator.clock.advance(by: 1000)
            #expect(try await emulator.getInteraction(id, version: "v1").json()["status"] == "cancelled", "stays cancelled")
            let again = try await emulator.interactionAction(id, cancel: true, version: "v1")
            #expect(again.status == .badRequest)
            #expect(again.errorStatus == "FAILED_PRECONDITION")
            #expect(again.errorMessage == "Interaction \(id) is already cancelled; only an interaction in progress can be cancelled.")
            let deleted = try await emulator.interactionAction(id, cancel: false, version: "v1")
            #expect(deleted.status == .ok)
            #expect(try deleted.json() == .object([]))
            let gone = try await emulator.getInteraction(id, version: "v1")
            #expect(gone.status == .notFound)
            #expect(gone.errorMessage == "Requested entity was not found.")
            #expect(try await emulator.interactionAction(id, cancel: false, version: "v1").status == .notFound)
        }
    }

    @Test("another key cannot read, cancel or continue an interaction")
    func ownership() async throws {
        try await Fixture.withEmulator { emulator in
            let created = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.cancelJob.utf8)))
            let id = try #require(created["id"]?.stringValue)
            #expect(try await emulator.getInteraction(id, key: "other-key").status == .notFound)
            #expect(try await emulator.interactionAction(id, cancel: true, key: "other-key").status == .notFound)
            let stolen = try await emulator.createInteraction(GoldenInteraction.multiTurnSecond(previous: id), key: "other-key")
            #expect(stolen.status == .notFound)
        }
    }

    @Test("a turn with previous_interaction_id edits the earlier video with just text; a wrong id is refused")
    func multiTurn() async throws {
        try await Fixture.withEmulator { emulator in
            let first = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.multiTurnFirst.utf8)))
            let firstID = try #require(first["id"]?.stringValue)
            let second = try await emulator.createInteraction(GoldenInteraction.multiTurnSecond(previous: firstID))
            #expect(second.status == .ok, "\(String(buffer: second.body))")
            let answer = try second.json()
            #expect(answer["previous_interaction_id"] == .string(firstID))
            #expect(answer["status"] == "completed")
            #expect(answer.outputVideoData.map { MP4Probe($0).isMP4 } == true)

            let wrong = try await emulator.createInteraction(GoldenInteraction.multiTurnSecond(previous: "v1_doesNotExist000000000000"))
            #expect(wrong.status == .notFound)
            #expect(wrong.errorMessage == "Interaction v1_doesNotExist000000000000 was not found: previous_interaction_id must name a stored interaction of this API key.")

            let running = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.cancelJob.utf8)))
            let runningID = try #require(running["id"]?.stringValue)
            let early = try await emulator.createInteraction(GoldenInteraction.multiTurnSecond(previous: runningID))
            #expect(early.status == .badRequest)
            #expect(early.errorMessage == "Interaction \(runningID) is in_progress; previous_interaction_id must name a completed interaction.")
        }
    }

    @Test("store false answers once and is not found afterwards; a stateless history carries the earlier video")
    func stateless() async throws {
        try await Fixture.withEmulator { emulator in
            let first = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.statelessFirst.utf8)))
            let id = try #require(first["id"]?.stringValue)
            #expect(try await emulator.getInteraction(id).status == .notFound)
            let video = try #require(first.outputVideo?["data"]?.stringValue)
            let second = try await emulator.createInteraction(GoldenInteraction.statelessSecond(video: video))
            #expect(second.status == .ok, "\(String(buffer: second.body))")
            let secondID = try #require(try second.json()["id"]?.stringValue)
            #expect(try await emulator.listedInteraction(secondID)?["task"] == "edit", "the history's video is the source")
        }
    }

    @Test("creates are in the request log, with the key redacted")
    func requestLog() async throws {
        try await Fixture.withEmulator { emulator in
            _ = try await emulator.createInteraction(GoldenInteraction.v1betaBackground)
            _ = try await emulator.createInteraction(GoldenInteraction.v1betaBackground, version: "v1")
            #expect(try await emulator.recordedCount("POST", "/v1beta/interactions") == 1)
            #expect(try await emulator.recordedCount("POST", "/v1/interactions") == 1)
            let log = String(buffer: try await emulator.control("requests").body)
            #expect(!log.contains(Fixture.key))
        }
    }

    @Test("with a seed, interaction ids repeat across runs")
    func determinism() async throws {
        let ids = try await (0..<2).asyncMap { _ in
            try await Fixture.withEmulator { emulator in
                try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.v1betaBackground.utf8)))["id"]?.stringValue
            }
        }
        #expect(ids[0] != nil && ids[0] == ids[1])
    }
}

extension Sequence {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
