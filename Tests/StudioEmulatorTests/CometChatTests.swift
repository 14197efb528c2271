import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("comet-chat profile")
struct CometChatTests {
    static func body(_ prompt: String, stream: Bool = false, model: String = "veo3.1", google: JSONValue? = nil) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember(key: "model", value: .string(model)),
            JSONMember(key: "stream", value: .bool(stream)),
            JSONMember(key: "messages", value: [["role": "user", "content": .string(prompt)]]),
        ]
        if let google { members.append(JSONMember(key: "extra_body", value: ["google": google])) }
        return .object(members)
    }

    /// Sends a chat request that waits for its generation, lets the clock pass the latency, and returns the answer.
    static func complete(
        _ emulator: EmulatorClient, _ body: JSONValue, authorization: String? = "Bearer \(EmulatorClient.gatewayKey)"
    ) async throws -> TestResponse {
        let before = try await emulator.control("operations").json().arrayValue?.count ?? 0
        let answer = Task { try await emulator.send(.post, "/v1/chat/completions", json: body, authorization: authorization) }
        try await emulator.waitForOperations(before + 1)
        emulator.clock.advance(by: 1)
        return try await answer.value
    }

    /// The URL path of the download link in a text.
    static func linkPath(_ text: String) -> String? {
        guard let range = text.range(of: "[⏬ Download video](http://localhost") else { return nil }
        let rest = text[range.upperBound...]
        return rest.firstIndex(of: ")").map { String(rest[..<$0]) }
    }

    @Test("a non-streamed answer arrives after the latency with the video links")
    func nonStreamed() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await Self.complete(emulator, Self.body("A kitten on a cloud"))
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let json = try response.json()
            #expect(json["object"] == "chat.completion")
            #expect(json["id"]?.stringValue?.hasPrefix("chatcmpl-") == true)
            #expect(json["choices"]?.arrayValue?.first?["finish_reason"] == "stop")
            let content = try #require(json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue)
            #expect(content.hasPrefix("Task submitted… id: "))
            #expect(content.contains("[▶️ Watch video](http://localhost/comet/videos/"))
            let path = try #require(Self.linkPath(content))
            #expect(path.hasSuffix(".mp4"))
            let video = try await emulator.send(.get, path, authorization: nil)
            #expect(video.status == .ok)
            #expect(GatewayFixture.isMP4(video))
        }
    }

    @Test("references by URL: uploads on the emulator are used, missing ones refused")
    func references() async throws {
        try await Fixture.withEmulator { emulator in
            let url = try await emulator.upload("cat.png", GatewayFixture.png)
            let google: JSONValue = [
                "referenceImages": [["image": ["uri": .string(url)], "referenceType": "asset"]],
                "config": ["durationSeconds": 8, "aspectRatio": "16:9"],
            ]
            let response = try await Self.complete(emulator, Self.body("refs", google: google))
            #expect(response.status == .ok)
            #expect(try await emulator.lastOperation()["mode"] == "reference_to_video")
            let missing: JSONValue = ["image": ["uri": "http://localhost/_emulator/uploads/gone.png"]]
            let refused = try await emulator.send(.post, "/v1/chat/completions", json: Self.body("p", google: missing))
            #expect(refused.status == .badRequest)
            let error = try refused.json()["error"]
            #expect(error?["code"] == "invalid_image_url")
            #expect(error?["param"] == .null)
            #expect(error?["type"] == "invalid_request_error")
        }
    }

    @Test("scene extension (seeds/002 §3): google.video.uri names a video the gateway made; any other link is refused")
    func extensionByLink() async throws {
        try await Fixture.withEmulator { emulator in
            let first = try await Self.complete(emulator, Self.body("A kite over a beach"))
            let content = try #require(try first.json()["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue)
            let link = "http://localhost" + (try #require(Self.linkPath(content)))
            let google: JSONValue = ["video": ["uri": .string(link)], "config": ["durationSeconds": 7, "resolution": "720p"]]
            let extended = try await Self.complete(emulator, Self.body("The kite climbs", google: google))
            #expect(extended.status == .ok, "\(String(buffer: extended.body))")
            let operation = try await emulator.lastOperation()
            #expect(operation["mode"] == "video_extension", "\(operation)")
            #expect(operation["durationSeconds"] == 15, "the extension is the 8 s video and 7 s more: \(operation)")

            let unknown: JSONValue = ["video": ["uri": "http://localhost/comet/videos/nosuchtask.mp4"]]
            let refused = try await emulator.send(.post, "/v1/chat/completions", json: Self.body("more", google: unknown))
            #expect(refused.status == .badRequest, "\(String(buffer: refused.body))")
            let noURI: JSONValue = ["video": ["url": ""]]
            let malformed = try await emulator.send(.post, "/v1/chat/completions", json: Self.body("more", google: noURI))
            #expect(malformed.status == .badRequest)
        }
    }

    @Test("a refusal is the final text, without a link")
    func refusal() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await Self.complete(emulator, Self.body("p [[rai:violence]]"))
            let content = try #require(try response.json()["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue)
            #expect(content.contains("❌ Generation failed: The video could not be generated because it may contain violence."))
            #expect(Self.linkPath(content) == nil)
        }
    }

    @Test("a stream is well-formed SSE: submitted, progress, the link, a stop chunk and [DONE]")
    func stream() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await Self.complete(emulator, Self.body("stream me", stream: true))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let text = String(buffer: response.body)
            #expect(text.hasSuffix("data: [DONE]\n\n"))
            let events = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.allSatisfy { $0.hasPrefix("data: ") && !$0.contains("\n") })
            let chunks = try events.dropLast().map { try JSONValue(parsing: Data($0.dropFirst(6).utf8)) }
            #expect(chunks.count >= 5)
            #expect(chunks.allSatisfy { $0["object"] == "chat.completion.chunk" })
            #expect(Set(chunks.compactMap { $0["id"]?.stringValue }).count == 1)
            let deltas = chunks.map { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? "" }
            #expect(deltas.first?.hasPrefix("Task submitted… id: ") == true)
            #expect(deltas.contains("> 🏃 Progress: 100%\n"))
            #expect(deltas.contains { $0.hasPrefix("> 🏃 Progress: ") && $0 != "> 🏃 Progress: 100%\n" })
            #expect(Self.linkPath(deltas.joined()) != nil)
            #expect(chunks.last?["choices"]?.arrayValue?.first?["finish_reason"] == "stop")
        }
    }

    @Test("[[cut]] closes the stream after the first progress line, before any link")
    func cut() async throws {
        try await Fixture.withEmulator(mode: .live) { emulator in
            let headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer k"]
            let body = Self.body("cut me [[cut]]", stream: true).serialized()
            let response = try? await emulator.client.execute(
                uri: "/v1/chat/completions", method: .post, headers: headers, body: ByteBuffer(string: body))
            let text = response.map { String(buffer: $0.body) } ?? ""
            #expect(!text.contains("[DONE]"))
            #expect(!text.contains("Download video"))
        }
    }

    @Test("the key may come bare; none answers 401; a second request in the minute answers 429")
    func authAndQuota() async throws {
        try await Fixture.withEmulator(Fixture.options(rpm: 1)) { emulator in
            let anonymous = try await emulator.send(.post, "/v1/chat/completions", json: Self.body("p"), authorization: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.json()["error"]?["code"] == "invalid_api_key")
            let bare = try await Self.complete(emulator, Self.body("p"), authorization: EmulatorClient.gatewayKey)
            #expect(bare.status == .ok)
            let limited = try await emulator.send(.post, "/v1/chat/completions", json: Self.body("p"))
            #expect(limited.status == .tooManyRequests)
            #expect(try limited.json()["error"]?["type"] == "rate_limit_error")
        }
    }
}
