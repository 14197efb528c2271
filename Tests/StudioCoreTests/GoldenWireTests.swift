import Foundation
import Testing
@testable import StudioCore

/// Our Gemini API bodies against the SDK's recorded exchanges (`Fixtures/mldev`, google-genai 2.34.0).
/// Base64 payloads are compared by shape (the captures keep only their first characters).
/// Deliberate difference (docs/DECISIONS.md): referenceType is sent lowercase "asset" on the Gemini API.
struct GoldenWireTests {
    struct Bytes: MediaSource {
        var data: [String: Data]
        func bytes(for media: MediaRef) throws -> Data { data[media.sha256] ?? Data() }
    }

    static let provider = GeminiAPIProvider(apiKey: "test-key", baseURL: "http://127.0.0.1:9", apiVersion: "v1beta")
    static let png = MediaRef(sha256: "p", mimeType: "image/png", width: 1, height: 1, byteCount: 68, originalPath: "a.png")
    static let jpeg = MediaRef(sha256: "j", mimeType: "image/jpeg", width: 1, height: 1, byteCount: 70, originalPath: "b.jpg")
    static let media = Bytes(data: ["p": TestImages.png(width: 1, height: 1), "j": TestImages.jpegHeader(width: 1, height: 1)])

    static func spec(_ build: (inout GenerationDraft) -> Void, image: MediaRef? = nil, last: MediaRef? = nil,
                     refs: [MediaRef] = [], video: VideoRef? = nil) -> GenerationSpec {
        var draft = GenerationDraft()
        build(&draft)
        return GenerationSpec(draft: draft, provider: "gemini", model: "veo-3.1-generate-preview", mode: draft.mode,
                              image: image, lastFrame: last, references: refs.map { ReferenceRef(media: $0, kind: .asset) },
                              video: video,
                              effective: EffectiveParameters(durationSeconds: 8, aspectRatio: "16:9", resolution: "720p",
                                                             sampleCount: 1, generateAudio: true))
    }

    /// Replaces base64 payloads by a marker and applies the recorded deliberate differences.
    static func normalized(_ value: JSONValue, dropping: Set<String> = []) -> JSONValue {
        switch value {
        case .object(let object):
            var result: [String: JSONValue] = [:]
            for (key, inner) in object where !dropping.contains(key) {
                switch key {
                case "bytesBase64Encoded", "encodedVideo": result[key] = .string("<base64>")
                case "referenceType": result[key] = .string(inner.stringValue?.lowercased() ?? "")
                default: result[key] = normalized(inner, dropping: dropping)
                }
            }
            return .object(result)
        case .array(let array): return .array(array.map { normalized($0, dropping: dropping) })
        default: return value
        }
    }

    static let uri = "https://generativelanguage.googleapis.com/v1beta/files/o7m9md9q0fq1:download?alt=media"
    static let scenarios: [(String, GenerationSpec)] = [
        ("01-text_to_video", spec { $0.prompt = "A neon hologram of a cat driving at top speed" }),
        ("02-image_to_video", spec({ $0.prompt = "The bridge in a storm"; $0.image = "a.png" }, image: png)),
        ("03-first_and_last_frame", spec({ $0.prompt = "A man turns into a dog"; $0.image = "a.png"; $0.lastFrame = "b.jpg" },
                                          image: png, last: jpeg)),
        ("04-reference_images_3_assets", spec({ $0.prompt = "A woman in a red dress walks her dog past a blue car"
            $0.references = [.init(path: "1"), .init(path: "2"), .init(path: "3")] }, refs: [png, png, png])),
        ("05-video_extension_from_previous_result", spec({ $0.prompt = "The cat drives off a ramp and flies"
            $0.video = .uri(uri); $0.sampleCount = 1; $0.resolution = "720p" }, video: .remote(uri: uri, sourceGeneration: nil))),
        ("07-video_extension_bytes_only", spec({ $0.prompt = "continue"; $0.video = .file(path: "v.mp4") },
                                                video: .local(MediaRef(sha256: "v", mimeType: "video/mp4", width: 0, height: 0,
                                                                       byteCount: 1056, originalPath: "v.mp4")))),
        ("08-every_accepted_config_field", spec({ $0.prompt = "Every field"; $0.image = "a"; $0.lastFrame = "b"
            $0.references = [.init(path: "c")]; $0.sampleCount = 2; $0.durationSeconds = 8; $0.aspectRatio = "9:16"
            $0.resolution = "1080p"; $0.personGeneration = "allow_adult"; $0.negativePrompt = "blurry, low quality"
            $0.enhancePrompt = true }, image: png, last: png, refs: [png])),
        ("09-legacy_prompt_image_args", spec({ $0.prompt = "legacy form"; $0.image = "a.png" }, image: png)),
        ("11-image_from_file", spec({ $0.prompt = "from file"; $0.image = "a.png" }, image: png)),
    ]

