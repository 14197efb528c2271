import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

/// Requests to the Interactions profile and its Files API, and golden bodies sent by google-genai 3.4.0.
extension EmulatorClient {
    static let omniModel = "gemini-omni-1.1-flash"

    /// `POST /{version}/interactions` with a JSON text body.
    func createInteraction(_ body: String, version: String = "v1beta", key: String? = Fixture.key) async throws -> TestResponse {
        try await client.execute(
            uri: "/\(version)/interactions", method: .post, headers: Self.headers(key: key), body: ByteBuffer(string: body))
    }

    /// Creates and expects 200; returns the Interaction.
    func interaction(_ body: JSONValue, version: String = "v1beta", key: String? = Fixture.key) async throws -> JSONValue {
        let response = try await createInteraction(body.serialized(), version: version, key: key)
        #expect(response.status == .ok, "create answered \(response.status): \(String(buffer: response.body))")
        return try response.json()
    }

    /// `GET /{version}/interactions/{id}` with an optional query.
    func getInteraction(_ id: String, query: String = "stream=false", version: String = "v1beta", key: String? = Fixture.key) async throws -> TestResponse {
        try await get("/\(version)/interactions/\(id)?\(query)", key: key)
    }

    /// Polls (moving the clock `step` seconds before each poll, at most `limit` polls) until the status is terminal.
    func pollUntilDone(_ id: String, step: TimeInterval = 1, limit: Int = 1000, version: String = "v1beta") async throws -> JSONValue {
        for _ in 0..<limit {
            let response = try await getInteraction(id, version: version)
            #expect(response.status == .ok, "poll answered \(response.status): \(String(buffer: response.body))")
            let json = try response.json()
            if json["status"]?.stringValue != "in_progress" { return json }
            clock.advance(by: step)
        }
        Issue.record("interaction \(id) did not finish within \(limit) polls")
        return .null
    }

    /// `POST /{version}/interactions/{id}/cancel` or `DELETE /{version}/interactions/{id}`.
    func interactionAction(_ id: String, cancel: Bool, version: String = "v1beta", key: String? = Fixture.key) async throws -> TestResponse {
        try await client.execute(
            uri: "/\(version)/interactions/\(id)" + (cancel ? "/cancel" : ""), method: cancel ? .post : .delete,
            headers: Self.headers(key: key))
    }

    /// Uploads `data` the SDK's way (resumable start, then `upload, finalize` to the answered URL); returns the `file`.
    func uploadFile(_ data: Data, mimeType: String = "video/mp4", version: String = "v1beta", key: String = Fixture.key) async throws -> JSONValue {
        var headers = Self.headers(key: key)
        for (name, value) in [
            ("x-goog-upload-protocol", "resumable"), ("x-goog-upload-command", "start"),
            ("x-goog-upload-header-content-length", String(data.count)), ("x-goog-upload-header-content-type", mimeType),
        ] {
            headers[HTTPFieldName(name)!] = value
        }
        let body = #"{"file":{"mime_type":"\#(mimeType)","size_bytes":\#(data.count)}}"#
        let start = try await client.execute(uri: "/upload/\(version)/files", method: .post, headers: headers, body: ByteBuffer(string: body))
        #expect(start.status == .ok, "upload start answered \(start.status): \(String(buffer: start.body))")
        let url = try #require(start.headers[HTTPFieldName("x-goog-upload-url")!])
        let path = try #require(URL(string: url)).path + "?" + (URL(string: url)?.query ?? "")
        var chunk: HTTPFields = [.contentType: "application/json"]
        chunk[HTTPFieldName("x-goog-upload-command")!] = "upload, finalize"
        chunk[HTTPFieldName("x-goog-upload-offset")!] = "0"
        let finish = try await client.execute(uri: path, method: .post, headers: chunk, body: ByteBuffer(bytes: data))
        #expect(finish.status == .ok, "upload finalize answered \(finish.status): \(String(buffer: finish.body))")
        #expect(finish.headers[HTTPFieldName("x-goog-upload-status")!] == "final")
        return try finish.json()["file"] ?? .null
    }

    /// An interaction as `GET /_emulator/interactions` lists it.
    func listedInteraction(_ id: String) async throws -> JSONValue? {
        try await control("interactions").json().arrayValue?.first { $0["id"]?.stringValue == id }
    }

    /// The number of recorded requests with this method and path.
    func recordedCount(_ method: String, _ path: String) async throws -> Int {
        let requests = try await control("requests").json().arrayValue ?? []
        return requests.filter { $0["method"]?.stringValue == method && $0["path"]?.stringValue == path }.count
    }
}

extension JSONValue {
    /// The video block of the last `model_output` step.
    var outputVideo: JSONValue? {
        self["steps"]?.arrayValue?.last { $0["type"]?.stringValue == "model_output" }?["content"]?.arrayValue?.first {
            $0["type"]?.stringValue == "video"
        }
    }

    /// The inline MP4 of the output video.
    var outputVideoData: Data? {
        outputVideo?["data"]?.stringValue.flatMap { Data(base64Encoded: $0) }
    }
}

