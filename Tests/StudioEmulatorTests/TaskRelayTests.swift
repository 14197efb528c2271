import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("task-relay profile")
struct TaskRelayTests {
    static func create(_ emulator: EmulatorClient, _ body: JSONValue) async throws -> TestResponse {
        try await emulator.send(.post, "/v1/videos/generations", json: body)
    }

    static func body(_ urls: [String], model: String = "veo-3.1-reference-to-video", prompt: String = "A woman walking") -> JSONValue {
        ["model": .string(model), "prompt": .string(prompt), "reference_image_urls": .array(urls.map { .string($0) })]
    }

    @Test("create → pending → processing with rising progress → completed with a link valid 24 h")
    func lifecycle() async throws {
        try await Fixture.withEmulator { emulator in
            let url = try await emulator.upload("ref1.png", GatewayFixture.png)
            #expect(url == "http://localhost/_emulator/uploads/ref1.png")
            let created = try await Self.create(emulator, Self.body([url, "https://example.com/ref2.jpg"]))
            #expect(created.status == .ok, "\(String(buffer: created.body))")
            let task = try created.json()
            let id = try #require(task["id"]?.stringValue)
            #expect(id.hasPrefix("task-unified-"))
            #expect(task["object"] == "video.generation.task")
            #expect(task["status"] == "pending")
            #expect(task["progress"] == 0)
            #expect(task["type"] == "video")
            #expect(task["task_info"]?["video_duration"] == 8)
            #expect(try await emulator.lastOperation()["mode"] == "reference_to_video")

            try await emulator.advanceLastOperation(to: 0.3)
            let early = try await emulator.send(.get, "/v1/tasks/\(id)").json()
            try await emulator.advanceLastOperation(to: 0.8)
            let later = try await emulator.send(.get, "/v1/tasks/\(id)").json()
            #expect(early["status"] == "processing")
            #expect(later["status"] == "processing")
            let first = try #require(early["progress"]?.integerValue)
            let second = try #require(later["progress"]?.integerValue)
            #expect((1...99).contains(first) && (1...99).contains(second) && first < second)

            try await emulator.advanceLastOperation(to: 1)
            let done = try await emulator.send(.get, "/v1/tasks/\(id)").json()
            #expect(done["status"] == "completed")
            #expect(done["progress"] == 100)
            let link = try #require(done["results"]?.arrayValue?.first?.stringValue)
            #expect(link == "http://localhost/task-relay/files/\(id).mp4")
            let path = String(link.dropFirst("http://localhost".count))
            let video = try await emulator.send(.get, path, authorization: nil)
            #expect(video.status == .ok)
            #expect(GatewayFixture.isMP4(video))
            emulator.clock.advance(by: 86_400 - 1)
            #expect(try await emulator.send(.get, path).status == .ok)
            emulator.clock.advance(by: 2)
            let expired = try await emulator.send(.get, path)
            #expect(expired.status == .notFound)
            #expect(try expired.json()["error"]?["message"] == "File not found or expired")
        }
    }

    @Test("safety filtering and operation errors end the task failed with an error object")
    func failures() async throws {
        try await Fixture.withEmulator { emulator in
            let rai = try await Self.create(emulator, Self.body(["https://example.com/a.png"], prompt: "p [[rai]]")).json()
            let broken = try await Self.create(emulator, Self.body(["https://example.com/a.png"], prompt: "p [[op_error]]")).json()
            emulator.clock.advance(by: 1)
            let filtered = try await emulator.send(.get, "/v1/tasks/\(rai["id"]?.stringValue ?? "")").json()
            #expect(filtered["status"] == "failed")
            #expect(filtered["results"] == nil)
            #expect(filtered["error"]?["code"] == "content_policy_violation")
            #expect(filtered["error"]?["message"]?.stringValue?.contains("Support codes: ") == true)
            let failed = try await emulator.send(.get, "/v1/tasks/\(broken["id"]?.stringValue ?? "")").json()
            #expect(failed["status"] == "failed")
            #expect(failed["error"] == ["code": "generation_failed", "message": "Internal error encountered."])
        }
    }

