import Foundation
import Testing
@testable import StudioCore

/// Our gateway request bodies against the gateways' own documented examples (`Fixtures/gateways`),
/// field for field. The documents' placeholders (`<BASE64_ENCODED_IMAGE_DATA>`, `INPUT_IMAGE`,
/// `MIME_TYPE`, an empty base64 string) stand for any value of the right kind.
struct GatewayGoldenWireTests {
    static let placeholders: Set<String> = ["<BASE64_ENCODED_IMAGE_DATA>", "INPUT_IMAGE", "MIME_TYPE"]
    static let png = MediaRef(sha256: "p", mimeType: "image/png", width: 1, height: 1, byteCount: 68, originalPath: "a.png")
    static let media = GoldenWireTests.Bytes(data: ["p": TestImages.png(width: 1, height: 1)])
    static let access = GatewayAccess(baseURL: "https://relay.example", apiKey: "golden-key")

    static func fixture(_ name: String) throws -> JSONValue {
        try Fixtures.capture(name, backend: "gateways")
    }

    static func web(_ url: String) -> MediaRef { .remote(url) }

    static func spec(provider: String, model: String, image: MediaRef? = nil, last: MediaRef? = nil,
                     refs: [(MediaRef, ReferenceKind)] = [], duration: Int = 8, audio: Bool = true,
                     _ build: (inout GenerationDraft) -> Void = { _ in }) -> GenerationSpec {
        var draft = GenerationDraft()
        build(&draft)
        return GenerationSpec(draft: draft, provider: provider, model: model, mode: draft.mode, image: image, lastFrame: last,
                              references: refs.map { ReferenceRef(media: $0.0, kind: $0.1) },
                              effective: EffectiveParameters(durationSeconds: duration, aspectRatio: "16:9", resolution: "720p",
                                                             sampleCount: 1, generateAudio: audio))
    }

    /// Where `ours` differs from the documented `expected`, as paths; placeholders match any string.
    static func differences(_ ours: JSONValue, _ expected: JSONValue, at path: String = "") -> [String] {
        switch (ours, expected) {
        case (.string, .string(let wanted)) where placeholders.contains(wanted) || (wanted.isEmpty && path.hasSuffix("bytesBase64Encoded")):
            return []
        case (.object(let mine), .object(let theirs)):
            var found: [String] = []
            for key in Set(mine.keys).union(theirs.keys).sorted() {
                guard let left = mine[key], let right = theirs[key] else {
                    found.append("\(path).\(key): \(mine[key] == nil ? "missing" : "not in the document")")
                    continue
                }
                found += differences(left, right, at: "\(path).\(key)")
            }
            return found
        case (.array(let mine), .array(let theirs)):
            guard mine.count == theirs.count else { return ["\(path): \(mine.count) items, the document has \(theirs.count)"] }
            return zip(mine, theirs).enumerated().flatMap { differences($1.0, $1.1, at: "\(path)[\($0)]") }
        default:
            return ours == expected ? [] : ["\(path): \(ours.encodedString()) ≠ \(expected.encodedString())"]
        }
    }

    @Test func openAIRelayBodiesMatchTheRelaysExamples() throws {
        let provider = OpenAIRelayProvider(access: Self.access, stagingDirectory: FileManager.default.temporaryDirectory)
        let prompt = "A cat playing piano in a beautiful garden"
        let cases: [(String, GenerationSpec)] = [
            ("openai-relay-01-image-to-video", Self.spec(provider: "openai-relay", model: "veo-3.0-fast-generate-001", image: Self.png) { $0.prompt = prompt; $0.image = "a.png" }),
            ("openai-relay-02-first-last-frame", Self.spec(provider: "openai-relay", model: "veo-3.0-fast-generate-001", image: Self.png, last: Self.png) {
                $0.prompt = prompt; $0.image = "a.png"; $0.lastFrame = "a.png" }),
            ("openai-relay-03-reference-images", Self.spec(provider: "openai-relay", model: "veo-3.0-fast-generate-001", image: Self.png,
                                                           refs: [(Self.png, .asset), (Self.png, .style)]) { $0.prompt = prompt; $0.image = "a.png" }),
        ]
        for (name, spec) in cases {
            let request = try provider.submitRequest(for: spec, media: Self.media)
            #expect(request.method == "POST" && request.url == "https://relay.example/v1/video/generations")
            let body = try #require(request.body)
            let found = Self.differences(body, try Self.fixture(name))
            #expect(found.isEmpty, "\(name): \(found)")
            #expect(body["image"]?.stringValue?.hasPrefix("data:") == false, "bare base64, no data: prefix")
        }
    }

