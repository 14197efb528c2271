import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("openai-relay profile")
struct OpenAIRelayTests {
    static func submit(_ emulator: EmulatorClient, _ body: JSONValue) async throws -> String {
        let response = try await emulator.send(.post, "/v1/video/generations", json: body)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        let json = try response.json()
        #expect(json["object"] == "video")
        #expect(json["status"] == "queued")
        #expect(json["progress"] == 0)
        #expect(json["id"] == json["task_id"])
        return json["task_id"]?.stringValue ?? ""
    }

    static func poll(_ emulator: EmulatorClient, _ id: String) async throws -> JSONValue {
        let response = try await emulator.send(.get, "/v1/video/generations/\(id)")
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try response.json()
    }

    @Test("text to video walks queued → in_progress → succeeded and the content URL serves the MP4")
    func textToVideo() async throws {
        try await Fixture.withEmulator { emulator in
            let id = try await Self.submit(emulator, ["model": "veo-3.0-fast-generate-001", "prompt": "A cat playing piano"])
            #expect(id.hasPrefix("task_"))
            #expect(try await Self.poll(emulator, id)["data"]?["status"] == "queued")
            try await emulator.advanceLastOperation(to: 0.5)
            let running = try await Self.poll(emulator, id)
            #expect(running["data"]?["status"] == "in_progress")
            #expect(running["data"]?["url"] == "")
            try await emulator.advanceLastOperation(to: 1)
            let done = try await Self.poll(emulator, id)
            #expect(done["code"] == "success")
            #expect(done["data"]?["status"] == "succeeded")
            #expect(done["data"]?["format"] == "mp4")
            #expect(done["data"]?["error"] == .null)
            #expect(done["data"]?["bytes_base64_encoded"] == "")
            let url = try #require(done["data"]?["url"]?.stringValue)
            #expect(url == "http://localhost/v1/videos/\(id)/content")
            let video = try await emulator.send(.get, "/v1/videos/\(id)/content")
            #expect(video.status == .ok)
            #expect(video.headers[.contentType] == "video/mp4")
            #expect(GatewayFixture.isMP4(video))
            #expect(try await emulator.send(.get, "/v1/videos/\(id)/content", authorization: nil).status == .unauthorized)
        }
    }

    @Test("image to video and first+last frame take bare base64 images")
    func imageModes() async throws {
        try await Fixture.withEmulator { emulator in
            _ = try await Self.submit(emulator, ["model": "veo-3.0-fast-generate-001", "prompt": "p", "image": .string(Fixture.redPNG), "metadata": [:]])
            #expect(try await emulator.lastOperation()["mode"] == "image_to_video")
            let second = try await Self.submit(emulator, [
                "model": "veo-3.1-generate-preview", "prompt": "p", "image": .string(Fixture.redPNG),
                "metadata": ["lastFrame": .string(Fixture.bluePNG), "durationSeconds": 8, "aspectRatio": "9:16"],
            ])
            let operation = try await emulator.lastOperation(second)
            #expect(operation["mode"] == "first_last_frame")
            #expect(operation["aspectRatio"] == "9:16")
            let refused = try await emulator.send(.post, "/v1/video/generations", json: [
                "model": "veo-3.1-generate-preview", "prompt": "p", "metadata": ["durationSeconds": 5],
            ])
            #expect(refused.status == .badRequest)
            #expect(try refused.json()["error"]?["code"] == "invalid_value")
        }
    }

    @Test("a failed task keeps code success and puts the error text in data.url")
    func failureInURL() async throws {
        try await Fixture.withEmulator { emulator in
            let image: JSONValue = .string(Fixture.redPNG)
            let id = try await Self.submit(emulator, [
                "model": "veo-3.1-generate-preview", "prompt": "refs",
                "metadata": ["referenceImages": [["image": image, "referenceType": "asset"], ["image": image, "referenceType": "style"]]],
            ])
            try await emulator.advanceLastOperation(to: 1)
            let done = try await Self.poll(emulator, id)
            #expect(done["code"] == "success")
            #expect(done["data"]?["status"] == "failed")
            #expect(done["data"]?["error"] == .null)
            #expect(done["data"]?["url"] == "Reference to video does not support this mix of reference images.")
            #expect(try await emulator.send(.get, "/v1/videos/\(id)/content").status == .notFound)
        }
    }

    @Test("[[inline]] answers the whole MP4 in bytes_base64_encoded; [[status:completed]] says completed")
    func inlineAndCompleted() async throws {
        try await Fixture.withEmulator { emulator in
            let id = try await Self.submit(emulator, ["model": "veo-3.1-fast-generate-preview", "prompt": "cat [[inline]] [[status:completed]]"])
            try await emulator.advanceLastOperation(to: 1)
            let done = try await Self.poll(emulator, id)
            #expect(done["data"]?["status"] == "completed")
            #expect(done["data"]?["url"] == "")
            let bytes = try #require(Data(base64Encoded: done["data"]?["bytes_base64_encoded"]?.stringValue ?? ""))
            #expect(GatewayFixture.isMP4(bytes))
        }
    }

    @Test("unknown tasks, missing keys and rate limits answer in the relay's envelopes")
    func errors() async throws {
        try await Fixture.withEmulator(Fixture.options(rpm: 1)) { emulator in
            let unknown = try await emulator.send(.get, "/v1/video/generations/task_nope")
            #expect(unknown.status == .notFound)
            #expect(try unknown.json() == ["code": "task_not_exist", "data": .null, "message": "task_not_exist"])
            let anonymous = try await emulator.send(.post, "/v1/video/generations", json: ["model": "veo-3.1-generate-preview", "prompt": "p"], authorization: nil)
            #expect(anonymous.status == .unauthorized)
            let error = try anonymous.json()["error"]
            #expect(error?["code"] == "invalid_api_key")
            #expect(error?["type"] == "invalid_request_error")
            #expect(error?["message"]?.stringValue?.isEmpty == false)
            let body: JSONValue = ["model": "veo-3.1-generate-preview", "prompt": "p"]
            #expect(try await emulator.send(.post, "/v1/video/generations", json: body).status == .ok)
            let limited = try await emulator.send(.post, "/v1/video/generations", json: body)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try limited.json()["error"]?["code"] == "rate_limit_exceeded")
            #expect(try limited.json()["error"]?["type"] == "rate_limit_error")
            let model = try await emulator.send(.post, "/v1/video/generations", json: ["model": "veo-2.0-generate-001", "prompt": "p"])
            #expect(model.status == .serviceUnavailable)
            #expect(try model.json()["error"]?["code"] == "model_not_found")
        }
    }

    @Test("the content link expires with the retention")
    func contentExpiry() async throws {
        try await Fixture.withEmulator { emulator in
            let id = try await Self.submit(emulator, ["model": "veo-3.1-generate-preview", "prompt": "p"])
            try await emulator.advanceLastOperation(to: 1)
            #expect(try await emulator.send(.get, "/v1/videos/\(id)/content").status == .ok)
            emulator.clock.advance(by: 172_800 + 1)
            let expired = try await emulator.send(.get, "/v1/videos/\(id)/content")
            #expect(expired.status == .notFound)
            #expect(try expired.json()["error"]?["code"] == "video_expired")
        }
    }
}
