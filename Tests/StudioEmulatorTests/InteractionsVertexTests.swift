import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Interactions on Vertex AI: projects/{p}/locations/{l}/interactions with a Bearer token")
struct InteractionsVertexTests {
    static let path = "/v1beta1/projects/p/locations/us-central1/interactions"

    static func post(_ emulator: EmulatorClient, _ body: String, token: String? = "vertex-token") async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await emulator.client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("a background create is polled to a completed inline video under the project")
    func createAndPoll() async throws {
        try await Fixture.withEmulator { emulator in
            let created = try await Self.post(emulator, #"{"model":"gemini-omni-1.1-flash","background":true,"input":"A lantern at dusk."}"#)
            #expect(created.status == .ok)
            let id = try #require(try created.json()["id"]?.stringValue)
            var status = ""
            var answer = StudioEmulator.JSONValue.null
            for _ in 0..<400 where status != "completed" {
                emulator.clock.advance(by: 5)
                let polled = try await emulator.client.execute(uri: "\(Self.path)/\(id)", method: .get,
                                                               headers: [.authorization: "Bearer vertex-token"])
                answer = try polled.json()
                status = answer["status"]?.stringValue ?? ""
            }
            #expect(status == "completed")
            let video = answer["steps"]?.arrayValue?.last?["content"]?.arrayValue?.first
            #expect(video?["type"]?.stringValue == "video" && (video?["data"]?.stringValue?.count ?? 0) > 100, "inline MP4")
            let other = try await emulator.client.execute(uri: "\(Self.path)/\(id)", method: .get, headers: [.authorization: "Bearer another-token"])
            #expect(other.status == .notFound, "another caller's interaction is not found")
        }
    }

    @Test("no token is 401; uri delivery needs gcs_uri; gcs_uri is refused as not emulated")
    func refusals() async throws {
        try await Fixture.withEmulator { emulator in
            #expect(try await Self.post(emulator, #"{"model":"gemini-omni-1.1-flash","input":"x"}"#, token: nil).status == .unauthorized)
            let uri = try await Self.post(emulator, #"{"model":"gemini-omni-1.1-flash","input":"x","response_format":{"type":"video","delivery":"uri"}}"#)
            #expect(uri.status == .badRequest)
            #expect(uri.errorMessage?.contains("gcs_uri is required on Vertex AI when delivery is uri") == true, "\(uri.errorMessage ?? "")")
            let gcs = try await Self.post(emulator, #"{"model":"gemini-omni-1.1-flash","input":"x","response_format":{"type":"video","gcs_uri":"gs://b/p"}}"#)
            #expect(gcs.status == .badRequest)
            #expect(gcs.errorMessage?.contains("inline only") == true, "\(gcs.errorMessage ?? "")")
        }
    }
}
