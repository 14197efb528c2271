import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Gemini API routes")
struct RoutesTests {
    @Test("submit → running poll → done poll → download, on v1beta and v1", arguments: ["v1beta", "v1"])
    func fullCycle(version: String) async throws {
        try await Fixture.withEmulator { emulator in
            let submitted = try await emulator.submit(Body.text("A neon cat").serialized(), version: version)
            #expect(submitted.status == .ok)
            let name = try submitted.json()["name"]?.stringValue ?? ""
            let prefix = "models/\(Fixture.model)/operations/"
            #expect(name.hasPrefix(prefix))
            let id = name.dropFirst(prefix.count)
            #expect(id.count == 12 && id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) })

            let running = try await emulator.poll(name, version: version)
            #expect(running == .object(["name": .string(name)]), "no done key while running")

            let done = try await emulator.finish(name)
            #expect(done["done"] == true)
            #expect(done["response"]?["@type"]?.stringValue
                == "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse")
            let uris = done.sampleURIs
            #expect(uris.count == 1)
            let uri = try #require(uris.first)
            #expect(uri.hasPrefix("https://generativelanguage.googleapis.com/\(version)/files/"))
            #expect(uri.hasSuffix(":download?alt=media"))

            let id2 = try #require(SubmissionPlanner.fileID(fromURI: uri))
            let video = try await emulator.get("/\(version)/files/\(id2):download?alt=media")
            #expect(video.status == .ok)
            #expect(video.headers[.contentType] == "video/mp4")
            #expect(video.headers[.contentLength] == String(video.body.readableBytes))
            #expect(Array(video.body.readableBytesView.dropFirst(4).prefix(4)) == Array("ftyp".utf8))
        }
    }

    @Test("unknown operation answers 404 exactly as the recorded exchange (mldev/20)")
    func unknownOperation() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.get("/v1beta/models/veo-3.1-generate-preview/operations/doesnotexist")
            #expect(response.status == .notFound)
            #expect(try response.json() == .object(["error": .object([
                "code": 404,
                "message": "Operation models/veo-3.1-generate-preview/operations/doesnotexist not found.",
                "status": "NOT_FOUND",
            ])]))
        }
    }

    @Test("an operation polled under another model is not found")
    func pollUnderOtherModel() async throws {
        try await Fixture.withEmulator { emulator in
            let name = try await emulator.start(Body.text())
            let other = name.replacingOccurrences(of: Fixture.model, with: "veo-3.1-fast-generate-preview")
            let response = try await emulator.get("/v1beta/\(other)")
            #expect(response.status == .notFound)
        }
    }

    @Test("unknown file answers 404 exactly as the recorded exchange (mldev/17)")
    func unknownFile() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.get("/v1beta/files/abc123:download?alt=media")
            #expect(response.status == .notFound)
            #expect(try response.json() == .object(["error": .object([
                "code": 404, "message": "File abc123 not found.", "status": "NOT_FOUND",
            ])]))
        }
    }

    @Test("a file is not downloadable before its operation finishes")
    func fileBeforeFinish() async throws {
        try await Fixture.withEmulator { emulator in
            let name = try await emulator.start(Body.text())
            let operations = try await emulator.control("operations").json()
            let fileID = try #require(operations.arrayValue?.first?["files"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await emulator.get("/v1beta/files/\(fileID):download?alt=media").status == .notFound)
            _ = try await emulator.finish(name)
            #expect(try await emulator.get("/v1beta/files/\(fileID):download?alt=media").status == .ok)
        }
    }

    @Test("unknown routes answer a Google-format 404 naming the route")
    func unknownRoute() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.get("/v2/models/x:predictLongRunning")
            #expect(response.status == .notFound)
            #expect(response.errorMessage == "No route for GET /v2/models/x:predictLongRunning")
            let wrongAction = try await emulator.client.execute(
                uri: "/v1beta/models/\(Fixture.model):generateContent", method: .post,
                headers: EmulatorClient.headers(key: Fixture.key), body: ByteBuffer(string: Body.text().serialized()))
            #expect(wrongAction.status == .notFound)
            #expect(wrongAction.errorMessage == "No route for POST /v1beta/models/\(Fixture.model):generateContent")
        }
    }

    @Test("a percent-encoded colon in the model segment is understood")
    func encodedColon() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.client.execute(
                uri: "/v1beta/models/\(Fixture.model)%3ApredictLongRunning", method: .post,
                headers: EmulatorClient.headers(key: Fixture.key), body: ByteBuffer(string: Body.text().serialized()))
            #expect(response.status == .ok)
        }
    }

    @Test("the SDK's empty body (no inputs at all) answers No inputs provided")
    func emptyBody() async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.submit("")
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == "No inputs provided")
        }
    }

    @Test("malformed JSON bodies answer 400 Invalid JSON payload, never crash",
          arguments: ["{", "{\"instances\": [}", "[1,2", "nul", "{\"a\":1}}", String(repeating: "[", count: 5000),
                     String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), "[1e400]", #"["\ud800"]"#,
                     "{\"a\": \"\u{1}\"}", "\u{1}"])
    func malformedJSON(body: String) async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.submit(body)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage?.hasPrefix("Invalid JSON payload received.") == true)
            #expect(response.errorStatus == "INVALID_ARGUMENT")
        }
    }

    @Test("the live server answers on a real socket")
    func live() async throws {
        try await Fixture.withEmulator(mode: .live) { emulator in
            let name = try await emulator.start(Body.text())
            let done = try await emulator.finish(name)
            let uri = try #require(done.sampleURIs.first)
            let video = try await emulator.download(uri)
            #expect(video.status == .ok)
            #expect(video.headers[.contentType] == "video/mp4")
        }
    }
}
