import Foundation
import Testing
@testable import StudioCore

/// Our Interactions API creates against the SDK's recorded ones (`Fixtures/interactions`, google-genai 3.4.0),
/// field for field. Deliberate additions (docs/DECISIONS.md, 2026-12-03): the studio always runs in the
/// background (`background: true`) and always states the video format it priced (`response_format` with
/// aspect ratio, duration and resolution) — except on a further turn, which keeps the earlier format.
/// Every field the SDK sent must be there with the SDK's value.
struct InteractionsGoldenWireTests {
    static let provider = OmniInteractionsProvider(
        id: "gemini", endpoint: InteractionsEndpoint(baseURL: "http://127.0.0.1:9", apiVersion: "v1"),
        credentials: .apiKey("test-key-123"), stagingDirectory: FileManager.default.temporaryDirectory)
    static let png = GoldenWireTests.png
    static let media = GoldenWireTests.media
    static let files = "https://generativelanguage.googleapis.com/v1beta/files/"

    static func spec(_ build: (inout GenerationDraft) -> Void, image: MediaRef? = nil, last: MediaRef? = nil,
                     refs: [MediaRef] = [], referenceVideos: [MediaRef]? = nil, video: VideoRef? = nil,
                     previous: String? = nil) -> GenerationSpec {
        var draft = GenerationDraft()
        build(&draft)
        var spec = GenerationSpec(draft: draft, provider: "gemini", model: "gemini-omni-1.1-flash", mode: draft.mode,
                                  image: image, lastFrame: last, references: refs.map { ReferenceRef(media: $0, kind: .asset) },
                                  video: video,
                                  effective: EffectiveParameters(durationSeconds: draft.durationSeconds ?? 8,
                                                                 aspectRatio: draft.aspectRatio ?? "16:9",
                                                                 resolution: draft.resolution ?? "720p", sampleCount: 1, generateAudio: true))
        spec.referenceVideos = referenceVideos
        spec.previousInteraction = previous
        return spec
    }

    static func remote(_ uri: String, _ mimeType: String) -> MediaRef {
        var ref = MediaRef.remote(uri)
        ref.mimeType = mimeType
        return ref
    }

    /// Capture name, index of the create among its requests, and the spec the same call makes.
    static let scenarios: [(String, Int, GenerationSpec)] = [
        ("01-omni_t2v_background_poll_uri_download", 0, spec {
            $0.prompt = "A red ball rolls across a white table. Continuous shot."
            $0.aspectRatio = "9:16"; $0.durationSeconds = 6; $0.resolution = "720p"; $0.delivery = "uri" }),
        ("04-omni_image_to_video_first_frame", 0, spec({ $0.prompt = "The suitcase opens."; $0.image = "a.png" }, image: png)),
        ("05-omni_first_last_frame", 0, spec({ $0.prompt = "The camera circles the bench."; $0.image = "a.png"; $0.lastFrame = "b.png"
            $0.durationSeconds = 5 }, image: png, last: png)),
        ("06-omni_reference_to_video", 0, spec({ $0.prompt = "A robot <IMAGE_REF_0> does the moves of <VIDEO_REF_0>."
            $0.references = [.init(path: "a.png"), .init(path: files + "abc123")]; $0.referenceVideos = [files + "def456"] },
            refs: [png, remote(files + "abc123", "image/png")], referenceVideos: [remote(files + "def456", "video/mp4")])),
        ("07-omni_extend_uploaded_video", 2, spec({ $0.prompt = "The dog runs into the office and barks for a treat."
            $0.video = .file(path: "dog.mp4"); $0.durationSeconds = 5 },
            video: .remote(uri: files + "b83o3ojo9k", sourceGeneration: nil))),
        ("08-omni_multiturn_previous_interaction_id", 1, spec({ $0.prompt = "Make the cat ginger. Keep everything else the same."
            $0.continues = 1 }, previous: "v1_z0JT2QeBxMolC8OND6GxrB3W")),
    ]

    /// The SDK's body with the studio's deliberate additions laid under it (the SDK's values win).
    static func expected(_ sdk: JSONValue, spec: GenerationSpec) -> JSONValue {
        guard case .object(var body) = sdk else { return sdk }
        body["background"] = .bool(true)
        if spec.mode != .refine {
            var format: [String: JSONValue] = ["type": .string("video"), "aspect_ratio": .string(spec.effective.aspectRatio),
                                               "duration": .string("\(spec.effective.durationSeconds)s"),
                                               "resolution": .string(spec.effective.resolution)]
            for (key, value) in body["response_format"]?.objectValue ?? [:] { format[key] = value }
            body["response_format"] = .object(format)
        }
        return .object(body)
    }