/// Request bodies exactly as google-genai 3.4.0 sent them (images replaced by small real PNGs,
/// file uris by files uploaded in the test).
enum GoldenInteraction {
    static let png = Fixture.redPNG
    static let png2 = Fixture.bluePNG

    static let backgroundURI = #"{"model":"gemini-omni-1.1-flash","background":true,"generation_config":{"video_config":{"task":"text_to_video"}},"input":"A red ball rolls across a white table. Continuous shot.","response_format":{"aspect_ratio":"9:16","delivery":"uri","duration":"6s","resolution":"720p","type":"video"}}"#
    static let blockingInline = #"{"model":"gemini-omni-1.1-flash","input":"A marble rolling on a track."}"#
    static let typedObjects = #"{"model":"gemini-omni-1.1-flash","generation_config":{"video_config":{"task":"text_to_video"}},"input":"Words cycle through four seasons.","response_format":{"aspect_ratio":"16:9","duration":"6s","resolution":"1080p","type":"video"}}"#
    static let firstFrame = #"{"model":"gemini-omni-1.1-flash","generation_config":{"video_config":{"task":"image_to_video"}},"input":[{"content":[{"text":"<FIRST_FRAME> The suitcase opens.","type":"text"},{"data":"\#(png)","mime_type":"image/png","type":"image"}],"type":"user_input"}]}"#
    static let firstLastFrame = #"{"model":"gemini-omni-1.1-flash","generation_config":{"video_config":{"task":"image_to_video"}},"input":[{"content":[{"text":"<FIRST_FRAME> ... <LAST_FRAME> The camera circles the bench.","type":"text"},{"data":"\#(png)","mime_type":"image/png","type":"image"},{"data":"\#(png2)","mime_type":"image/png","type":"image"}],"type":"user_input"}],"response_format":{"duration":"5s","type":"video"}}"#
    static func reference(imageURI: String, videoURI: String) -> String {
        #"{"model":"gemini-omni-1.1-flash","generation_config":{"video_config":{"task":"reference_to_video"}},"input":[{"content":[{"text":"A robot <IMAGE_REF_0> does the moves of <VIDEO_REF_0>.","type":"text"},{"data":"\#(png)","mime_type":"image/png","type":"image"},{"mime_type":"image/png","type":"image","uri":"\#(imageURI)"},{"mime_type":"video/mp4","type":"video","uri":"\#(videoURI)"}],"type":"user_input"}]}"#
    }
    static func extend(videoURI: String) -> String {
        #"{"model":"gemini-omni-1.1-flash","generation_config":{"video_config":{"task":"extend"}},"input":[{"content":[{"text":"The dog runs into the office and barks for a treat.","type":"text"},{"mime_type":"video/mp4","type":"video","uri":"\#(videoURI)"}],"type":"user_input"}],"response_format":{"duration":"5s","type":"video"}}"#
    }
    static let multiTurnFirst = #"{"model":"gemini-omni-1.1-flash","input":"A black cat on a sofa."}"#
    static func multiTurnSecond(previous: String) -> String {
        #"{"model":"gemini-omni-1.1-flash","generation_config":{"video_config":{"task":"edit"}},"input":"Make the cat ginger. Keep everything else the same.","previous_interaction_id":"\#(previous)"}"#
    }
    static let statelessFirst = #"{"model":"gemini-omni-1.1-flash","input":"A clay ball rolls.","store":false}"#
    static func statelessSecond(video: String) -> String {
        #"{"model":"gemini-omni-1.1-flash","input":[{"content":[{"text":"A clay ball rolls.","type":"text"}],"type":"user_input"},{"signature":"c2lnc2lnc2lnc2ln","type":"thought"},{"content":[{"data":"\#(video)","mime_type":"video/mp4","type":"video"}],"type":"model_output"},{"content":[{"text":"Now in a doodle style.","type":"text"}],"type":"user_input"}],"store":false}"#
    }
    static let cancelJob = #"{"model":"gemini-omni-1.1-flash","background":true,"input":"Long job."}"#
    static let webhook = #"{"model":"gemini-omni-1.1-flash","background":true,"input":"A lighthouse at dusk.","labels":{"app":"veo-studio"},"service_tier":"flex","webhook_config":{"uris":["https://example.invalid/hook"],"user_metadata":{"job":"42"}}}"#
    static let responseFormatList = #"{"model":"gemini-omni-1.1-flash","input":"Describe then render a sunrise.","response_format":[{"type":"text"},{"aspect_ratio":"16:9","duration":"4s","resolution":"360p","type":"video"}]}"#
    static let v1betaBackground = #"{"model":"gemini-omni-1.1-flash","background":true,"input":"x"}"#
    static let deprecatedModalities = #"{"model":"gemini-omni-flash-preview","background":true,"input":"x","response_modalities":["video"]}"#
    static let veoViaInteractions = #"{"model":"veo-3.1-generate-preview","background":true,"input":"x"}"#
    static let extraBody = #"{"model":"gemini-omni-1.1-flash","input":"x","future_field":1}"#
    static let generateContent = #"{"contents":[{"parts":[{"text":"a cat"}],"role":"user"}],"generationConfig":{"responseModalities":["VIDEO"]}}"#
}