    @Test func maasVertexBodiesMatchTheGatewaysExamples() throws {
        let provider = MaaSVertexProvider(access: Self.access, stagingDirectory: FileManager.default.temporaryDirectory)
        let cases: [(String, GenerationSpec)] = [
            ("maas-vertex-01-image-to-video", Self.spec(provider: "maas-vertex", model: "MaaS_Veo_3_generate_preview", image: Self.png) {
                $0.prompt = ""; $0.image = "a.png"; $0.durationSeconds = 8; $0.generateAudio = true }),
            ("maas-vertex-02-text-to-video", Self.spec(provider: "maas-vertex", model: "MaaS_Veo_3_generate_preview") {
                $0.prompt = ""; $0.durationSeconds = 8 }),
            ("maas-vertex-03-reference-images", Self.spec(provider: "maas-vertex", model: "MaaS_Veo_3.1_generate_preview", refs: [(Self.png, .asset)]) {
                $0.prompt = ""; $0.durationSeconds = 8; $0.generateAudio = false }),
        ]
        for (name, spec) in cases {
            let request = try provider.submitRequest(for: spec, media: Self.media)
            #expect(request.url == "https://relay.example/v1/ai/\(spec.model)/veo/videos/generate")
            #expect(request.headers.contains { $0.name == "Authorization" && $0.value == VertexAIProvider.tokenPlaceholder })
            let body = try #require(request.body)
            let found = Self.differences(body, try Self.fixture(name))
            #expect(found.isEmpty, "\(name): \(found)")
        }
        #expect(MaaSEndpoint(baseURL: "https://g").operationID(submitURL: "https://g/v1/ai/EP/veo/videos/generate", name: "9a0b")
                == "ai/EP/operations/9a0b")
        #expect(MaaSEndpoint(baseURL: "https://g").fetchURL(operation: "ai/EP/operations/9a0b") == "https://g/v1/ai/EP/veo/videos/task")
        #expect(MaaSEndpoint(baseURL: "https://g").fetchedName(operation: "ai/EP/operations/9a0b") == "9a0b")
    }

    @Test func cometChatBodiesMatchTheArticlesExamples() throws {
        let provider = CometChatProvider(access: Self.access, uploads: .none)
        let refs = ["https://example.com/ref1.jpg", "https://example.com/ref2.jpg", "https://example.com/ref3.jpg"]
        let cases: [(String, GenerationSpec)] = [
            ("comet-chat-01-basic", Self.spec(provider: "comet-chat", model: "veo3.1-pro") { $0.prompt = "Generate a cute kitten sitting on a cloud, cartoon style" }),
            ("comet-chat-02-reference-images", Self.spec(provider: "comet-chat", model: "veo3.1-pro", refs: refs.map { (Self.web($0), .asset) }) {
                $0.prompt = "Create a cinematic 6s shot: a fashion editorial on a city rooftop at golden hour. Keep the subject look consistent with the reference images."
                $0.resolution = "1080p"; $0.durationSeconds = 6; $0.fps = 24; $0.aspectRatio = "16:9"; $0.generateAudio = true }),
            ("comet-chat-03-first-last-frame", Self.spec(provider: "comet-chat", model: "veo-3.1", image: Self.web("https://example.com/first_frame.jpg"),
                                                         last: Self.web("https://example.com/last_frame.jpg")) {
                $0.prompt = "Interpolate between these two images to create an 8s cinematic morph: from 'sunlit victorian parlor' (first) to 'overgrown ruin' (last). Add soft ambient sound."
                $0.resolution = "1080p"; $0.durationSeconds = 8; $0.fps = 24; $0.aspectRatio = "16:9"; $0.generateAudio = true }),
        ]
        for (name, spec) in cases {
            let request = try provider.submitRequest(for: spec, media: Self.media)
            #expect(request.url == "https://relay.example/v1/chat/completions")
            guard case .object(var body)? = request.body else { Issue.record("no body"); continue }
            // The studio always streams (the only way to learn the link before a read timeout); two
            // of the three examples leave `stream` out.
            #expect(body["stream"] == .bool(true))
            let expected = try Self.fixture(name)
            if expected["stream"] == nil { body["stream"] = nil }
            #expect(Self.differences(.object(body), expected).isEmpty, "\(name): \(Self.differences(.object(body), expected))")
        }
        #expect(throws: StudioError.self, "a local file with no way to upload it is refused, naming the setting") {
            try provider.submitRequest(for: Self.spec(provider: "comet-chat", model: "veo3.1", image: Self.png) { $0.prompt = "x"; $0.image = "a.png" },
                                       media: Self.media)
        }
    }

    @Test func taskRelayBodyCarriesThePagesFieldsAndValues() throws {
        let provider = TaskRelayProvider(access: Self.access, uploads: .none)
        let spec = Self.spec(provider: "task-relay", model: "veo-3.1-reference-to-video", refs: [(Self.web("https://example.com/ref1.jpg"), .style)]) {
            $0.prompt = "A woman walking through a garden"; $0.aspectRatio = "16:9"; $0.durationSeconds = 8; $0.resolution = "720p"
            $0.generateAudio = true; $0.enhancePrompt = true; $0.personGeneration = "allow_adult"; $0.autoFix = true; $0.safetyLevel = 3
        }
        let request = try provider.submitRequest(for: spec, media: Self.media)
        #expect(request.url == "https://relay.example/v1/videos/generations")
        let body = try #require(request.body)
        let expected = try Self.fixture("task-relay-01-reference-to-video")
        #expect(Self.differences(body, expected).isEmpty, "\(Self.differences(body, expected))")
        let plain = Self.spec(provider: "task-relay", model: "veo-3.1-fast-reference-to-video", refs: [(Self.web("https://example.com/r.png"), .asset)]) {
            $0.prompt = "p" }
        let minimal = try #require(try provider.submitRequest(for: plain, media: Self.media).body)
        #expect(Set(minimal.objectValue?.keys.map { $0 } ?? []) == ["model", "prompt", "reference_image_urls", "duration"],
                "fields the page says not to pass unless necessary are left out: \(minimal.encodedString())")
    }

    @Test func relayAnswersMapOntoOneStateMachine() throws {
        func answer(_ status: String, url: String = "", inline: Bool = false) -> JSONValue {
            .object(["code": .string("success"), "message": .string(""),
                     "data": .object(["task_id": .string("T"), "status": .string(status), "format": .string("mp4"), "url": .string(url),
                                      "bytes_base64_encoded": inline ? .object(["stagedSample": .number(0), "bytes": .number(9)]) : .string(""),
                                      "error": .null, "metadata": .null])])
        }
        for word in ["queued", "in_progress", "processing", "unknown", "brand_new_word"] {
            #expect(try RelayTaskDecoder.decode(answer(word), task: "T", inlineURI: nil).done == false, "\(word) keeps polling")
        }
        for word in ["succeeded", "completed"] {
            let snapshot = try RelayTaskDecoder.decode(answer(word, url: "https://relay.example/v1/videos/T/content"), task: "T", inlineURI: nil)
            #expect(snapshot.done && snapshot.videos.map(\.uri) == ["https://relay.example/v1/videos/T/content"])
        }
        let failed = try RelayTaskDecoder.decode(answer("failed", url: "Reference to video does not support this mix of reference images."),
                                                 task: "T", inlineURI: nil)
        #expect(failed.done && failed.videos.isEmpty && failed.error?.message == "Reference to video does not support this mix of reference images.")
        let inline = try RelayTaskDecoder.decode(answer("succeeded", inline: true), task: "T", inlineURI: "relay-inline:T#0")
        #expect(inline.videos.map(\.uri) == ["relay-inline:T#0"])
        #expect(throws: ProviderFailure.self, "success with neither link nor bytes") {
            try RelayTaskDecoder.decode(answer("succeeded", url: "not a link"), task: "T", inlineURI: nil)
        }

        func task(_ status: String, progress: Double, results: [String] = []) -> JSONValue {
            .object(["id": .string("task-unified-1-x"), "status": .string(status), "progress": .number(progress),
                     "results": .array(results.map(JSONValue.string))])
        }
        let running = try UnifiedTaskDecoder.decode(task("processing", progress: 37), task: "t")
        #expect(!running.done && running.progress == 0.37)
        #expect(try UnifiedTaskDecoder.decode(task("pending", progress: 0), task: "t").done == false)
        let completed = try UnifiedTaskDecoder.decode(task("completed", progress: 100, results: ["https://files.example/v.mp4"]), task: "t")
        #expect(completed.done && completed.videos.count == 1 && completed.progress == 1)
    }

    @Test func chatAnswersAreReadStreamedOrWhole() throws {
        let streamed = ChatAnswerReader()
        let events = [
            #"data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"Task submitted. "}}]}"#,
            #"data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"> Progress: 40%\n"}}]}"#,
            #"data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"[▶️ Watch](https://cdn.example/v/abc.mp4) [⏬ Download](https://cdn.example/v/abc.mp4)"}}]}"#,
            "data: [DONE]", "",
        ].joined(separator: "\n\n")
        // Fed in small pieces, split anywhere.
        let bytes = Data(events.utf8)
        for start in stride(from: 0, to: bytes.count, by: 7) { try streamed.feed(bytes.subdata(in: start..<min(bytes.count, start + 7))) }
        try streamed.finish()
        #expect(streamed.complete && streamed.completionID == "chatcmpl-1" && streamed.videoLinks == ["https://cdn.example/v/abc.mp4"])

        let whole = ChatAnswerReader()
        try whole.feed(Data(#"{"id":"chatcmpl-2","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"done: https://cdn.example/x.mp4"}}]}"#.utf8))
        try whole.finish()
        #expect(whole.complete && whole.videoLinks == ["https://cdn.example/x.mp4"])

        let cut = ChatAnswerReader()
        try cut.feed(Data((#"data: {"id":"c","choices":[{"delta":{"content":"> Progress: 5%"}}]}"# + "\n\n").utf8))
        try cut.finish()
        #expect(!cut.complete && cut.videoLinks.isEmpty, "a cut stream is not an answer")
    }
}
