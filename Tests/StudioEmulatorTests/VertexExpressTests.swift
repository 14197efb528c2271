import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Vertex AI express mode")
struct VertexExpressTests {
    static let missingKey = "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."
    static let invalidKey = "API key not valid. Please pass a valid API key."
    static let responseType = "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse"

    static func expectInvalidKey(_ response: TestResponse) throws {
        #expect(response.status == .badRequest)
        #expect(response.errorStatus == "INVALID_ARGUMENT")
        #expect(response.errorMessage == invalidKey)
        #expect(try response.json()["error"]?["details"]?.arrayValue?.first?["reason"] == "API_KEY_INVALID")
    }

    @Test("an express submit runs to an inline MP4 polled with the key, on v1beta1 and v1", arguments: ["v1beta1", "v1"])
    func fullCycle(version: String) async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let submitted = try await vertex.expressSubmit(version: version)
            #expect(submitted.status == .ok, "express submit answered \(submitted.status): \(String(buffer: submitted.body))")
            let answer = try submitted.json()
            #expect(answer.keys == ["name"])
            let name = try #require(answer["name"]?.stringValue)
            let prefix = VertexClient.expressPrefix + Fixture.model + "/operations/"
            #expect(name.hasPrefix(prefix), "the express project number and location: \(name)")
            let id = String(name.dropFirst(prefix.count))
            #expect(UUID(uuidString: id) != nil && id == id.lowercased(), "a lower-case UUID: \(id)")

            let running = try await vertex.fetch(name, version: version, key: VertexClient.expressKey)
            #expect(running.status == .ok)
            #expect(try running.json() == .object(["name": .string(name)]), "no done key while running")

