import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

@Suite("Interactions profile: Files API, URI delivery and persistence")
struct InteractionsFilesTests {
    @Test("a resumable upload answers the file the SDK reads, and GET files/{id} serves its metadata")
    func upload() async throws {
        try await Fixture.withEmulator { emulator in
            let data = try #require(VideoRenderer.builtinVideo())
            let file = try await emulator.uploadFile(data, version: "v1")
            let name = try #require(file["name"]?.stringValue)
            let id = String(name.dropFirst("files/".count))
            #expect(name.hasPrefix("files/") && id.count == 12)
            #expect(file["uri"] == .string("https://generativelanguage.googleapis.com/v1/files/\(id)"))
            #expect(file["mimeType"] == "video/mp4")
            #expect(file["sizeBytes"] == .string(String(data.count)))
            #expect(file["state"] == "ACTIVE")
            let metadata = try await emulator.get("/v1/files/\(id)")
            #expect(metadata.status == .ok)
            #expect(try metadata.json()["name"] == .string(name))
            #expect(try await emulator.get("/v1/files/\(id)", key: "someone-else").status == .forbidden, "files belong to their key")
            let unknown = try await emulator.get("/v1beta/files/zzzzzzzzzzzz")
            #expect(unknown.errorMessage == "You do not have permission to access the File zzzzzzzzzzzz or it may not exist.")
        }
    }