    @Test("refusals use the relay's envelope and the seed's wording",
          arguments: [
            ("no references", TaskRelayTests.body([]), 400, "Provide 1-3 reference images via reference_image_urls"),
            ("four references", TaskRelayTests.body(Array(repeating: "https://example.com/a.png", count: 4)), 400,
             "Provide 1-3 reference images via reference_image_urls"),
            ("6 seconds", ["model": "veo-3.1-reference-to-video", "prompt": "p", "reference_image_urls": ["https://example.com/a.png"], "duration": 6],
             400, "Reference-to-video is fixed at 8 seconds"),
            ("enhance on fast", ["model": "veo-3.1-fast-reference-to-video", "prompt": "p", "reference_image_urls": ["https://example.com/a.png"], "enhance_prompt": true],
             400, "enhance_prompt: Only available for veo-3.1-reference-to-video - Not applicable for veo-3.1-fast-reference-to-video"),
            ("ftp URL", TaskRelayTests.body(["ftp://example.com/a.png"]), 400, "Invalid reference image URL: ftp://example.com/a.png (only http and https URLs are accepted)"),
            ("missing upload", TaskRelayTests.body(["http://localhost/_emulator/uploads/none.png"]), 400,
             "Invalid reference image URL: http://localhost/_emulator/uploads/none.png (404 Not Found)"),
          ] as [(String, JSONValue, Int, String)])
    func refusals(name: String, body: JSONValue, status: Int, message: String) async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await Self.create(emulator, body)
            #expect(Int(response.status.code) == status, "\(name)")
            let error = try response.json()["error"]
            #expect(error?["code"] == .int(status))
            #expect(error?["type"] == "invalid_request_error")
            #expect(error?["message"] == .string(message))
        }
    }

    @Test("an upload that is not an image is refused; STYLE is taken on the standard model")
    func uploads() async throws {
        try await Fixture.withEmulator { emulator in
            let text = try await emulator.upload("notes.txt", Data("hello".utf8))
            let refused = try await Self.create(emulator, Self.body([text]))
            #expect(refused.status == .badRequest)
            #expect(try refused.json()["error"]?["message"]?.stringValue?.contains("not a PNG, JPEG, WebP or GIF") == true)
            let served = try await emulator.client.execute(uri: "/_emulator/uploads/notes.txt", method: .get)
            #expect(String(buffer: served.body) == "hello")
            var style = Self.body(["https://example.com/a.png"])
            if case .object(var members) = style {
                members.append(JSONMember(key: "reference_type", value: "STYLE"))
                style = .object(members)
            }
            #expect(try await Self.create(emulator, style).status == .ok)
            #expect(try await emulator.lastOperation()["referenceTypes"] == ["style"])
        }
    }

    @Test("401, 404 and 429 answer the relay's envelope")
    func errors() async throws {
        try await Fixture.withEmulator(Fixture.options(rpm: 1)) { emulator in
            let anonymous = try await emulator.send(.post, "/v1/videos/generations", json: Self.body(["https://example.com/a.png"]), authorization: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.json() == ["error": ["code": 401, "message": "Invalid or expired token", "param": .null, "type": "authentication_error"]])
            let missing = try await emulator.send(.get, "/v1/tasks/task-unified-1-nope")
            #expect(missing.status == .notFound)
            #expect(try missing.json()["error"]?["message"] == "Task not found or expired")
            #expect(try await Self.create(emulator, Self.body(["https://example.com/a.png"])).status == .ok)
            let limited = try await Self.create(emulator, Self.body(["https://example.com/a.png"]))
            #expect(limited.status == .tooManyRequests)
            #expect(try limited.json()["error"]?["type"] == "rate_limit_error")
            #expect(try limited.json()["error"]?["message"] == "Rate limit exceeded")
        }
    }
}
