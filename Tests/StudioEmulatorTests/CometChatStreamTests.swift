import Foundation
import Hummingbird
import Testing

@testable import StudioEmulator

@Suite("comet-chat stream body")
struct CometChatStreamTests {
    /// Collects what a response body writes.
    final class Sink: @unchecked Sendable {
        var text = ""
        var finished = false
    }

    struct CollectingWriter: ResponseBodyWriter {
        let sink: Sink
        mutating func write(_ buffer: ByteBuffer) async throws { sink.text += String(buffer: buffer) }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws { sink.finished = true }
    }

    @Test("[[cut]] writes the submitted line and one progress line, then fails the body before the link")
    func cut() async throws {
        let engine = try EmulatorEngine(options: Fixture.options(), clock: ManualEmulatorClock(), logger: Fixture.logger)
        let record = try await engine.submit(
            profile: .cometChat, apiVersion: "v1", modelID: "veo3.1", apiKey: "k", body: Body.text("cut [[cut]]").serializedData())
        let response = CometChatRoutes.stream(record, engine: engine, base: "http://localhost")
        let sink = Sink()
        await #expect(throws: CometChatRoutes.StreamCut.self) {
            try await response.body.write(CollectingWriter(sink: sink))
        }
        #expect(sink.text == CometChatWire.chunk(record, content: CometChatWire.submittedLine(record))
            + CometChatWire.chunk(record, content: "> 🏃 Progress: 0%\n"))
        #expect(!sink.finished)
        await engine.shutdown()
    }

    @Test("without [[cut]] a finished generation streams to the link and [DONE]")
    func full() async throws {
        let clock = ManualEmulatorClock()
        let engine = try EmulatorEngine(options: Fixture.options(), clock: clock, logger: Fixture.logger)
        let record = try await engine.submit(
            profile: .cometChat, apiVersion: "v1", modelID: "veo3.1", apiKey: "k", body: Body.text("full").serializedData())
        clock.advance(by: 1)
        let sink = Sink()
        try await CometChatRoutes.stream(record, engine: engine, base: "http://localhost").body.write(CollectingWriter(sink: sink))
        #expect(sink.finished)
        #expect(sink.text.contains("http://localhost/comet/videos/\(record.id).mp4"))
        #expect(sink.text.hasSuffix(CometChatWire.done))
        await engine.shutdown()
    }
}