    @Test("chunked uploads are joined; a wrong offset or unknown session is refused")
    func chunkedUpload() async throws {
        try await Fixture.withEmulator { emulator in
            var start = EmulatorClient.headers(key: Fixture.key)
            start[HTTPFieldName("x-goog-upload-protocol")!] = "resumable"
            start[HTTPFieldName("x-goog-upload-command")!] = "start"
            let started = try await emulator.client.execute(uri: "/upload/v1beta/files", method: .post, headers: start, body: ByteBuffer(string: "{}"))
            let location = try #require(started.headers[HTTPFieldName("x-goog-upload-url")!])
            let url = try #require(URL(string: location))
            let path = url.path + "?" + (url.query ?? "")
            func send(_ bytes: String, offset: Int, finalize: Bool) async throws -> TestResponse {
                var headers: HTTPFields = [:]
                headers[HTTPFieldName("x-goog-upload-command")!] = finalize ? "upload, finalize" : "upload"
                headers[HTTPFieldName("x-goog-upload-offset")!] = String(offset)
                return try await emulator.client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: bytes))
            }
            let first = try await send("hello ", offset: 0, finalize: false)
            #expect(first.headers[HTTPFieldName("x-goog-upload-status")!] == "active")
            let wrong = try await send("x", offset: 3, finalize: false)
            #expect(wrong.errorMessage == "x-goog-upload-offset 3 does not match the 6 bytes received so far.")
            let last = try await send("world", offset: 6, finalize: true)
            #expect(try last.json()["file"]?["sizeBytes"] == "11")
            let again = try await send("more", offset: 11, finalize: true)
            #expect(again.status == .notFound, "a finalized session is closed")
        }
    }

    @Test("URI delivery: the file is PROCESSING for a moment after completion, then ACTIVE and downloads as a real MP4")
    func uriDelivery() async throws {
        var options = Fixture.options(render: Fixture.ffmpegAvailable)
        options.speed = 1
        try await Fixture.withEmulator(options) { emulator in
            let created = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.backgroundURI.utf8)), version: "v1")
            let id = try #require(created["id"]?.stringValue)
            let done = try await emulator.pollUntilDone(id, step: 0.5, version: "v1")
            #expect(done["status"] == "completed")
            let uri = try #require(done.outputVideo?["uri"]?.stringValue)
            let fileID = try #require(SubmissionPlanner.fileID(fromURI: uri))
            #expect(uri == "https://generativelanguage.googleapis.com/v1/files/\(fileID)")
            #expect(done.outputVideo?["data"] == nil)
            let processing = try await emulator.get("/v1/files/\(fileID)").json()
            #expect(processing["state"] == "PROCESSING")
            #expect(try await emulator.get("/v1/files/\(fileID):download?alt=media").status == .notFound, "not downloadable while processing")
            let early = try await emulator.createInteraction(
                #"{"model":"gemini-omni-1.1-flash","input":[{"type":"text","text":"more"},{"type":"video","mime_type":"video/mp4","uri":"\#(uri)"}]}"#,
                version: "v1")
            #expect(early.status == .badRequest)
            #expect(early.errorStatus == "FAILED_PRECONDITION")
            #expect(early.errorMessage == "The File \(fileID) is not in an ACTIVE state and usage is not allowed.")
            emulator.clock.advance(by: 2)
            let active = try await emulator.get("/v1/files/\(fileID)").json()
            #expect(active["state"] == "ACTIVE")
            let download = try await emulator.get("/v1/files/\(fileID):download?alt=media")
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "video/mp4")
            let bytes = Data(buffer: download.body)
            let probe = MP4Probe(bytes)
            #expect(probe.isMP4)
            #expect(active["sizeBytes"] == .string(String(bytes.count)))
            if Fixture.ffmpegAvailable {
                #expect(probe.width == 720 && probe.height == 1280, "9:16 at 720p")
                #expect(abs((probe.durationSeconds ?? 0) - 6) < 0.5, "6 s as asked")
            }
        }
    }

    @Test("an uploaded video extends; an output delivered by uri is a valid input for the next turn")
    func uploadThenUse() async throws {
        try await Fixture.withEmulator { emulator in
            let file = try await emulator.uploadFile(try #require(VideoRenderer.builtinVideo()), version: "v1")
            let uri = try #require(file["uri"]?.stringValue)
            let extended = try await emulator.createInteraction(GoldenInteraction.extend(videoURI: uri), version: "v1")
            #expect(extended.status == .ok, "\(String(buffer: extended.body))")
            let done = try extended.json()
            #expect(done.outputVideoData.map { MP4Probe($0).isMP4 } == true)
            #expect(done["usage"]?["total_input_tokens"] == .int(13 + 8 * 263), "text and 8 s of input video")

            let viaURI = try await emulator.interaction(.object([
                "model": "gemini-omni-1.1-flash", "input": "a boat", "response_format": .object(["type": "video", "delivery": "uri"]),
            ]))
            let output = try #require(viaURI.outputVideo?["uri"]?.stringValue)
            emulator.clock.advance(by: 1)
            let edit = try await emulator.createInteraction(#"{"model":"gemini-omni-1.1-flash","input":[{"type":"text","text":"at night"},{"type":"video","mime_type":"video/mp4","uri":"\#(output)"}]}"#)
            #expect(edit.status == .ok, "\(String(buffer: edit.body))")
        }
    }

    @Test("interactions and uploads survive a restart with the same state directory")
    func persistence() async throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualEmulatorClock()
        let options = Fixture.options(stateDirectory: directory)
        let (running, uri) = try await Fixture.withEmulator(options, clock: clock) { emulator in
            let file = try await emulator.uploadFile(try #require(VideoRenderer.builtinVideo()))
            let created = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.cancelJob.utf8)))
            #expect(created["status"] == "in_progress")
            return (created["id"]?.stringValue ?? "", file["uri"]?.stringValue ?? "")
        }
        try await Fixture.withEmulator(options, clock: clock) { emulator in
            #expect(try await emulator.getInteraction(running).json()["status"] == "in_progress", "still running after the restart")
            let done = try await emulator.pollUntilDone(running)
            #expect(done.outputVideoData.map { MP4Probe($0).isMP4 } == true)
            let extended = try await emulator.createInteraction(GoldenInteraction.extend(videoURI: uri))
            #expect(extended.status == .ok, "the upload is still there: \(String(buffer: extended.body))")
            let next = try await emulator.interaction(try JSONValue(parsing: Data(GoldenInteraction.cancelJob.utf8)))
            #expect(next["id"]?.stringValue != running, "new ids do not collide with restored ones")
        }
    }
}
