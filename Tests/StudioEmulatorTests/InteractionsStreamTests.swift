import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Interactions profile: Server-Sent Events")
struct InteractionsStreamTests {
    /// The `data:` objects of an event stream, checked against their `event:` lines.
    static func events(_ response: TestResponse) throws -> [JSONValue] {
        try String(buffer: response.body).components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { chunk in
            let lines = chunk.components(separatedBy: "\n")
            let type = lines.first { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            let data = try #require(lines.first { $0.hasPrefix("data: ") }).dropFirst(6)
            let event = try JSONValue(parsing: Data(data.utf8))
            #expect(event["event_type"]?.stringValue == type)
            return event
        }
    }

    @Test("stream: true sends created, status_update, the video as a step delta, and completed, each with an event_id")
    func streamed() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.createInteraction(#"{"model":"gemini-omni-1.1-flash","input":"A kite in the wind.","stream":true}"#)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let events = try Self.events(response)
            #expect(events.map { $0["event_type"]?.stringValue ?? "" } == [
                "interaction.created", "interaction.status_update", "step.start", "step.delta", "step.stop", "interaction.completed",
            ])
            #expect(events.map { $0["event_id"]?.stringValue ?? "" } == ["e1", "e2", "e3", "e4", "e5", "e6"])
            #expect(events[0]["interaction"]?["status"] == "in_progress")
            let data = try #require(events[3]["delta"]?["data"]?.stringValue.flatMap { Data(base64Encoded: $0) })
            #expect(MP4Probe(data).isMP4)
            #expect(events[5]["interaction"]?["status"] == "completed")
            #expect(events[5]["interaction"]?["usage"]?["total_output_tokens"] == .int(8 * 5792))
        }
    }

    @Test("GET with stream=true resumes after last_event_id; a failure streams an error event")
    func resumeAndFailure() async throws {
        try await Fixture.withEmulator { emulator in
            let created = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.cancelJob.utf8)))
            let id = try #require(created["id"]?.stringValue)
            let resumed = try Self.events(try await emulator.getInteraction(id, query: "stream=true&last_event_id=e2"))
            #expect(resumed.first?["event_id"] == "e3")
            #expect(resumed.last?["event_type"] == "interaction.completed")

            let failed = try Self.events(try await emulator.createInteraction(
                #"{"model":"gemini-omni-1.1-flash","input":"x [[op_error]]","stream":true}"#))
            #expect(failed.map { $0["event_type"]?.stringValue ?? "" } == [
                "interaction.created", "interaction.status_update", "error", "interaction.completed",
            ])
            #expect(failed[2]["error"]?["code"] == "INTERNAL")
            #expect(failed[3]["interaction"]?["status"] == "failed")
        }
    }
}
