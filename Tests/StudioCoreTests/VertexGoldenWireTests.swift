import Foundation
import Testing
@testable import StudioCore

/// Our Vertex AI requests against the SDK's recorded exchanges (`Fixtures/vertex`, google-genai 2.34.0;
/// 3.4.0 sent the same). Base64 payloads are compared by shape. Deliberate difference (docs/DECISIONS.md):
/// the studio has no mask-edit mode, so the `mask` of the every-field capture is not produced.
struct VertexGoldenWireTests {
    static let provider = VertexAIProvider(
        endpoint: VertexEndpoint(project: "my-project", location: "us-central1", baseURL: "http://127.0.0.1:9"),
        tokens: StaticTokenSource(token: "secret-token", origin: "test", fix: ""),
        stagingDirectory: FileManager.default.temporaryDirectory)
    static let png = GoldenWireTests.png
    static let media = GoldenWireTests.media

    static func spec(model: String = "veo-3.1-generate-preview", _ build: (inout GenerationDraft) -> Void,
                     image: MediaRef? = nil, last: MediaRef? = nil, refs: [ReferenceRef] = [], video: VideoRef? = nil) -> GenerationSpec {
        var draft = GenerationDraft()
        build(&draft)
        return GenerationSpec(draft: draft, provider: "vertex", model: model, mode: draft.mode,
                              image: image, lastFrame: last, references: refs, video: video,
                              effective: EffectiveParameters(durationSeconds: 8, aspectRatio: "16:9", resolution: "720p",
                                                             sampleCount: 1, generateAudio: true))
    }

    static let scenarios: [(String, GenerationSpec)] = [
        ("01-text_to_video_inline_bytes", spec { $0.prompt = "A neon hologram of a cat driving at top speed" }),
        ("02-text_to_video_gcs_output", spec(model: "veo-3.1-generate-001") {
            $0.prompt = "Two takes"; $0.sampleCount = 2; $0.storageUri = "gs://my-bucket/veo-out/" }),
        ("03-image_to_video_bytes", spec({ $0.prompt = "The bridge in a storm"; $0.image = "a.png" }, image: png)),
        ("04-image_to_video_gcs", spec({ $0.prompt = "The bridge in a storm"; $0.image = "gs://bucket/inputs/first.png" },
                                       image: .remote("gs://bucket/inputs/first.png"))),
        ("05-first_and_last_frame", spec({ $0.prompt = "A man turns into a dog"; $0.image = "a.png"; $0.lastFrame = "gs://bucket/inputs/last.png" },
                                         image: png, last: .remote("gs://bucket/inputs/last.png"))),
        ("06-reference_images_3_assets", spec({ $0.prompt = "A woman in a red dress walks her dog past a blue car" },
                                              refs: [.init(media: png, kind: .asset), .init(media: png, kind: .asset),
                                                     .init(media: .remote("gs://bucket/inputs/ref3.png"), kind: .asset)])),
        ("07-reference_image_style", spec(model: "veo-2.0-generate-exp", { $0.prompt = "origami style" },
                                          refs: [.init(media: .remote("gs://bucket/inputs/style.png"), kind: .style)])),
        ("08-video_extension_gcs", spec({ $0.prompt = "continue the scene"; $0.storageUri = "gs://my-bucket/veo-out/" },
                                        video: .remote(uri: "gs://my-bucket/veo-out/prev/sample_0.mp4", sourceGeneration: nil))),
        ("09-video_extension_bytes", spec({ $0.prompt = "continue" },
                                          video: .local(MediaRef(sha256: "v", mimeType: "video/mp4", width: 0, height: 0,
                                                                 byteCount: 1056, originalPath: "v.mp4")))),
        ("11-every_accepted_config_field", spec({ $0.prompt = "Every field"; $0.sampleCount = 2
            $0.storageUri = "gs://my-bucket/veo-out/"; $0.fps = 24; $0.durationSeconds = 8; $0.seed = 1234
            $0.aspectRatio = "16:9"; $0.resolution = "1080p"; $0.personGeneration = "allow_all"
            $0.pubsubTopic = "projects/my-project/topics/veo"; $0.negativePrompt = "blurry, low quality"
            $0.enhancePrompt = false; $0.generateAudio = true; $0.compressionQuality = "lossless"; $0.resizeMode = "crop"
            $0.labels = ["team": "studio"] }, image: png, last: png, refs: [.init(media: png, kind: .asset)])),
    ]

