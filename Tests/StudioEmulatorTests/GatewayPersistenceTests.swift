import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("gateway tasks across restarts and faults")
struct GatewayPersistenceTests {
    @Test("a restarted emulator answers for gateway tasks and keeps uploads")
    func restart() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualEmulatorClock()
        let options = Fixture.options(stateDirectory: directory)
        let (taskID, relayID, url) = try await Fixture.withEmulator(options, clock: clock) { emulator in
            let url = try await emulator.upload("kept.png", GatewayFixture.png)
            let task = try await emulator.send(.post, "/v1/videos/generations", json: TaskRelayTests.body([url])).json()
            let relay = try await emulator.send(.post, "/v1/video/generations", json: ["model": "veo-3.1-generate-preview", "prompt": "p"]).json()
            return (task["id"]?.stringValue ?? "", relay["task_id"]?.stringValue ?? "", url)
        }
        try await Fixture.withEmulator(options, clock: clock) { emulator in
            #expect(try await emulator.send(.get, "/v1/tasks/\(taskID)").json()["status"] == "pending")
            emulator.clock.advance(by: 1)
            let done = try await emulator.send(.get, "/v1/tasks/\(taskID)").json()
            #expect(done["status"] == "completed")
            let relay = try await emulator.send(.get, "/v1/video/generations/\(relayID)").json()
            #expect(relay["data"]?["status"] == "succeeded")
            #expect(GatewayFixture.isMP4(try await emulator.send(.get, "/v1/videos/\(relayID)/content")))
            let path = String(url.dropFirst("http://localhost".count))
            let upload = try await emulator.client.execute(uri: path, method: .get)
            #expect(Data(upload.body.readableBytesView) == GatewayFixture.png)
        }
    }

    @Test("injected faults answer in each gateway's envelope",
          arguments: [
            ("/v1/video/generations", 503, "server_error"),
            ("/v1/videos/generations", 503, "server_error"),
            ("/v1/chat/completions", 503, "server_error"),
          ])
    func faults(path: String, status: Int, type: String) async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "503@submit:1x"))) { emulator in
            let response = try await emulator.send(.post, path, json: ["model": "m"])
            #expect(Int(response.status.code) == status)
            let error = try response.json()["error"]
            #expect(error?["type"] == .string(type))
            #expect(error?["status"] == nil, "not Google's envelope")
            #expect(error?["message"] == "The service is currently unavailable.")
        }
    }

    @Test("a 429 fault carries Retry-After in the gateway's envelope")
    func tooManyRequests() async throws {
        try await Fixture.withEmulator(Fixture.options(faults: try FaultPlan(spec: "429@poll:1x"))) { emulator in
            let response = try await emulator.send(.get, "/v1/tasks/x")
            #expect(response.status == .tooManyRequests)
            #expect(response.headers[.retryAfter] == "1")
            #expect(try response.json()["error"]?["code"] == 429)
            #expect(try response.json()["error"]?["type"] == "rate_limit_error")
        }
    }
}
