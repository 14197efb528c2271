import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("maas-vertex profile")
struct MaaSVertexTests {
    static let endpoint = "MaaS_Veo_3.1_generate_preview"

    static func generate(_ emulator: EmulatorClient, _ body: JSONValue, endpoint: String = endpoint) async throws -> TestResponse {
        try await emulator.send(.post, "/v1/ai/\(endpoint)/veo/videos/generate", json: body)
    }

    static func task(_ emulator: EmulatorClient, _ name: String, endpoint: String = endpoint) async throws -> JSONValue {
        let response = try await emulator.send(.post, "/v1/ai/\(endpoint)/veo/videos/task", json: ["operationName": .string(name)])
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try response.json()
    }

    static func body(_ instance: JSONValue, _ parameters: JSONValue = ["durationSeconds": 8, "generateAudio": true]) -> JSONValue {
        ["instances": [instance], "parameters": parameters]
    }

    static func start(_ emulator: EmulatorClient, _ body: JSONValue, endpoint: String = endpoint) async throws -> String {
        let response = try await generate(emulator, body, endpoint: endpoint)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try response.json()["name"]?.stringValue ?? ""
    }

    @Test("text and image to video: name → done:false → done with inline videos")
    func inlineVideos() async throws {
        try await Fixture.withEmulator { emulator in
            let name = try await Self.start(emulator, Self.body(["prompt": "a cat"]))
            #expect(UUID(uuidString: name) != nil)
            #expect(try await Self.task(emulator, name) == ["done": false, "name": .string(name)])
            try await emulator.advanceLastOperation(to: 1)
            let done = try await Self.task(emulator, name)
            #expect(done["done"] == true)
            #expect(done["data"] == nil)
            #expect(done["response"]?["@type"] == "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse")
            #expect(done["response"]?["raiMediaFilteredCount"] == 0)
            let video = try #require(done["response"]?["videos"]?.arrayValue?.first)
            #expect(video["mimeType"] == "video/mp4")
            #expect(GatewayFixture.isMP4(Data(base64Encoded: video["bytesBase64Encoded"]?.stringValue ?? "") ?? Data()))

            let image: JSONValue = ["bytesBase64Encoded": .string(Fixture.redPNG), "mimeType": "image/png"]
            let second = try await Self.start(emulator, Self.body(["prompt": "", "image": image]), endpoint: "MaaS_Veo_3_generate_preview")
            #expect(try await emulator.lastOperation(second)["mode"] == "image_to_video")
            try await emulator.advanceLastOperation(second, to: 1)
            let other = try await Self.task(emulator, second, endpoint: "MaaS_Veo_3_generate_preview")
            #expect(other["response"]?["videos"]?.arrayValue?.count == 1)
        }
    }

    @Test("storageUri returns gcsUri videos")
    func storedVideos() async throws {
        try await Fixture.withEmulator { emulator in
            let name = try await Self.start(emulator, Self.body(["prompt": "p"], ["durationSeconds": 8, "storageUri": "gs://bucket/out"]))
            try await emulator.advanceLastOperation(to: 1)
            let video = try #require(try await Self.task(emulator, name)["response"]?["videos"]?.arrayValue?.first)
            #expect(video["gcsUri"]?.stringValue?.hasPrefix("gs://bucket/out") == true)
            #expect(video["bytesBase64Encoded"] == nil)
        }
    }

    @Test("validation fails at poll time with code 3, wrapped in data",
          arguments: [
            (["durationSeconds": 5] as JSONValue, "Unsupported output video duration 5 seconds, supported durations are [8,4,6] for feature text_to_video."),
            (["durationSeconds": 8, "sampleCount": 6] as JSONValue, "Invalid sample count 6. The sample count should be in the range of [1, 4]."),
            (["durationSeconds": 8, "storageUri": "s3://bucket"] as JSONValue, "Unsupported output storage uri"),
          ])
    func pollTimeErrors(parameters: JSONValue, message: String) async throws {
        try await Fixture.withEmulator { emulator in
            let name = try await Self.start(emulator, Self.body(["prompt": "p"], parameters))
            #expect(try await Self.task(emulator, name)["done"] == false)
            try await emulator.advanceLastOperation(to: 1)
            let done = try await Self.task(emulator, name)
            #expect(done == ["data": ["done": true, "error": ["code": 3, "message": .string(message)], "name": .string(name)]])
        }
    }

