import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Vertex state across restarts")
struct VertexPersistenceTests {
    @Test("objects, outputs, running operations and issued tokens survive a restart with the same state directory")
    func restart() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let account = try TestServiceAccount()
        let clock = ManualEmulatorClock()
        var options = Fixture.options(stateDirectory: directory)
        options.serviceAccountKeys = [account.publicKeyPEM]
        options.bearerTokens = [VertexClient.token]
        let png = try #require(Data(base64Encoded: Fixture.redPNG))
        let assertion = try account.assertion(now: clock.now())

        let (token, outputURI, running) = try await Fixture.withEmulator(options, clock: clock) { emulator in
            let vertex = emulator.vertex
            let token = try #require(try await vertex.token(assertion: assertion).json()["access_token"]?.stringValue)
            var headers = VertexClient.headers(token: token)
            headers[.contentType] = "image/png"
            _ = try await emulator.client.execute(
                uri: "/upload/storage/v1/b/my-bucket/o?uploadType=media&name=inputs%2Ffirst.png", method: .post, headers: headers,
                body: ByteBuffer(bytes: png))
            let done = try await vertex.generate(VertexBody.instance(
                ["prompt": "kept", "image": VertexBody.gcsImage("gs://my-bucket/inputs/first.png")],
                parameters: .object(["storageUri": "gs://my-bucket/veo-out/"])))
            let uri = try #require(done.storedVideos.first)
            let running = try await vertex.start(VertexBody.instance(["prompt": "still running"]))
            return (token, uri, running)
        }

        try await Fixture.withEmulator(options, clock: clock) { emulator in
            let vertex = emulator.vertex
            let body = VertexBody.instance(["prompt": "p"]).serialized()
            #expect(try await vertex.submit(body, token: token).status == .ok, "the issued token is still valid")
            #expect(Data(try await vertex.object("gs://my-bucket/inputs/first.png").body.readableBytesView) == png)
            let output = try await vertex.object(outputURI)
            #expect(output.status == .ok && Data(output.body.readableBytesView).isMP4)
            #expect(try await vertex.poll(running)["done"] == nil, "still running after the restart")
            let finished = try await vertex.finish(running)
            #expect(finished.inlineVideos.count == 1)
            let extended = try await vertex.generate(VertexBody.instance(["prompt": "more", "video": VertexBody.video(gcs: outputURI)]))
            #expect(extended.inlineVideos.count == 1, "an output from before the restart can be extended")
            clock.advance(by: 3600)
            #expect(try await vertex.submit(body, token: token).status == .unauthorized, "and expires on time")
        }
    }
}