            emulator.clock.advance(by: 1)
            let finished = try await vertex.fetch(name, version: version, key: VertexClient.expressKey)
            #expect(finished.status == .ok)
            let done = try finished.json()
            #expect(done["done"] == true)
            #expect(done["name"] == .string(name))
            #expect(done["response"]?["@type"] == .string(Self.responseType))
            #expect(done.inlineVideos.count == 1)
            #expect(try #require(done.inlineVideos.first).isMP4)
        }
    }

    @Test("an express submit without a key answers the Gemini API's 403, even with a Bearer token", arguments: [false, true])
    func missingKey(withToken: Bool) async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.vertex.expressSubmit(key: nil, token: withToken ? VertexClient.token : nil)
            #expect(response.status == .forbidden)
            #expect(try response.json() == .object(["error": .object([
                "code": 403, "message": .string(Self.missingKey), "status": "PERMISSION_DENIED",
            ])]))
        }
    }

    @Test("with --api-key set, another key is refused on the express submit and on the fetch; the accepted key works")
    func wrongKey() async throws {
        try await Fixture.withEmulator(Fixture.options(apiKeys: ["good-key"])) { emulator in
            let vertex = emulator.vertex
            try Self.expectInvalidKey(try await vertex.expressSubmit(key: "bad-key"))
            let submitted = try await vertex.expressSubmit(key: "good-key")
            #expect(submitted.status == .ok)
            let name = try #require(try submitted.json()["name"]?.stringValue)
            try Self.expectInvalidKey(try await vertex.fetch(name, key: "bad-key"))
            #expect(try await vertex.fetch(name, key: "good-key").status == .ok)
        }
    }

    @Test("an express operation polled with a Bearer token finishes too")
    func bearerPoll() async throws {
        try await Fixture.withEmulator { emulator in
            let vertex = emulator.vertex
            let submitted = try await vertex.expressSubmit()
            let name = try #require(try submitted.json()["name"]?.stringValue)
            #expect(name.hasPrefix(VertexClient.expressPrefix))
            let done = try await vertex.finish(name)
            #expect(done["done"] == true)
            #expect(try #require(done.inlineVideos.first).isMP4)
        }
    }

    @Test("a submit under projects/ takes an API key instead of a Bearer token")
    func projectSubmitWithKey() async throws {
        try await Fixture.withEmulator { emulator in
            let body = VertexBody.instance(["prompt": "p"]).serialized()
            let response = try await emulator.vertex.submit(body, token: nil, extra: ["x-goog-api-key": "a-key"])
            #expect(response.status == .ok, "answered \(response.status): \(String(buffer: response.body))")
            let name = try #require(try response.json()["name"]?.stringValue)
            #expect(name.hasPrefix("projects/\(VertexClient.project)/locations/\(VertexClient.location)/"))
        }
    }

    @Test("Cloud Storage routes stay Bearer-only: an API key alone answers 401", arguments: [HTTPRequest.Method.get, .post])
    func storageNeedsBearer(method: HTTPRequest.Method) async throws {
        try await Fixture.withEmulator { emulator in
            let uri = method == .get ? "/storage/v1/b/bucket/o/a.png?alt=media" : "/upload/storage/v1/b/bucket/o?uploadType=media&name=a.png"
            let response = try await emulator.client.execute(
                uri: uri, method: method, headers: VertexClient.headers(token: nil, extra: ["x-goog-api-key": "a-key"]),
                body: method == .post ? ByteBuffer(bytes: [1, 2, 3]) : nil)
            try VertexAuthTests.expectUnauthenticated(response, VertexAuthTests.missing)
        }
    }

    @Test("the express submit answers a bad body exactly as the submit under projects/ does")
    func sameBodyRules() async throws {
        try await Fixture.withEmulator { emulator in
            let body = #"{"instances":[{"prompt":"p"}],"webhookConfig":{}}"#
            let express = try await emulator.vertex.expressSubmit(raw: body)
            let project = try await emulator.vertex.submit(body, model: Fixture.model)
            #expect(express.status == .badRequest)
            #expect(express.status == project.status)
            #expect(try express.json() == project.json())
        }
    }

    @Test("express submits count against the quota per key, with Vertex's quota answer")
    func quota() async throws {
        try await Fixture.withEmulator(Fixture.options(rpm: 1)) { emulator in
            let vertex = emulator.vertex
            #expect(try await vertex.expressSubmit(key: "key-a").status == .ok)
            let refused = try await vertex.expressSubmit(key: "key-a")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorStatus == "RESOURCE_EXHAUSTED")
            let message = try #require(refused.errorMessage)
            #expect(message.hasPrefix("Quota exceeded for aiplatform.googleapis.com/") && message.contains("with base model: \(Fixture.model)."))
            #expect(try await vertex.expressSubmit(key: "key-b").status == .ok, "another key has its own quota")
        }
    }

    @Test("a denied bucket names the service agent of the express project number")
    func deniedBucketServiceAgent() async throws {
        try await Fixture.withEmulator(Fixture.options { $0.deniedBuckets = ["locked-bucket"] }) { emulator in
            let vertex = emulator.vertex
            let body = VertexBody.instance(["prompt": "p"], parameters: .object(["storageUri": "gs://locked-bucket/out/"]))
            let name = try #require(try await vertex.expressSubmit(body).json()["name"]?.stringValue)
            emulator.clock.advance(by: 1)
            let done = try await vertex.fetch(name, key: VertexClient.expressKey).json()
            #expect(done["error"]?["code"] == 7)
            let message = try #require(done["error"]?["message"]?.stringValue)
            #expect(message.hasPrefix("service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com does not have"))
        }
    }
}

extension VertexClient {
    static let expressKey = "express-key"
    /// Where express operations live (recorded SDK exchange vertex/19).
    static let expressPrefix = "projects/123456789012/locations/us-central1/publishers/google/models/"

    /// `POST /{ver}/publishers/google/models/{model}:predictLongRunning` with `x-goog-api-key` (nil: none).
    func expressSubmit(
        raw body: String, model: String = Fixture.model, version: String = "v1beta1", key: String? = VertexClient.expressKey,
        token: String? = nil
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/\(version)/publishers/google/models/\(model):predictLongRunning", method: .post,
            headers: Self.headers(token: token, extra: key.map { ["x-goog-api-key": $0] } ?? [:]), body: ByteBuffer(string: body))
    }

    /// `expressSubmit(raw:)` with a JSON body (a text prompt unless told).
    func expressSubmit(
        _ body: JSONValue = VertexBody.instance(["prompt": "express"]), version: String = "v1beta1",
        key: String? = VertexClient.expressKey, token: String? = nil
    ) async throws -> TestResponse {
        try await expressSubmit(raw: body.serialized(), version: version, key: key, token: token)
    }

    /// `:fetchPredictOperation` with `x-goog-api-key` and no Bearer token.
    func fetch(_ name: String, version: String = "v1beta1", key: String) async throws -> TestResponse {
        try await fetch(name, version: version, token: nil, extra: ["x-goog-api-key": key])
    }
}