    /// Inline payloads compared by shape (the recording shortens them).
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result: [String: JSONValue] = [:]
            for (key, inner) in object { result[key] = key == "data" ? .string("<base64>") : normalized(inner) }
            return .object(result)
        case .array(let array): return .array(array.map(normalized))
        default: return value
        }
    }

    @Test(arguments: scenarios.map(\.0))
    func createMatchesTheSDK(_ name: String) throws {
        let (_, index, spec) = try #require(Self.scenarios.first { $0.0 == name })
        let recorded = try #require(try Fixtures.capture(name, backend: "interactions")["requests"]?[index])
        #expect(recorded["path"]?.stringValue == "/v1/interactions")
        let request = try Self.provider.submitRequest(for: spec, media: Self.media)
        let sdkBody = try #require(recorded["body"])
        #expect(Self.normalized(try #require(request.body)) == Self.normalized(Self.expected(sdkBody, spec: spec)))
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:9" + (recorded["path"]?.stringValue ?? "?"))
    }

    @Test func inlineImagesAreTheFileBytesInBase64() throws {
        let (_, _, spec) = try #require(Self.scenarios.first { $0.0.hasPrefix("05") })
        let body = try #require(try Self.provider.submitRequest(for: spec, media: Self.media).body)
        let blocks = try #require(body["input"]?[0]?["content"]?.arrayValue)
        #expect(blocks.count == 3)
        let first = try #require(blocks[1]["data"]?.stringValue)
        #expect(Data(base64Encoded: first) == TestImages.png(width: 1, height: 1))
        #expect(blocks[1]["mime_type"] == .string("image/png"))
    }

    @Test func theKeyIsAHeaderNeverAQueryAndIsRedactedWhenShown() throws {
        let (_, _, spec) = try #require(Self.scenarios.first)
        let request = try Self.provider.submitRequest(for: spec, media: Self.media)
        #expect(!request.url.contains("key="))
        #expect(request.headers.contains { $0.name == "x-goog-api-key" && $0.value == "test-key-123" })
        let shown = request.redacted()
        #expect(!shown.headers.map(\.value).joined().contains("test-key-123"))
        let bodyText = shown.body?.encodedString() ?? ""
        #expect(bodyText.contains("test-key-123") == false)
        #expect(!CurlCommand.make(shown, provider: "gemini", registry: Fixtures.registry).contains("test-key-123"))
    }

    @Test func aLocalVideoIsNamedByAPlaceholderUntilItIsUploaded() throws {
        let local = MediaRef(sha256: "v", mimeType: "video/mp4", width: 0, height: 0, byteCount: 1056, originalPath: "/clips/dog.mp4")
        let spec = Self.spec({ $0.prompt = "Make it night."; $0.video = .file(path: "dog.mp4"); $0.edit = true }, video: .local(local))
        let body = try #require(try Self.provider.submitRequest(for: spec, media: Self.media).body)
        #expect(body["generation_config"]?["video_config"]?["task"] == .string("edit"))
        let video = try #require(body["input"]?[0]?["content"]?[1])
        #expect(video["type"] == .string("video"))
        #expect(video["uri"] == .string("<Files API URI of dog.mp4 after upload>"))
    }

    @Test func vertexSendsToItsProjectPathWithABearerPlaceholderAndVideosInline() throws {
        let vertex = VertexAIProvider(endpoint: VertexEndpoint(project: "my-project", location: "us-central1", baseURL: "http://127.0.0.1:9"),
                                      tokens: StaticTokenSource(token: "secret-token", origin: "test", fix: ""),
                                      stagingDirectory: FileManager.default.temporaryDirectory)
        let omni = OmniInteractionsProvider(id: "vertex", endpoint: InteractionsEndpoint(vertex: vertex.endpoint),
                                            credentials: .vertex(vertex), stagingDirectory: FileManager.default.temporaryDirectory)
        let local = MediaRef(sha256: "p", mimeType: "video/mp4", width: 0, height: 0, byteCount: 68, originalPath: "clip.mp4")
        let spec = Self.spec({ $0.prompt = "Longer."; $0.video = .file(path: "clip.mp4") }, video: .local(local))
        let request = try omni.submitRequest(for: spec, media: Self.media)
        #expect(request.url == "http://127.0.0.1:9/v1beta1/projects/my-project/locations/us-central1/interactions")
        #expect(request.headers.contains { $0.name == "Authorization" && $0.value == VertexAIProvider.tokenPlaceholder })
        #expect(!request.headers.contains { $0.value.contains("secret-token") })
        let video = try #require(request.body?["input"]?[0]?["content"]?[1])
        #expect(video["data"]?.stringValue.flatMap { Data(base64Encoded: $0) } == TestImages.png(width: 1, height: 1))
        #expect(request.body?["generation_config"]?["video_config"]?["task"] == .string("extend"))
    }

    @Test func pollAndCancelGoWhereTheSDKSendsThem() throws {
        let capture = try Fixtures.capture("12-omni_cancel_delete", backend: "interactions")
        let cancel = try #require(capture["requests"]?[1])
        let id = "v1_b2soLvMlEZP3LtxJFXTDtpK4"
        #expect(Self.provider.endpoint.cancelURL(id) == "http://127.0.0.1:9" + (cancel["raw_path"]?.stringValue ?? "?"))
        let poll = try #require(try Fixtures.capture("01-omni_t2v_background_poll_uri_download", backend: "interactions")["requests"]?[1])
        #expect(Self.provider.endpoint.interactionURL("v1_UlG05sq33uDGlXIvSja9g75w") == "http://127.0.0.1:9" + (poll["raw_path"]?.stringValue ?? "?"))
        let download = try #require(try Fixtures.capture("01-omni_t2v_background_poll_uri_download", backend: "interactions")["requests"]?[3])
        #expect(Self.provider.endpoint.fileDownloadURL("zlm3xedb5sdi") == "http://127.0.0.1:9" + (download["raw_path"]?.stringValue ?? "?"))
    }

    @Test func theFrameTagsAreAddedOnlyWhenThePromptLacksThem() {
        #expect(InteractionsRequestBody.tagged("x", mode: .imageToVideo) == "<FIRST_FRAME> x")
        #expect(InteractionsRequestBody.tagged("<FIRST_FRAME> x", mode: .imageToVideo) == "<FIRST_FRAME> x")
        #expect(InteractionsRequestBody.tagged("x <LAST_FRAME>", mode: .firstLastFrame) == "x <LAST_FRAME>")
        #expect(InteractionsRequestBody.tagged("x", mode: .referenceImages) == "x")
        #expect(InteractionsRequestBody.task(for: .refine) == "edit")
        #expect(InteractionsRequestBody.task(for: .firstLastFrame) == "image_to_video")
    }
}