    @Test(arguments: scenarios.map(\.0))
    func bodyMatchesTheSDK(_ name: String) throws {
        let spec = try #require(Self.scenarios.first { $0.0 == name }?.1)
        let capture = try Fixtures.capture(name)
        let recorded = try #require(capture["requests"]?[0])
        let request = try Self.provider.submitRequest(for: spec, media: Self.media)
        // The SDK's webhookConfig is not offered by the studio (recorded in DECISIONS).
        let expected = Self.normalized(try #require(recorded["body"]), dropping: ["webhookConfig"])
        #expect(Self.normalized(try #require(request.body)) == expected)
        #expect(request.method == recorded["method"]?.stringValue)
        #expect(request.url == "http://127.0.0.1:9" + (recorded["path"]?.stringValue ?? ""))
    }

    @Test func headersCarryTheKeyOnlyInXGoogApiKey() throws {
        let request = try Self.provider.submitRequest(for: Self.scenarios[0].1, media: Self.media)
        #expect(request.headers.contains { $0.name.lowercased() == "x-goog-api-key" && $0.value == "test-key" })
        #expect(!request.url.contains("key="))
        let redacted = request.redacted()
        #expect(!redacted.headers.map(\.value).contains("test-key"))
        #expect(!redacted.bodyText().contains("test-key"))
    }

    @Test func imagesNeverUseInlineDataAndLastFrameStaysInTheInstance() throws {
        let text = try Self.provider.submitRequest(for: Self.scenarios[2].1, media: Self.media).body?.encodedString() ?? ""
        #expect(!text.contains("inlineData") && !text.contains("fileUri"))
        let body = try #require(try Self.provider.submitRequest(for: Self.scenarios[2].1, media: Self.media).body)
        #expect(body["parameters"]?["lastFrame"] == nil)
        #expect(body["instances"]?[0]?["lastFrame"]?["bytesBase64Encoded"] != nil)
    }

    @Test func downloadURLIsRebuiltOnTheConfiguredBase() {
        #expect(Self.provider.downloadURL(for: Self.uri) == "http://127.0.0.1:9/v1beta/files/o7m9md9q0fq1:download?alt=media")
        #expect(GeminiAPIProvider.fileID(in: "files/abc123") == "abc123")
        #expect(GeminiAPIProvider.fileID(in: "https://x/none") == nil)
    }

    @Test func operationAnswersDecodeLikeTheSDK() throws {
        let done = try #require(try Fixtures.capture("01-text_to_video")["requests"]?[2]?["response"]?["body"])
        let snapshot = try GeminiOperationDecoder.decode(done)
        #expect(snapshot.done && snapshot.videos.map(\.uri) == [Self.uri])
        let running = try GeminiOperationDecoder.decode(try #require(try Fixtures.capture("01-text_to_video")["requests"]?[1]?["response"]?["body"]))
        #expect(!running.done)
        let filteredCapture = try Fixtures.capture("12-rai_filtered")
        let filteredAnswer = try #require(filteredCapture["requests"]?.arrayValue?.last { $0["response"]?["body"]?["done"] != nil }?["response"]?["body"])
        let filtered = try GeminiOperationDecoder.decode(filteredAnswer)
        #expect(filtered.done && filtered.videos.isEmpty && filtered.raiFilteredCount == 1)
        let errorCapture = try Fixtures.capture("13-operation_error")
        let errorAnswer = try #require(errorCapture["requests"]?.arrayValue?.last { $0["response"]?["body"]?["done"] != nil }?["response"]?["body"])
        #expect(try GeminiOperationDecoder.decode(errorAnswer).error != nil)
        #expect(throws: ProviderFailure.self) { try GeminiOperationDecoder.decode(.object(["done": .bool(true)])) }
    }
}