    @Test("creation-phase errors embed Google's error as JSON text, as the seed prints it")
    func creationErrors() async throws {
        try await Fixture.withEmulator { emulator in
            let quality = try await Self.generate(emulator, Self.body(["prompt": "p"], ["durationSeconds": 8, "compressionQuality": "notvalid"]))
            #expect(quality.status == .badRequest)
            #expect(try quality.json() == ["error": [
                "code": "400",
                "message": "{\n  \"error\": {\n    \"code\": 400,\n    \"message\": \"Invalid compression quality type: notvalid\",\n    \"status\": \"INVALID_ARGUMENT\"\n  }\n}\n",
            ]])
            let audio = try await Self.generate(emulator, Self.body(["prompt": "p"], ["durationSeconds": 8]), endpoint: "MaaS_Veo_3_generate_preview")
            #expect(audio.status == .badRequest)
            #expect(try audio.json()["error"]?["message"]?.stringValue?.contains("generateAudio is required for MaaS_Veo_3_generate_preview.") == true)
            let style = try await Self.generate(emulator, Self.body([
                "prompt": "p", "referenceImages": [["image": ["bytesBase64Encoded": .string(Fixture.redPNG), "mimeType": "image/png"], "referenceType": "style"]],
            ]))
            #expect(try style.json()["error"]?["message"]?.stringValue?.contains("The Veo 3.1 model does not support referenceImages.style.") == true)
            let mime = try await Self.generate(emulator, Self.body(["prompt": "p", "image": ["bytesBase64Encoded": .string(Fixture.redPNG)]]))
            #expect(try mime.json()["error"]?["message"]?.stringValue?.contains("mimeType is required at 'instances[0].image'.") == true)
        }
    }

    @Test("401 and 429 answer the seed's texts; [[rai]] answers the filtered response unwrapped")
    func authQuotaAndSafety() async throws {
        try await Fixture.withEmulator(Fixture.options(rpm: 1)) { emulator in
            let anonymous = try await emulator.send(.post, "/v1/ai/\(Self.endpoint)/veo/videos/generate", json: Self.body(["prompt": "p"]), authorization: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.json() == ["error": ["code": "401", "message": "You are not authorized to access this resource."]])
            let name = try await Self.start(emulator, Self.body(["prompt": "p [[rai:children]]"]))
            let limited = try await Self.generate(emulator, Self.body(["prompt": "p"]))
            #expect(limited.status == .tooManyRequests)
            #expect(try limited.json() == ["error": [
                "code": "429",
                "message": "The request frequency exceeds the upper limit set by the Client. Please contact customer service staff for adjustment.",
            ]])
            try await emulator.advanceLastOperation(to: 1)
            let done = try await Self.task(emulator, name)
            #expect(done["data"] == nil)
            #expect(done["response"]?["raiMediaFilteredCount"] == 1)
            #expect(done["response"]?["videos"] == nil)
            let reason = try #require(done["response"]?["raiMediaFilteredReasons"]?.arrayValue?.first?.stringValue)
            #expect(reason.hasSuffix("Support codes: 58061214"))
        }
    }

    @Test("a 500 fault answers Internal Server Error in the gateway's envelope")
    func fault() async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "500@submit:1x"))) { emulator in
            let failed = try await Self.generate(emulator, Self.body(["prompt": "p"]))
            #expect(failed.status == .internalServerError)
            #expect(try failed.json() == ["error": ["code": "500", "message": "Internal Server Error"]])
        }
    }
}