    @Test(arguments: scenarios.map(\.0))
    func requestMatchesTheSDK(_ name: String) throws {
        let spec = try #require(Self.scenarios.first { $0.0 == name }?.1)
        let recorded = try #require(try Fixtures.capture(name, backend: "vertex")["requests"]?[0])
        let request = try Self.provider.submitRequest(for: spec, media: Self.media)
        let expected = GoldenWireTests.normalized(try #require(recorded["body"]), dropping: ["mask"])
        #expect(GoldenWireTests.normalized(try #require(request.body)) == expected)
        #expect(request.method == "POST")
        #expect(request.url == "http://127.0.0.1:9" + (recorded["path"]?.stringValue ?? "?"))
    }

    @Test func enumsGoUpperCaseAsTheSDKSendsThem() throws {
        let every = try #require(Self.scenarios.last?.1)
        let body = try #require(try Self.provider.submitRequest(for: every, media: Self.media).body)
        #expect(body["parameters"]?["compressionQuality"] == .string("LOSSLESS"))
        #expect(body["parameters"]?["resizeMode"] == .string("CROP"))
        #expect(body["instances"]?[0]?["referenceImages"]?[0]?["referenceType"] == .string("ASSET"))
        #expect(body["labels"]?["team"] == .string("studio"))
        #expect(body["parameters"]?["labels"] == nil)
    }

    @Test func pollIsFetchPredictOperationOnTheModelResource() throws {
        let capture = try Fixtures.capture("17-poll_by_operation_name", backend: "vertex")
        let poll = try #require(capture["requests"]?.arrayValue?.first { ($0["path"]?.stringValue ?? "").hasSuffix(":fetchPredictOperation") })
        let operation = try #require(poll["body"]?["operationName"]?.stringValue)
        #expect(Self.provider.endpoint.fetchURL(operation: operation) == "http://127.0.0.1:9" + (poll["path"]?.stringValue ?? "?"))
    }

    @Test func regionalHostsFollowTheLocation() {
        #expect(VertexEndpoint(project: "p", location: "us-central1").submitURL(model: "veo-3.1-generate-001")
                == "https://us-central1-aiplatform.googleapis.com/v1beta1/projects/p/locations/us-central1/publishers/google/models/veo-3.1-generate-001:predictLongRunning")
        #expect(VertexEndpoint(project: "p", location: "global").baseURL == "https://aiplatform.googleapis.com")
        #expect(VertexEndpoint(project: "p", location: "eu").baseURL == "https://aiplatform.eu.rep.googleapis.com")
        #expect(VertexEndpoint(project: "p", location: "europe-west4", apiVersion: "v1").submitURL(model: "m").hasPrefix(
            "https://europe-west4-aiplatform.googleapis.com/v1/projects/p/locations/europe-west4/"))
        let storage = VertexEndpoint(project: "p", location: "us-central1")
        #expect(storage.mediaURL(gcsURI: "gs://b/veo out/x/sample_0.mp4")
                == "https://storage.googleapis.com/storage/v1/b/b/o/veo%20out%2Fx%2Fsample_0.mp4?alt=media")
        #expect(storage.mediaURL(gcsURI: "https://x/y") == nil)
    }

    @Test func theTokenIsSentOnlyAsABearerHeaderAndNeverShown() throws {
        let request = try Self.provider.submitRequest(for: Self.scenarios[0].1, media: Self.media)
        #expect(request.headers.contains { $0.name == "Authorization" && $0.value == VertexAIProvider.tokenPlaceholder })
        #expect(!request.redacted().headers.map(\.value).joined().contains("secret-token"))
        let quota = VertexAIProvider(endpoint: Self.provider.endpoint, tokens: StaticTokenSource(token: "t", origin: "", fix: ""),
                                     quotaProject: "billing-project", stagingDirectory: FileManager.default.temporaryDirectory)
        let recorded = try Fixtures.capture("18-quota_project_header", backend: "vertex")["requests"]?[0]?["headers"]
        let sent = try quota.submitRequest(for: Self.scenarios[0].1, media: Self.media).headers
        #expect(sent.first { $0.name == "x-goog-user-project" }?.value == recorded?["x-goog-user-project"]?.stringValue)
        #expect(CurlCommand.make(request.redacted(), provider: "vertex", registry: Fixtures.registry)
            .contains("Authorization: Bearer $(gcloud auth print-access-token)"))
    }

    @Test func expressModeSendsTheKeyToTheGlobalHostWithoutAProject() throws {
        let capture = try Fixtures.capture("19-express_mode_api_key", backend: "vertex")
        let requests = try #require(capture["requests"]?.arrayValue)
        let express = VertexAIProvider(endpoint: VertexEndpoint(project: nil, location: "us-central1", baseURL: "http://127.0.0.1:9"),
                                       apiKey: "express-key", stagingDirectory: FileManager.default.temporaryDirectory)
        let request = try express.submitRequest(for: Self.spec { $0.prompt = "express" }, media: Self.media)
        #expect(request.url == "http://127.0.0.1:9" + (requests[0]["path"]?.stringValue ?? "?"))
        #expect(GoldenWireTests.normalized(try #require(request.body)) == GoldenWireTests.normalized(try #require(requests[0]["body"])))
        #expect(request.headers.contains { $0.name == "x-goog-api-key" && $0.value == "express-key" })
        #expect(!request.headers.contains { $0.name == "Authorization" })
        #expect(!request.redacted().headers.map(\.value).contains("express-key"))
        let operation = try #require(requests[1]["body"]?["operationName"]?.stringValue)
        #expect(express.endpoint.fetchURL(operation: operation) == "http://127.0.0.1:9" + (requests[1]["path"]?.stringValue ?? "?"))
        #expect(VertexEndpoint(project: nil, location: "us-central1").baseURL == "https://aiplatform.googleapis.com")
        #expect(CurlCommand.make(request.redacted(), provider: "vertex", registry: Fixtures.registry).contains("x-goog-api-key: ${GOOGLE_API_KEY"))
    }

    @Test func finishedAnswersDecodeLikeTheSDK() throws {
        let gcs = try Fixtures.capture("02-text_to_video_gcs_output", backend: "vertex")
        let done = try #require(gcs["requests"]?.arrayValue?.last { $0["response"]?["body"]?["done"] != nil }?["response"]?["body"])
        let snapshot = try VertexOperationDecoder.decode(done) { "inline#\($0)" }
        #expect(snapshot.done && snapshot.videos.count == 2 && snapshot.videos.allSatisfy { $0.uri.hasPrefix("gs://my-bucket/veo-out/") })
        for name in ["12-rai_filtered", "13-operation_error"] {
            let capture = try Fixtures.capture(name, backend: "vertex")
            let answer = try #require(capture["requests"]?.arrayValue?.last { $0["response"]?["body"]?["done"] != nil }?["response"]?["body"])
            let decoded = try VertexOperationDecoder.decode(answer) { "inline#\($0)" }
            #expect(decoded.done && decoded.videos.isEmpty)
            #expect(name.hasPrefix("12") ? decoded.raiFilteredCount > 0 : decoded.error != nil)
        }
    }
}
