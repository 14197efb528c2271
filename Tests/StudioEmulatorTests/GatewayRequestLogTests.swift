import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("gateway request log")
struct GatewayRequestLogTests {
    @Test("keys sent to every gateway are redacted in the request log")
    func secretsRedacted() async throws {
        try await Fixture.withEmulator { emulator in
            _ = try await emulator.send(.post, "/v1/video/generations", json: ["model": "veo-3.1-generate-preview", "prompt": "p"])
            _ = try await emulator.send(.post, "/v1/ai/MaaS_Veo_3.1_generate_preview/veo/videos/task", json: ["operationName": "x"])
            _ = try await emulator.send(.post, "/v1/videos/generations", json: ["model": "nope"])
            _ = try await emulator.send(.get, "/v1/tasks/x", authorization: EmulatorClient.gatewayKey)
            let log = try await emulator.control("requests")
            let text = String(buffer: log.body)
            #expect(!text.contains(EmulatorClient.gatewayKey))
            let entries = try log.json().arrayValue ?? []
            #expect(entries.count == 4)
            for entry in entries {
                #expect(entry["headers"]?["authorization"]?.stringValue?.hasPrefix("<redacted") == true)
            }
        }
    }
}
