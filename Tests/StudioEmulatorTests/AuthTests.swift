import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("API key authentication")
struct AuthTests {
    @Test("a missing key answers 403 PERMISSION_DENIED with Google's text", arguments: ["submit", "poll", "download"])
    func missingKey(route: String) async throws {
        try await Fixture.withEmulator { emulator in
            let response: TestResponse
            switch route {
            case "submit": response = try await emulator.submit(Body.text().serialized(), key: nil)
            case "poll": response = try await emulator.get("/v1beta/models/\(Fixture.model)/operations/abc", key: nil)
            default: response = try await emulator.get("/v1beta/files/abc:download?alt=media", key: nil)
            }
            #expect(response.status == .forbidden)
            #expect(try response.json() == .object(["error": .object([
                "code": 403,
                "message": "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
                "status": "PERMISSION_DENIED",
            ])]))
        }
    }

    @Test("a key outside --api-key answers 400 API key not valid")
    func invalidKey() async throws {
        try await Fixture.withEmulator(Fixture.options(apiKeys: ["good"])) { emulator in
            let response = try await emulator.submit(Body.text().serialized(), key: "bad")
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == "API key not valid. Please pass a valid API key.")
            #expect(response.errorStatus == "INVALID_ARGUMENT")
            #expect(try await emulator.submit(Body.text().serialized(), key: "good").status == .ok)
        }
    }

    @Test("the key may come as ?key= as in Google's REST examples")
    func queryKey() async throws {
        try await Fixture.withEmulator(Fixture.options(apiKeys: ["good"])) { emulator in
            let response = try await emulator.client.execute(
                uri: "/v1beta/models/\(Fixture.model):predictLongRunning?key=good", method: .post,
                headers: [.contentType: "application/json"], body: ByteBuffer(string: Body.text().serialized()))
            #expect(response.status == .ok)
        }
    }

    @Test("control endpoints need no key")
    func controlWithoutKey() async throws {
        try await Fixture.withEmulator { emulator in
            let health = try await emulator.control("health")
            #expect(health.status == .ok)
            #expect(try health.json()["status"] == "ok")
        }
    }
}
