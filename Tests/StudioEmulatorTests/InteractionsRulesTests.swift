import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import StudioEmulator

/// The Interactions profile's refusals, each with its exact text.
@Suite("Interactions profile: the server's rules")
struct InteractionsRulesTests {
    struct Refusal: NamedCase {
        let name: String
        let body: String
        let http: Int
        let status: String
        let message: String
    }

    static func body(_ extra: String, input: String = #""input":"A cat""#, model: String = "gemini-omni-1.1-flash") -> String {
        #"{"model":"\#(model)",\#(input)\#(extra.isEmpty ? "" : ",")\#(extra)}"#
    }

    static func images(_ count: Int, task: String) -> String {
        let blocks = Array(repeating: #"{"type":"image","mime_type":"image/png","data":"\#(Fixture.redPNG)"}"#, count: count)
        return #""input":[{"type":"text","text":"p"},\#(blocks.joined(separator: ","))],"generation_config":{"video_config":{"task":"\#(task)"}}"#
    }

    static let refusals: [Refusal] = [
        Refusal(name: "shut-down preview model", body: GoldenInteraction.deprecatedModalities, http: 404, status: "NOT_FOUND",
                message: "models/gemini-omni-flash-preview is no longer available. It was shut down on 2026-09-30; use gemini-omni-1.1-flash instead."),
        Refusal(name: "Veo on interactions", body: GoldenInteraction.veoViaInteractions, http: 400, status: "INVALID_ARGUMENT",
                message: "Model veo-3.1-generate-preview is not supported by the Interactions API. Generate video with a Gemini Omni model such as gemini-omni-1.1-flash."),
        Refusal(name: "unknown model", body: body("", model: "gemini-9-ultra"), http: 404, status: "NOT_FOUND",
                message: "models/gemini-9-ultra is not found for API version v1beta, or is not supported for interactions. Call ListModels to see the list of available models and their supported methods."),
        Refusal(name: "unknown top-level key", body: GoldenInteraction.extraBody, http: 400, status: "INVALID_ARGUMENT",
                message: #"Invalid JSON payload received. Unknown name "future_field": Cannot find field."#),
        Refusal(name: "no model", body: #"{"input":"x"}"#, http: 400, status: "INVALID_ARGUMENT",
                message: "Missing required field 'model': name a Gemini Omni model such as gemini-omni-1.1-flash."),
        Refusal(name: "no input", body: #"{"model":"gemini-omni-1.1-flash"}"#, http: 400, status: "INVALID_ARGUMENT",
                message: "Missing required field 'input': send a prompt, content blocks or steps."),
        Refusal(name: "duration too long", body: body(#""response_format":{"type":"video","duration":"12s"}"#), http: 400, status: "INVALID_ARGUMENT",
                message: "Invalid value at 'response_format.duration' (12s): the duration must be between 3s and 10s."),
        Refusal(name: "duration too short", body: body(#""response_format":{"type":"video","duration":"2.5s"}"#), http: 400, status: "INVALID_ARGUMENT",
                message: "Invalid value at 'response_format.duration' (2.5s): the duration must be between 3s and 10s."),
        Refusal(name: "duration not a number", body: body(#""response_format":{"type":"video","duration":"long"}"#), http: 400, status: "INVALID_ARGUMENT",
                message: #"Invalid value at 'response_format.duration' (long): give seconds such as "6s"."#),
        Refusal(name: "resolution", body: body(#""response_format":{"type":"video","resolution":"8k"}"#), http: 400, status: "INVALID_ARGUMENT",
                message: "Invalid value at 'response_format.resolution' (8k): supported values are 360p, 720p, 1080p, 4k."),
        Refusal(name: "aspect ratio", body: body(#""response_format":{"type":"video","aspect_ratio":"1:1"}"#), http: 400, status: "INVALID_ARGUMENT",
                message: "Invalid value at 'response_format.aspect_ratio' (1:1): supported values are 16:9, 9:16."),
        Refusal(name: "delivery", body: body(#""response_format":{"type":"video","delivery":"email"}"#), http: 400, status: "INVALID_ARGUMENT",
                message: "Invalid value at 'response_format.delivery' (email): supported values are inline, uri."),
        Refusal(name: "gcs_uri is Vertex-only", body: body(#""response_format":{"type":"video","delivery":"uri","gcs_uri":"gs://b/o"}"#), http: 400, status: "INVALID_ARGUMENT",
                message: "`response_format.gcs_uri` isn't supported by the Gemini API; it is a Vertex AI option. Remove it from the request."),
        Refusal(name: "unknown task", body: body(#""generation_config":{"video_config":{"task":"dance"}}"#), http: 400, status: "INVALID_ARGUMENT",
                message: "Invalid value at 'generation_config.video_config.task' (dance): supported values are text_to_video, image_to_video, reference_to_video, edit, extend, upscale."),
        Refusal(name: "unknown generation_config key", body: body(#""generation_config":{"fps":24}"#), http: 400, status: "INVALID_ARGUMENT",
                message: #"Invalid JSON payload received. Unknown name "fps" at 'generation_config': Cannot find field."#),
        Refusal(name: "text_to_video with an image", body: body("", input: images(1, task: "text_to_video")), http: 400, status: "INVALID_ARGUMENT",
                message: "Task text_to_video takes only text; the input has 1 image(s) and 0 video(s)."),
        Refusal(name: "three frames", body: body("", input: images(3, task: "image_to_video")), http: 400, status: "INVALID_ARGUMENT",
                message: "Task image_to_video needs 1 image (the first frame) or 2 images (the first and last frames) and no video; the input has 3 image(s) and 0 video(s)."),
        Refusal(name: "six reference images", body: body("", input: images(6, task: "reference_to_video")), http: 400, status: "INVALID_ARGUMENT",
                message: "Task reference_to_video takes 1 to 5 reference images and at most 3 reference videos; the input has 6 image(s) and 0 video(s)."),
        Refusal(name: "edit without a video", body: body(#""generation_config":{"video_config":{"task":"edit"}}"#), http: 400, status: "INVALID_ARGUMENT",
                message: "Task edit needs one source video: add a video to the input, or continue an interaction with previous_interaction_id."),
        Refusal(name: "extend without a video", body: body(#""generation_config":{"video_config":{"task":"extend"}}"#), http: 400, status: "INVALID_ARGUMENT",
                message: "Task extend needs one source video: add a video to the input, or continue an interaction with previous_interaction_id."),
        Refusal(name: "a video file that does not exist",
                body: body("", input: #""input":[{"type":"text","text":"p"},{"type":"video","mime_type":"video/mp4","uri":"https://generativelanguage.googleapis.com/v1beta/files/nothere"}]"#),
                http: 403, status: "PERMISSION_DENIED", message: "You do not have permission to access the File nothere or it may not exist."),
        Refusal(name: "bad base64", body: body("", input: #""input":[{"type":"text","text":"p"},{"type":"image","mime_type":"image/png","data":"***"}]"#),
                http: 400, status: "INVALID_ARGUMENT", message: "Invalid value at 'input[1].data' (TYPE_BYTES), Base64 decoding failed"),
        Refusal(name: "inline video that is not an MP4",
                body: body("", input: #""input":[{"type":"text","text":"p"},{"type":"video","mime_type":"video/mp4","data":"aGVsbG8gd29ybGQ="}]"#),
                http: 400, status: "INVALID_ARGUMENT", message: "The video at 'input[1]' is not an MP4 file."),
        Refusal(name: "submit_error marker", body: body("", input: #""input":"x [[submit_error]]""#), http: 400, status: "INVALID_ARGUMENT",
                message: "Request contains an invalid argument."),
        Refusal(name: "background without store", body: body(#""background":true,"store":false"#), http: 400, status: "INVALID_ARGUMENT",
                message: "background requires store to be true: a background interaction must be stored to be polled."),
        Refusal(name: "background not a bool", body: body(#""background":"yes""#), http: 400, status: "INVALID_ARGUMENT",
                message: "Invalid value at 'background': expected true or false."),
    ]

    @Test("refusals answer Google's error shape with the exact text", arguments: refusals)
    func refusal(_ refusal: Refusal) async throws {
        try await Fixture.withEmulator { emulator in
            let response = try await emulator.createInteraction(refusal.body)
            #expect(Int(response.status.code) == refusal.http, "\(String(buffer: response.body))")
            #expect(response.errorStatus == refusal.status)
            #expect(response.errorMessage == refusal.message)
            #expect(try response.json()["error"]?["code"] == .int(refusal.http))
        }
    }

    @Test("generateContent on an Omni model answers 400 on both versions; Veo's predictLongRunning is unchanged")
    func generateContent() async throws {
        try await Fixture.withEmulator { emulator in
            for version in ["v1", "v1beta"] {
                let response = try await emulator.client.execute(
                    uri: "/\(version)/models/gemini-omni-1.1-flash:generateContent", method: .post,
                    headers: EmulatorClient.headers(key: Fixture.key), body: ByteBuffer(string: GoldenInteraction.generateContent))
                #expect(response.status == .badRequest)
                #expect(response.errorStatus == "INVALID_ARGUMENT")
                #expect(response.errorMessage == "This model only supports Interactions API.")
            }
            let veo = try await emulator.submit(Body.text())
            #expect(veo.status == .ok, "Veo's predictLongRunning still answers an operation")
        }
    }

    @Test("generateContent is refused even when only the interactions profile is served")
    func generateContentAlone() async throws {
        try await Fixture.withEmulator(Fixture.options { $0.profiles = [.interactions] }) { emulator in
            let response = try await emulator.client.execute(
                uri: "/v1beta/models/gemini-omni-1.2-flash:generateContent", method: .post,
                headers: EmulatorClient.headers(key: Fixture.key), body: ByteBuffer(string: GoldenInteraction.generateContent))
            #expect(response.errorMessage == "This model only supports Interactions API.")
            let created = try await emulator.createInteraction(GoldenInteraction.v1betaBackground)
            #expect(created.status == .ok)
        }
    }

    @Test("keys: none answers 403, one outside --api-key 400, and ?key= works")
    func auth() async throws {
        try await Fixture.withEmulator(Fixture.options(apiKeys: ["good"])) { emulator in
            let none = try await emulator.createInteraction(GoldenInteraction.v1betaBackground, key: nil)
            #expect(none.status == .forbidden)
            #expect(none.errorStatus == "PERMISSION_DENIED")
            let bad = try await emulator.createInteraction(GoldenInteraction.v1betaBackground, key: "bad")
            #expect(bad.status == .badRequest)
            #expect(bad.errorMessage == "API key not valid. Please pass a valid API key.")
            let query = try await emulator.client.execute(
                uri: "/v1beta/interactions?key=good", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: GoldenInteraction.v1betaBackground))
            #expect(query.status == .ok)
        }
    }

    @Test("an edit needs a source shorter than 10 s; extensions stop at 40 s")
    func lengthLimits() async throws {
        try await Fixture.withEmulator { emulator in
            var previous = try #require(try await emulator.interaction(.object([
                "model": "gemini-omni-1.1-flash", "input": "start",
                "response_format": .object(["type": "video", "duration": "10s"]),
            ]))["id"]?.stringValue)
            let extendBody: (String) -> String = { id in
                #"{"model":"gemini-omni-1.1-flash","previous_interaction_id":"\#(id)","input":"more","generation_config":{"video_config":{"task":"extend"}},"response_format":{"type":"video","duration":"10s"}}"#
            }
            let editBody = #"{"model":"gemini-omni-1.1-flash","previous_interaction_id":"\#(previous)","input":"Make it blue."}"#
            let edit = try await emulator.createInteraction(editBody)
            #expect(edit.errorMessage == "The source video is 10 seconds long; edit needs a source video shorter than 10 seconds.")
            for _ in 0..<3 {
                let next = try await emulator.createInteraction(extendBody(previous))
                #expect(next.status == .ok, "\(String(buffer: next.body))")
                previous = try #require(try next.json()["id"]?.stringValue)
            }
            let tooLong = try await emulator.createInteraction(extendBody(previous))
            #expect(tooLong.status == .badRequest)
            #expect(tooLong.errorMessage == "Extending the 40 s video by 10 s would make 50 s; an extended video may be at most 40 seconds.")
        }
    }

    @Test("markers: [[op_error]] fails, [[rai]] is blocked, [[region]] empties a video-input job")
    func markers() async throws {
        try await Fixture.withEmulator { emulator in
            let failed = try await emulator.interaction(.object(["model": "gemini-omni-1.1-flash", "input": "x [[op_error]]"]))
            #expect(failed["status"] == "failed")
            #expect(failed["errors"] == [.object(["code": "INTERNAL", "message": "Internal error encountered."])])
            #expect(failed.outputVideo == nil)

            let blocked = try await emulator.interaction(.object(["model": "gemini-omni-1.1-flash", "input": "x [[rai:celebrity]]"]))
            #expect(blocked["status"] == "failed")
            let error = try #require(blocked["errors"]?.arrayValue?.first)
            #expect(error["code"] == "SAFETY")
            #expect(error["message"]?.stringValue?.hasPrefix("The video could not be generated because it may show a realistic depiction of a well-known person.") == true)
            #expect(error["message"]?.stringValue?.hasSuffix("Support codes: 29310472") == true)

            let source = try #require(VideoRenderer.builtinVideo()).base64EncodedString()
            let region = try await emulator.interaction(.object([
                "model": "gemini-omni-1.1-flash",
                "input": [.object(["type": "text", "text": "Edit [[region]]"]), .object(["type": "video", "mime_type": "video/mp4", "data": .string(source)])],
            ]))
            #expect(region["status"] == "completed")
            #expect(region.outputVideo == nil)
            #expect(region["usage"]?["total_tokens"] == 0)

            let textOnly = try await emulator.interaction(.object(["model": "gemini-omni-1.1-flash", "input": "no video [[region]]"]))
            #expect(textOnly.outputVideo != nil, "text-only jobs are not affected by the region rule")
        }
    }

    @Test("more than --rpm creates per key and model within a minute answer 429 with Retry-After")
    func quota() async throws {
        try await Fixture.withEmulator(Fixture.options(rpm: 2)) { emulator in
            for _ in 0..<2 {
                #expect(try await emulator.createInteraction(GoldenInteraction.v1betaBackground).status == .ok)
            }
            let refused = try await emulator.createInteraction(GoldenInteraction.v1betaBackground)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorStatus == "RESOURCE_EXHAUSTED")
            #expect(refused.headers[.retryAfter] != nil)
            #expect(refused.errorMessage?.hasPrefix("Quota exceeded for quota metric 'generativelanguage.googleapis.com/generate_requests_per_model'") == true)
            let otherKey = try await emulator.createInteraction(GoldenInteraction.v1betaBackground, key: "another-key")
            #expect(otherKey.status == .ok, "quotas count per key")
        }
    }

    @Test("faults apply to the interactions routes")
    func faults() async throws {
        let plan = try FaultPlan(spec: "503@submit:1x,500@poll:1x")
        try await Fixture.withEmulator(Fixture.options(faults: plan)) { emulator in
            let first = try await emulator.createInteraction(GoldenInteraction.v1betaBackground)
            #expect(first.status == .serviceUnavailable)
            #expect(try await emulator.recordedCount("POST", "/v1beta/interactions") == 1)
            #expect(try await emulator.control("interactions").json().arrayValue?.isEmpty == true, "a 503 creates nothing")
            let second = try await emulator.createInteraction(GoldenInteraction.v1betaBackground)
            #expect(second.status == .ok)
            let id = try #require(try second.json()["id"]?.stringValue)
            #expect(try await emulator.getInteraction(id).status == .internalServerError)
            #expect(try await emulator.getInteraction(id).status == .ok)
        }
    }
}
