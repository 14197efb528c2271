import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("openai-relay: OpenAI Videos API")
struct OpenAIVideosAPITests {
    static let boundary = "----veo-test-boundary"

    /// A form as the `openai` package (httpx) encodes it: text fields, then an optional file.
    static func form(_ fields: [(String, String)], file: Data? = nil) -> Data {
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"input_reference\"; filename=\"first.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
            body += file + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return body
    }

    static func create(_ emulator: EmulatorClient, _ form: Data) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.authorization] = "Bearer \(EmulatorClient.gatewayKey)"
        return try await emulator.client.execute(uri: "/v1/videos", method: .post, headers: headers, body: ByteBuffer(bytes: form))
    }

    @Test("multipart create with input_reference → retrieve until completed → download_content")
    func createRetrieveDownload() async throws {
        try await Fixture.withEmulator { emulator in
            let created = try await Self.create(emulator, Self.form(
                [("prompt", "A cat"), ("model", "veo-3.1-fast-generate-preview"), ("seconds", "6"), ("size", "720x1280")],
                file: GatewayFixture.png))
            #expect(created.status == .ok, "\(String(buffer: created.body))")
            let video = try created.json()
            #expect(video["object"] == "video")
            #expect(video["status"] == "queued")
            #expect(video["seconds"] == "6")
            #expect(video["size"] == "720x1280")
            #expect(video["completed_at"] == .null)
            let id = try #require(video["id"]?.stringValue)
            #expect(try await emulator.lastOperation()["mode"] == "image_to_video")
            try await emulator.advanceLastOperation(to: 0.5)
            let running = try await emulator.send(.get, "/v1/videos/\(id)").json()
            #expect(running["status"] == "in_progress")
            let progress = try #require(running["progress"]?.integerValue)
            #expect((1...99).contains(progress))
            try await emulator.advanceLastOperation(to: 1)
            let done = try await emulator.send(.get, "/v1/videos/\(id)").json()
            #expect(done["status"] == "completed")
            #expect(done["progress"] == 100)
            #expect(done["completed_at"]?.integerValue != nil)
            #expect(done["expires_at"]?.integerValue != nil)
            #expect(done["error"] == .null)
            let content = try await emulator.send(.get, "/v1/videos/\(id)/content?variant=video")
            #expect(content.status == .ok)
            #expect(GatewayFixture.isMP4(content))
            let thumbnail = try await emulator.send(.get, "/v1/videos/\(id)/content?variant=thumbnail")
            #expect(thumbnail.status == .badRequest)
            #expect(try thumbnail.json()["error"]?["code"] == "invalid_value")
            // Both route families share the task store.
            let legacy = try await emulator.send(.get, "/v1/video/generations/\(id)").json()
            #expect(legacy["data"]?["status"] == "succeeded")
        }
    }

    @Test("a JSON create works too; unsupported seconds and sizes answer 400")
    func jsonAndValidation() async throws {
        try await Fixture.withEmulator { emulator in
            let created = try await emulator.send(.post, "/v1/videos", json: ["model": "veo-3.1-generate-preview", "prompt": "p", "seconds": "8"])
            #expect(created.status == .ok)
            #expect(try created.json()["size"] == "1280x720")
            let seconds = try await Self.create(emulator, Self.form([("prompt", "p"), ("model", "veo-3.1-generate-preview"), ("seconds", "12")]))
            #expect(seconds.status == .badRequest)
            #expect(try seconds.json()["error"]?["message"]?.stringValue?.contains("'12'") == true)
            let size = try await Self.create(emulator, Self.form([("prompt", "p"), ("model", "veo-3.1-generate-preview"), ("size", "1792x1024")]))
            #expect(size.status == .badRequest)
            let missing = try await Self.create(emulator, Self.form([("prompt", "p")]))
            #expect(try missing.json()["error"]?["code"] == "missing_required_parameter")
        }
    }

    @Test("a filtered generation is failed with an error object; unknown ids answer 404")
    func failed() async throws {
        try await Fixture.withEmulator { emulator in
            let created = try await Self.create(emulator, Self.form([("prompt", "p [[rai]]"), ("model", "veo-3.1-generate-preview")]))
            let id = try #require(try created.json()["id"]?.stringValue)
            try await emulator.advanceLastOperation(to: 1)
            let done = try await emulator.send(.get, "/v1/videos/\(id)").json()
            #expect(done["status"] == "failed")
            #expect(done["error"]?["code"] == "moderation_blocked")
            #expect(done["error"]?["message"]?.stringValue?.contains("Support codes: ") == true)
            let unknown = try await emulator.send(.get, "/v1/videos/video_nope")
            #expect(unknown.status == .notFound)
            #expect(try unknown.json()["error"]?["code"] == "task_not_exist")
        }
    }
}
