import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import StudioEmulator

@Suite("Control endpoints and the server")
struct ControlTests {
    @Test("requests are recorded with the key redacted and the body parsed")
    func requestLog() async throws {
        try await Fixture.withEmulator { emulator in
            _ = try await emulator.submit(Body.text("logged"))
            _ = try await emulator.get("/v1beta/files/nope:download?alt=media")
            let log = try await emulator.control("requests").json().arrayValue ?? []
            #expect(log.count == 2)
            let first = try #require(log.first)
            #expect(first["method"] == "POST")
            #expect(first["path"] == .string("/v1beta/models/\(Fixture.model):predictLongRunning"))
            #expect(first["headers"]?["x-goog-api-key"] == "<redacted, 8 chars>")
            #expect(first["body"]?["instances"]?.arrayValue?.first?["prompt"] == "logged")
            #expect(first["status"] == 200)
            #expect(log.last?["query"]?["alt"] == ["media"])
            #expect(log.last?["status"] == 404)
        }
    }

    @Test("every served video is counted in health, and each file's sha256 is the hash of the bytes served")
    func servedVideosAndTheirHashes() async throws {
        try await Fixture.withEmulator { emulator in
            let done = try await emulator.generate(Body.text("hashed"))
            #expect(try await emulator.control("health").json()["videos"] == 0, "nothing served yet")
            let uri = try #require(done.sampleURIs.first)
            let video = try await emulator.download(uri)
            #expect(video.status == .ok)
            #expect(try await emulator.control("health").json()["videos"] == 1, "the download is counted")
            let id = try #require(SubmissionPlanner.fileID(fromURI: uri))
            let served = SHA256.hash(data: Data(buffer: video.body)).map { String(format: "%02x", $0) }.joined()
            #expect(try await emulator.control("files/\(id)/sha256").json()["sha256"] == .string(served))
            #expect(try await emulator.control("files/nope/sha256").status == .badRequest)
            #expect(try await emulator.control("health").json()["videos"] == 1, "asking for a hash serves nothing")
        }
    }

    @Test("reset forgets requests, operations, files, quotas and faults")
    func reset() async throws {
        try await Fixture.withEmulator(Fixture.options(rpm: 1, faults: try FaultPlan(spec: "malformed@poll"))) { emulator in
            let name = try await emulator.start(Body.text())
            let malformed = try await emulator.get("/v1beta/\(name)")
            #expect((try? malformed.json()) == nil, "the poll answer is malformed")
            #expect(try await emulator.submit(Body.text()).status == .tooManyRequests)
            #expect(try await emulator.control("reset", method: .post).status == .ok)
            #expect(try await emulator.control("requests").json() == [])
            #expect(try await emulator.control("operations").json() == [])
            #expect(try await emulator.control("faults").json()["spec"] == "none")
            let fresh = try await emulator.start(Body.text())
            #expect(try await emulator.poll(fresh)["name"] == .string(fresh))
        }
    }

    @Test("EmulatorServer binds 127.0.0.1 on a free port and releases it on stop")
    func serverLifecycle() async throws {
        var options = Fixture.options()
        options.port = 0
        let server = EmulatorServer(options: options, logger: Fixture.logger)
        let url = try await server.start()
        #expect(url.host == "127.0.0.1")
        let port = try #require(url.port)
        let health = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.get("/_emulator/health")
        }
        #expect(health.status == .ok)
        await server.stop()

        var again = options
        again.port = port
        let second = EmulatorServer(options: again, logger: Fixture.logger)
        let secondURL = try await second.start()
        #expect(secondURL.port == port, "the port was released")
        await second.stop()
    }

    @Test("a port in use is reported, not crashed on")
    func portInUse() async throws {
        let first = EmulatorServer(options: Fixture.options(), logger: Fixture.logger)
        let url = try await first.start()
        var options = Fixture.options()
        options.port = try #require(url.port)
        let second = EmulatorServer(options: options, logger: Fixture.logger)
        await #expect(throws: EmulatorSetupError.self) { _ = try await second.start() }
        await first.stop()
    }
}
